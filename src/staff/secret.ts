/**
 * The key staff session cookies are signed with: STAFF_SESSION_SECRET when set (required when
 * several instances serve /staff, as every instance must use the same one), else a random
 * secret created once in DATA_DIR and reused after restarts. Rotating it signs everyone out.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIN_SECRET_LENGTH } from './session';

export const SECRET_FILE = 'staff-session-secret';

export function staffSessionSecret(configured: string | undefined, dataDir: string): string {
  if (configured !== undefined && configured !== '') {
    if (configured.length < MIN_SECRET_LENGTH) throw new Error(`Config: STAFF_SESSION_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    return configured;
  }
  const file = join(dataDir, SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx': of two processes starting at once, one creates the file and both read the same secret.
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`Staff sessions: ${file} holds a secret shorter than ${MIN_SECRET_LENGTH} characters; delete it to create a new one`);
  return secret;
}
