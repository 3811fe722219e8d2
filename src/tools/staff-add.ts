/**
 * `npm run staff:add -- --municipality askim --email kari@askim.kommune.no [--role staff|admin]
 * [--password-stdin] [--file path] [--content dir]`: creates a staff account, or sets a new
 * password on an existing one. The password is read without echo from the terminal (twice), or
 * from stdin with --password-stdin (for scripts); it is stored only as an scrypt hash.
 *
 * The file is STAFF_ACCOUNTS_FILE, else DATA_DIR/staff-accounts.json (DATA_DIR defaults to data),
 * the same the server reads; running servers pick up the change on the next request.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadContent } from '../content/load';
import { STAFF_ACCOUNTS_FILE_NAME } from '../staff/accounts';
import { addStaffAccount } from '../staff/addAccount';
import { MIN_PASSWORD_LENGTH } from '../staff/password';
import { ROLES, type Role } from '../staff/types';

const USAGE = 'Usage: npm run staff:add -- --email <e-mail> (--municipality <id> | --role admin) [--password-stdin] [--file <accounts.json>] [--content <dir>]';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  // One trailing newline is the end of the line, not part of the password.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Reads a line from the terminal without showing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let input = '';
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stdout.write('\n');
      if (error) reject(error);
      else resolve(input);
    };
    const onData = (text: string) => {
      for (const char of text) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new Error('staff:add: cancelled'));
        if (char === '\u007f' || char === '\b') input = [...input].slice(0, -1).join('');
        else if (char >= ' ') input += char;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return readStdin();
  if (!process.stdin.isTTY) throw new Error('staff:add: no terminal to ask for the password; pipe it in with --password-stdin');
  const password = await promptHidden(`Password (at least ${MIN_PASSWORD_LENGTH} characters): `);
  const again = await promptHidden('Repeat the password: ');
  if (password !== again) throw new Error('staff:add: the passwords differ');
  return password;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      municipality: { type: 'string' },
      role: { type: 'string', default: 'staff' },
      'password-stdin': { type: 'boolean', default: false },
      file: { type: 'string', default: process.env['STAFF_ACCOUNTS_FILE'] ?? join(process.env['DATA_DIR'] ?? 'data', STAFF_ACCOUNTS_FILE_NAME) },
      content: { type: 'string', default: process.env['CONTENT_DIR'] ?? 'content' },
    },
  });
  const role = ROLES.find((r): r is Role => r === values.role);
  if (!values.email || !role) {
    console.error(USAGE);
    process.exit(2);
  }
  const municipalities = loadContent(values.content).municipalities.map((m) => m.id);
  const password = await readPassword(values['password-stdin']);
  const { account, created } = await addStaffAccount({ file: values.file, email: values.email, role, municipality: values.municipality, password, municipalities });
  const who = account.role === 'admin' ? 'admin of all municipalities' : `staff of ${account.municipality}`;
  console.log(`${created ? 'Created' : 'Updated the password of'} ${account.email} (${who}) in ${values.file}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
