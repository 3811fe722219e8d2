/**
 * The audit log as one blob per entry, named "{municipality}/{inverted time}-{random}.json" so a
 * municipality's newest entries come first in a listing and a limited read stops early.
 */
import { randomUUID } from 'node:crypto';
import { text } from 'node:stream/consumers';
import type { ContainerClient } from '@azure/storage-blob';
import { auditEntrySchema, checkAuditEntry, parseStored } from './archiveRecords';
import type { AuditEntry, AuditLog } from './types';

/** Milliseconds to year 9999, zero-padded: later entries get smaller, earlier-sorting names. */
const LATEST_MS = Date.UTC(9999, 11, 31);
const PARALLEL_READS = 16;
const invertedTime = (at: string) => String(LATEST_MS - Date.parse(at)).padStart(15, '0');

export class AzureAuditLog implements AuditLog {
  constructor(private readonly container: ContainerClient) {}

  async append(entry: AuditEntry): Promise<void> {
    const e = checkAuditEntry(entry);
    const body = JSON.stringify(e);
    const name = `${encodeURIComponent(e.municipality)}/${invertedTime(e.at)}-${randomUUID()}.json`;
    await this.container.getBlockBlobClient(name).upload(body, Buffer.byteLength(body), { blobHTTPHeaders: { blobContentType: 'application/json' } });
  }

  async list(filter: { municipality?: string; limit?: number }): Promise<AuditEntry[]> {
    const limit = filter.limit ?? Infinity;
    const prefix = filter.municipality === undefined ? undefined : `${encodeURIComponent(filter.municipality)}/`;
    const names: string[] = [];
    for await (const blob of this.container.listBlobsFlat(prefix === undefined ? {} : { prefix })) {
      names.push(blob.name);
      // Within one municipality the listing is already newest first.
      if (prefix !== undefined && names.length >= limit) break;
    }
    const newest = names.sort((a, b) => timePart(a).localeCompare(timePart(b))).slice(0, limit);
    const entries: AuditEntry[] = [];
    for (let i = 0; i < newest.length; i += PARALLEL_READS) {
      entries.push(...(await Promise.all(newest.slice(i, i + PARALLEL_READS).map((name) => this.read(name)))));
    }
    return entries.sort((a, b) => b.at.localeCompare(a.at));
  }

  private async read(name: string): Promise<AuditEntry> {
    const download = await this.container.getBlobClient(name).download();
    if (!download.readableStreamBody) throw new Error(`AzureAuditLog: entry ${name} has no content`);
    return parseStored(auditEntrySchema, JSON.parse(await text(download.readableStreamBody)), `AzureAuditLog: entry ${name}`);
  }
}

const timePart = (name: string) => name.slice(name.indexOf('/') + 1);
