/**
 * Creates a staff account, or sets a new password on an existing one, in the accounts file:
 * what `npm run staff:add` does once it has the password. Checks everything before writing.
 */
import { z } from 'zod';
import { readAccountsFile, upsertAccount, writeAccountsFile } from './accounts';
import { DEFAULT_SCRYPT, hashPassword, passwordProblem, type ScryptParams } from './password';
import { normaliseEmail, type Role, type StaffAccount } from './types';

export class StaffAddError extends Error {
  override name = 'StaffAddError';
}

export interface AddAccountOptions {
  file: string;
  email: string;
  role: Role;
  /** Required for staff; not allowed for admin. */
  municipality?: string | undefined;
  password: string;
  /** Municipality ids in content/. */
  municipalities: readonly string[];
  scrypt?: ScryptParams;
}

export async function addStaffAccount(options: AddAccountOptions): Promise<{ account: StaffAccount; created: boolean }> {
  const email = normaliseEmail(options.email);
  if (!z.email().safeParse(email).success) throw new StaffAddError(`staff:add: --email "${options.email}" is not an e-mail address`);
  if (options.role === 'staff') {
    if (!options.municipality) throw new StaffAddError('staff:add: --municipality is required for role staff');
    if (!options.municipalities.includes(options.municipality)) {
      throw new StaffAddError(`staff:add: --municipality "${options.municipality}" is not in content/ (known: ${options.municipalities.join(', ')})`);
    }
  } else if (options.municipality) {
    throw new StaffAddError('staff:add: an admin sees every municipality; leave out --municipality');
  }
  const problem = passwordProblem(options.password);
  if (problem) throw new StaffAddError(`staff:add: the password ${problem}`);

  const existing = readAccountsFile(options.file);
  const passwordHash = await hashPassword(options.password, options.scrypt ?? DEFAULT_SCRYPT);
  const account: StaffAccount = options.role === 'admin' ? { email, role: 'admin', passwordHash } : { email, role: 'staff', municipality: options.municipality!, passwordHash };
  const { accounts, created } = upsertAccount(existing, account);
  writeAccountsFile(options.file, accounts);
  return { account, created };
}
