/**
 * Reads and validates the content directory. Any invalid file stops the load with an error that
 * names the file, the field and the problem: a server never serves half of its content.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { describeIssues, safeParseReporting } from '../shared/zodIssues';
import { generalSchema, municipalitySchema, type GeneralKnowledge, type Municipality } from './schema';

export const GENERAL_FILE = 'general.yaml';

export class ContentError extends Error {
  override name = 'ContentError';
}

export interface Content {
  municipalities: Municipality[];
  general: GeneralKnowledge;
}

/** Parses YAML text with a schema; errors read `Content stranda.yaml: sections[3].title is required`. */
export function parseContent<S extends z.ZodType>(fileName: string, text: string, schema: S): z.infer<S> {
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    throw new ContentError(`Content ${fileName}: is not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  const result = safeParseReporting(schema, data);
  if (!result.success) throw new ContentError(`Content ${fileName}: ${describeIssues(result.error.issues, ' ')}`);
  return result.data;
}

export function parseMunicipality(fileName: string, text: string): Municipality {
  const m = parseContent(fileName, text, municipalitySchema);
  const expectedId = basename(fileName, '.yaml');
  if (m.id !== expectedId) {
    throw new ContentError(`Content ${fileName}: id "${m.id}" must match the file name ("${expectedId}")`);
  }
  return m;
}

/** Loads content/general.yaml and every other *.yaml as a municipality. */
export function loadContent(dir: string): Content {
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  if (!files.includes(GENERAL_FILE)) throw new ContentError(`Content ${GENERAL_FILE}: file is missing in ${dir}`);
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  const general = parseContent(GENERAL_FILE, read(GENERAL_FILE), generalSchema);
  const municipalities = files.filter((f) => f !== GENERAL_FILE).map((f) => parseMunicipality(f, read(f)));
  if (municipalities.length === 0) throw new ContentError(`Content: no municipality files in ${dir}`);
  return { municipalities, general };
}
