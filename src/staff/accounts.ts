/**
 * Staff accounts from a JSON file (STAFF_ACCOUNTS_FILE, by default DATA_DIR/staff-accounts.json),
 * written by `npm run staff:add`. The file is checked for changes on every lookup, so an account
 * removed or a password changed takes effect on every instance sharing the file at once.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { describeIssues, safeParseReporting } from '../shared/zodIssues';
import { parsePasswordHash } from './password';
import { normaliseEmail, type StaffAccount } from './types';

const email = z.email('must be an e-mail address').transform(normaliseEmail);
const passwordHash = z.string().refine((h) => parsePasswordHash(h) !== undefined, 'must be "scrypt$N$r$p$salt$hash" (create it with npm run staff:add)');

const accountSchema = z.discriminatedUnion('role', [
  z.strictObject({ email, role: z.literal('staff'), municipality: z.string().regex(/^[a-z0-9-]+$/, 'must be a municipality id'), passwordHash }),
  z.strictObject({ email, role: z.literal('admin'), passwordHash }),
]);

/** The accounts file's name in DATA_DIR unless STAFF_ACCOUNTS_FILE names another. */
export const STAFF_ACCOUNTS_FILE_NAME = 'staff-accounts.json';

export const accountsFileSchema = z.array(accountSchema).superRefine((accounts, ctx) => {
  const seen = new Set<string>();
  accounts.forEach((a, i) => {
    if (seen.has(a.email)) ctx.addIssue({ code: 'custom', path: [i, 'email'], message: `duplicate account "${a.email}"` });
    seen.add(a.email);
  });
});

export class AccountsFileError extends Error {
  override name = 'AccountsFileError';
}

/** What the router needs: the account as it is now, looked up on every request. */
export interface StaffAccounts {
  find(email: string): StaffAccount | undefined;
}

/** A fixed set of accounts (tests, or accounts built elsewhere). */
export function staticAccounts(accounts: readonly StaffAccount[]): StaffAccounts {
  const byEmail = new Map(accounts.map((a) => [normaliseEmail(a.email), { ...a, email: normaliseEmail(a.email) }]));
  return { find: (e) => byEmail.get(normaliseEmail(e)) };
}

/** Parses the file's text; errors read `Staff accounts file data/x.json: [2].email must be an e-mail address`. */
export function parseAccounts(path: string, text: string): StaffAccount[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new AccountsFileError(`Staff accounts file ${path}: is not valid JSON: ${(err as Error).message}`);
  }
  const result = safeParseReporting(accountsFileSchema, data);
  if (!result.success) throw new AccountsFileError(`Staff accounts file ${path}: ${describeIssues(result.error.issues, ' ', 5)}`);
  return result.data;
}

/** The accounts in the file; none when it does not exist yet. */
export function readAccountsFile(path: string): StaffAccount[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return parseAccounts(path, text);
}

/** Writes the whole file atomically (temp file, then rename), readable by the owner only. */
export function writeAccountsFile(path: string, accounts: readonly StaffAccount[]): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, path);
}

/** The list with this account added, or replacing the one with the same e-mail. */
export function upsertAccount(accounts: readonly StaffAccount[], account: StaffAccount): { accounts: StaffAccount[]; created: boolean } {
  const index = accounts.findIndex((a) => a.email === account.email);
  if (index === -1) return { accounts: [...accounts, account], created: true };
  return { accounts: accounts.map((a, i) => (i === index ? account : a)), created: false };
}

export interface FileStaffAccountsOptions {
  /** Called when the file changed into something invalid; the last valid accounts stay in use. */
  onError?: (error: Error) => void;
}

/** The accounts file, re-read when its modification time or size changes. */
export class FileStaffAccounts implements StaffAccounts {
  private accounts: StaffAccounts = staticAccounts([]);
  private stamp = '';
  /** How many accounts the file held when last read (for a start-up log line). */
  size = 0;

  /** Reads the file once; an invalid file stops start-up with a message naming the problem. */
  constructor(
    readonly path: string,
    private readonly options: FileStaffAccountsOptions = {},
  ) {
    this.refresh(true);
  }

  find(email: string): StaffAccount | undefined {
    this.refresh(false);
    return this.accounts.find(email);
  }

  private refresh(strict: boolean): void {
    let stamp = 'missing';
    try {
      const stat = statSync(this.path);
      stamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    } catch {
      // no file: no accounts
    }
    if (stamp === this.stamp) return;
    try {
      const accounts = readAccountsFile(this.path);
      this.accounts = staticAccounts(accounts);
      this.size = accounts.length;
    } catch (err) {
      if (strict) throw err;
      this.options.onError?.(err as Error);
    }
    // Also after an error: reported once per change, not on every request.
    this.stamp = stamp;
  }
}
