/** The staff module's parts on their own: passwords, sessions, the accounts file, staff:add, dates, CSV, grouping. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountsFileError, FileStaffAccounts, parseAccounts, readAccountsFile } from '../../src/staff/accounts';
import { addStaffAccount } from '../../src/staff/addAccount';
import { csvCell, toCsv } from '../../src/staff/csv';
import { daysBetween, startOfNorwegianDay } from '../../src/staff/dates';
import { hashPassword, parsePasswordHash, passwordProblem, verifyPassword } from '../../src/staff/password';
import { deliverySummary } from '../../src/staff/requestQueue';
import { deriveKeys, newSession, parseCookies, signSession, verifySession } from '../../src/staff/session';
import { groupUnanswered, type UnansweredTurn } from '../../src/staff/unanswered';
import { SECRET_FILE, staffSessionSecret } from '../../src/staff/secret';

const CHEAP = { N: 1024, r: 8, p: 1 };

function tempDir() {
  const path = mkdtempSync(join(tmpdir(), 'personvern-staff-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

describe('staff passwords', () => {
  it('stores scrypt$N$r$p$salt$hash with a fresh salt, and verifies only the right password', async () => {
    const a = await hashPassword('korrekt hest batteri', CHEAP);
    const b = await hashPassword('korrekt hest batteri', CHEAP);
    assert.match(a, /^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    assert.notEqual(a, b);
    assert.equal(await verifyPassword('korrekt hest batteri', a), true);
    assert.equal(await verifyPassword('korrekt hest batterI', a), false);
    assert.equal(await verifyPassword('korrekt hest batteri', 'plain text'), false);
  });

  it('refuses hashes with unsafe or malformed parameters', () => {
    assert.equal(parsePasswordHash('scrypt$1000$8$1$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA=='), undefined, 'N not a power of two');
    assert.equal(parsePasswordHash('scrypt$1024$8$1$c2FsdA==$aGFzaA=='), undefined, 'hash too short');
  });

  it('refuses short and repetitive passwords', () => {
    assert.equal(passwordProblem('kort passord'), undefined);
    assert.match(passwordProblem('elleve tegn') ?? '', /at least 12 characters/);
    assert.match(passwordProblem('aaaaaaaaaaaaaaaa') ?? '', /repeat/);
  });
});

describe('staff session cookies', () => {
  const keys = deriveKeys('x'.repeat(40));
  const now = new Date('2026-03-16T09:00:00Z');
  const session = newSession({ email: 'kari@askim.kommune.no', role: 'staff', municipality: 'askim' }, 'pv', now);

  it('round-trips until it expires, and not under another secret', () => {
    const cookie = signSession(keys, session);
    assert.deepEqual(verifySession(keys, cookie, now), session);
    assert.equal(verifySession(keys, cookie, new Date(session.expiresAt)), undefined);
    assert.equal(verifySession(deriveKeys('y'.repeat(40)), cookie, now), undefined);
    assert.equal(verifySession(keys, `${cookie}x`, now), undefined);
    assert.equal(verifySession(keys, 'garbage', now), undefined);
  });

  it('needs a secret of at least 32 characters', () => {
    assert.throws(() => deriveKeys('short'), /Staff sessions: sessionSecret must be at least 32 characters \(got 5\)/);
  });

  it('parses cookie headers', () => {
    assert.deepEqual([...parseCookies('a=1; pv_staff=x.y; a=2; bad; q="quoted"')], [['a', '1'], ['pv_staff', 'x.y'], ['q', 'quoted']]);
  });
});

describe('the staff session secret', () => {
  it('uses STAFF_SESSION_SECRET when set, else creates one in DATA_DIR once and keeps it', () => {
    const dir = tempDir();
    try {
      assert.equal(staffSessionSecret('s'.repeat(32), dir.path), 's'.repeat(32));
      assert.throws(() => staffSessionSecret('short', dir.path), /Config: STAFF_SESSION_SECRET must be at least 32 characters/);
      const created = staffSessionSecret(undefined, join(dir.path, 'data'));
      assert.ok(created.length >= 32);
      assert.equal(staffSessionSecret('', join(dir.path, 'data')), created, 'the same after a restart');
      assert.equal(statSync(join(dir.path, 'data', SECRET_FILE)).mode & 0o777, 0o600);
    } finally {
      dir.remove();
    }
  });
});

describe('the staff accounts file', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('names the file, the account and the problem when it is invalid', () => {
    assert.throws(() => parseAccounts('a.json', '[{"email":"kari","role":"staff","municipality":"askim","passwordHash":"x"}]'), (err: Error) => {
      assert.ok(err instanceof AccountsFileError);
      assert.match(err.message, /^Staff accounts file a\.json: \[0\]\.email must be an e-mail address; \[0\]\.passwordHash must be "scrypt\$N\$r\$p\$salt\$hash"/);
      return true;
    });
    assert.throws(() => parseAccounts('a.json', '[{"email":"a@b.no","role":"staff","passwordHash":"x"}]'), /\[0\]\.municipality is required/);
    assert.throws(() => parseAccounts('a.json', '{'), /Staff accounts file a\.json: is not valid JSON/);
  });

  it('is empty when missing, re-read when changed, and keeps the last valid accounts when a change breaks it', async () => {
    const file = join(dir.path, 'staff-accounts.json');
    const errors: string[] = [];
    const accounts = new FileStaffAccounts(file, { onError: (e) => errors.push(e.message) });
    assert.equal(accounts.find('kari@askim.kommune.no'), undefined);
    await addStaffAccount({ file, email: 'kari@askim.kommune.no', role: 'staff', municipality: 'askim', password: 'et langt nok passord', municipalities: ['askim'], scrypt: CHEAP });
    assert.equal(accounts.find('KARI@askim.kommune.no')?.role, 'staff');
    writeFileSync(file, '[oops');
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    assert.equal(accounts.find('kari@askim.kommune.no')?.role, 'staff', 'the last valid accounts stay');
    assert.equal(accounts.find('kari@askim.kommune.no')?.role, 'staff');
    assert.equal(errors.length, 1, 'reported once per change');
  });
});

describe('staff:add', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());
  const base = (file: string) => ({ file, municipalities: ['askim', 'stranda'], scrypt: CHEAP });

  it('creates accounts, updates an existing one\'s password, and writes the file for the owner only', async () => {
    const file = join(dir.path, 'sub', 'staff-accounts.json');
    assert.equal((await addStaffAccount({ ...base(file), email: 'Kari@Askim.kommune.no', role: 'staff', municipality: 'askim', password: 'første passord her' })).created, true);
    assert.equal((await addStaffAccount({ ...base(file), email: 'drift@example.no', role: 'admin', password: 'admin passord her' })).created, true);
    const before = readAccountsFile(file)[0]!.passwordHash;
    assert.equal((await addStaffAccount({ ...base(file), email: 'kari@askim.kommune.no', role: 'staff', municipality: 'askim', password: 'andre passord her' })).created, false);
    const accounts = readAccountsFile(file);
    assert.deepEqual(accounts.map((a) => [a.email, a.role]), [['kari@askim.kommune.no', 'staff'], ['drift@example.no', 'admin']]);
    assert.notEqual(accounts[0]!.passwordHash, before);
    assert.equal(await verifyPassword('andre passord her', accounts[0]!.passwordHash), true);
    assert.doesNotMatch(readFileSync(file, 'utf8'), /passord/);
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it('refuses weak passwords, unknown municipalities and inconsistent roles, writing nothing', async () => {
    const file = join(dir.path, 'staff-accounts.json');
    await assert.rejects(addStaffAccount({ ...base(file), email: 'a@askim.no', role: 'staff', municipality: 'askim', password: 'for kort' }), /staff:add: the password must be at least 12 characters/);
    await assert.rejects(addStaffAccount({ ...base(file), email: 'a@askim.no', role: 'staff', municipality: 'oslo', password: 'et langt nok passord' }), /staff:add: --municipality "oslo" is not in content\/ \(known: askim, stranda\)/);
    await assert.rejects(addStaffAccount({ ...base(file), email: 'a@askim.no', role: 'staff', password: 'et langt nok passord' }), /--municipality is required for role staff/);
    await assert.rejects(addStaffAccount({ ...base(file), email: 'a@askim.no', role: 'admin', municipality: 'askim', password: 'et langt nok passord' }), /leave out --municipality/);
    await assert.rejects(addStaffAccount({ ...base(file), email: 'not-an-address', role: 'admin', password: 'et langt nok passord' }), /--email "not-an-address" is not an e-mail address/);
    assert.deepEqual(readAccountsFile(file), []);
  });

  it('runs from the command line with --password-stdin', function () {
    this.timeout(30_000);
    const file = join(dir.path, 'staff-accounts.json');
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, '..', '..', 'src', 'tools', 'staff-add.ts'), '--municipality', 'askim', '--email', 'kari@askim.kommune.no', '--password-stdin', '--file', file], { input: 'et langt nok passord\n', encoding: 'utf8' });
    assert.match(out, /^Created kari@askim\.kommune\.no \(staff of askim\) in /);
    assert.deepEqual(readAccountsFile(file).map((a) => [a.email, a.role]), [['kari@askim.kommune.no', 'staff']]);
  });
});

describe('staff dates', () => {
  it('starts days in Norwegian time, across daylight saving changes', () => {
    assert.equal(startOfNorwegianDay('2026-01-15').toISOString(), '2026-01-14T23:00:00.000Z');
    assert.equal(startOfNorwegianDay('2026-07-15').toISOString(), '2026-07-14T22:00:00.000Z');
    assert.equal(startOfNorwegianDay('2026-03-29').toISOString(), '2026-03-28T23:00:00.000Z', 'the day summer time starts');
    assert.equal(startOfNorwegianDay('2026-10-25').toISOString(), '2026-10-24T22:00:00.000Z', 'the day summer time ends');
    assert.equal(daysBetween('2026-03-16', '2026-03-10'), -6);
    assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2);
  });
});

describe('staff CSV', () => {
  it('quotes every field, doubles quotes and defuses formulas in text', () => {
    assert.equal(csvCell('a"b'), '"a""b"');
    for (const start of ['=', '+', '-', '@', '\t', '\r']) assert.equal(csvCell(`${start}1`), `"'${start}1"`);
    assert.equal(csvCell(-3), '"-3"', 'our own numbers stay numbers');
    assert.equal(toCsv(['a', 'b'], [['x', undefined]]), '\uFEFF"a";"b"\r\n"x";""\r\n');
  });
});

describe('staff request queue', () => {
  it('sums up delivery: delivered if any channel got it, failed if all failed, else pending', () => {
    const d = (state: 'pending' | 'sending' | 'delivered' | 'failed') => ({ channel: 'email' as const, state, attempts: 1 });
    assert.equal(deliverySummary([d('failed'), d('delivered')]), 'delivered');
    assert.equal(deliverySummary([d('failed'), d('failed')]), 'failed');
    assert.equal(deliverySummary([d('failed'), d('sending')]), 'pending');
    assert.equal(deliverySummary([]), 'pending');
  });
});

describe('grouping unanswered questions', () => {
  const turn = (question: string, at: string, municipality = 'askim', reason: UnansweredTurn['reason'] = 'not_covered'): UnansweredTurn => ({ municipality, question, at, reason, conversation: { channelId: 'directline', conversationId: at } });

  it('joins wordings that share stemmed content words (also nynorsk), counts and sorts by count', () => {
    const groups = groupUnanswered([
      turn('Bruker dere kunstig intelligens?', '2026-03-01T10:00:00Z'),
      turn('bruker dere KUNSTIG intelligens', '2026-03-02T10:00:00Z'),
      turn('Brukar de kunstig intelligens?', '2026-03-03T10:00:00Z'),
      turn('Hvor lenge lagres kameraopptak?', '2026-03-04T10:00:00Z', 'askim', 'low_confidence'),
      turn('Bruker dere kunstig intelligens?', '2026-03-05T10:00:00Z', 'stranda'),
    ]);
    assert.deepEqual(
      groups.map((g) => [g.municipality, g.question, g.count, g.variants, g.notCovered, g.lowConfidence, g.lastSeen]),
      [
        ['askim', 'bruker dere KUNSTIG intelligens', 3, [{ text: 'Brukar de kunstig intelligens?', count: 1 }], 3, 0, '2026-03-03T10:00:00Z'],
        ['stranda', 'Bruker dere kunstig intelligens?', 1, [], 1, 0, '2026-03-05T10:00:00Z'],
        ['askim', 'Hvor lenge lagres kameraopptak?', 1, [], 0, 1, '2026-03-04T10:00:00Z'],
      ],
    );
  });

  it('keeps questions apart that share less than half their words', () => {
    const groups = groupUnanswered([turn('Hvor lenge lagres kameraopptak?', '2026-03-01T10:00:00Z'), turn('Hvem kan se kameraopptakene?', '2026-03-02T10:00:00Z'), turn('hæ?', '2026-03-03T10:00:00Z')]);
    assert.equal(groups.length, 3);
  });
});
