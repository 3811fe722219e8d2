/** Sign-in, sessions, cookies and CSRF of the staff router, over real HTTP. */
import assert from 'node:assert/strict';
import { z } from 'zod';
import { STAFF_PATH } from '../../src/staff/paths';
import { hashPassword } from '../../src/staff/password';
import { SESSION_COOKIE } from '../../src/staff/session';
import { auditTrail, PASSWORD, StaffClient, signedIn, startStaffServer, USERS, type StaffServer } from './support';

const sessionCookieLine = (client: StaffClient) => client.setCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? '';

describe('staff sign-in and sessions', () => {
  let server: StaffServer;
  beforeEach(async () => {
    server = await startStaffServer({ loginLimits: { perEmail: 3, perIp: 6 } });
  });
  afterEach(() => server.close());

  describe('when the password is right', () => {
    it('sets an HttpOnly, SameSite=Strict session cookie for /staff and goes to the conversations', async () => {
      const client = new StaffClient(server.url);
      const res = await client.login(USERS.askim);
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `${STAFF_PATH}/conversations`);
      const cookie = sessionCookieLine(client);
      assert.match(cookie, /; HttpOnly/);
      assert.match(cookie, /; SameSite=Strict/);
      assert.match(cookie, /; Path=\/staff/);
      assert.match(cookie, /; Max-Age=28800/);
      assert.doesNotMatch(cookie, /Secure/, 'plain http: no Secure flag, or the browser would drop it');
      assert.equal((await client.get(`${STAFF_PATH}/conversations`)).status, 200);
      assert.deepEqual((await auditTrail(server)).map((e) => [e.action, e.actor, e.municipality]), [['login', USERS.askim, 'askim']]);
    });

    it('marks the cookies Secure when the request came over https through a trusted proxy', async () => {
      const client = new StaffClient(server.url);
      const res = await client.login(USERS.askim, PASSWORD, { 'X-Forwarded-Proto': 'https' });
      assert.equal(res.status, 303);
      assert.match(sessionCookieLine(client), /; Secure/);
    });

    it('returns to the page asked for, but only to a staff page', async () => {
      const client = new StaffClient(server.url);
      const token = await client.loginToken();
      const res = await client.post(`${STAFF_PATH}/login`, { email: USERS.askim, password: PASSWORD, _csrf: token, next: '/staff/requests?status=open' });
      assert.equal(res.headers.get('location'), '/staff/requests?status=open');
      const evil = new StaffClient(server.url);
      const evilToken = await evil.loginToken();
      const away = await evil.post(`${STAFF_PATH}/login`, { email: USERS.askim, password: PASSWORD, _csrf: evilToken, next: '//evil.example/staff/' });
      assert.equal(away.headers.get('location'), `${STAFF_PATH}/conversations`);
    });

    it('accepts the e-mail in any case', async () => {
      assert.equal((await new StaffClient(server.url).login(USERS.askim.toUpperCase())).status, 303);
    });
  });

  describe('when sign-in fails', () => {
    it('answers a wrong password and an unknown e-mail alike, with 401 and no session', async () => {
      const wrong = new StaffClient(server.url);
      const resWrong = await wrong.login(USERS.askim, 'feil passord her');
      const unknown = new StaffClient(server.url);
      const resUnknown = await unknown.login('ingen@example.no');
      for (const [client, res] of [[wrong, resWrong], [unknown, resUnknown]] as const) {
        assert.equal(res.status, 401);
        assert.match(await res.text(), /Feil e-post eller passord\./);
        assert.equal(client.cookies.has(SESSION_COOKIE), false);
        assert.equal((await client.get(`${STAFF_PATH}/api/me`)).status, 401);
      }
      assert.deepEqual((await auditTrail(server)).map((e) => [e.action, e.actor, e.municipality]), [
        ['login_failed', USERS.askim, 'askim'],
        ['login_failed', 'ingen@example.no', '*'],
      ]);
    });

    it('refuses a sign-in without the login form token (login CSRF)', async () => {
      const client = new StaffClient(server.url);
      const res = await client.post(`${STAFF_PATH}/login`, { email: USERS.askim, password: PASSWORD });
      assert.equal(res.status, 403);
      assert.equal(client.cookies.has(SESSION_COOKIE), false);
    });

    it('rate-limits failures per e-mail: after 3 even the right password waits', async () => {
      for (let i = 0; i < 3; i++) assert.equal((await new StaffClient(server.url).login(USERS.askim, `feil passord ${i}`)).status, 401);
      const res = await new StaffClient(server.url).login(USERS.askim);
      assert.equal(res.status, 429);
      assert.match(await res.text(), /For mange mislykkede innlogginger/);
      assert.equal((await new StaffClient(server.url).login(USERS.stranda)).status, 303, 'other accounts are not locked out');
    });

    it('rate-limits failures per client IP across e-mail addresses', async () => {
      for (let i = 0; i < 6; i++) assert.equal((await new StaffClient(server.url).login(`gjett${i}@example.no`, 'feil passord her')).status, 401);
      assert.equal((await new StaffClient(server.url).login(USERS.stranda)).status, 429);
    });
  });

  describe('when not signed in', () => {
    it('redirects pages to the sign-in page, remembering where to return', async () => {
      const res = await new StaffClient(server.url).get(`${STAFF_PATH}/requests?status=open`);
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `${STAFF_PATH}/login?next=${encodeURIComponent('/staff/requests?status=open')}`);
    });

    it('answers the API with 401', async () => {
      const res = await new StaffClient(server.url).get(`${STAFF_PATH}/api/requests`);
      assert.equal(res.status, 401);
      assert.deepEqual(await res.json(), { error: 'Du må logge inn.' });
    });

    it('ignores a forged or tampered session cookie', async () => {
      const { client } = await signedIn(server.url, USERS.askim);
      const value = client.cookies.get(SESSION_COOKIE)!;
      const [body, signature] = value.split('.');
      const payload = z.record(z.string(), z.unknown()).parse(JSON.parse(Buffer.from(body!, 'base64url').toString('utf8')));
      const forged = Buffer.from(JSON.stringify({ ...payload, role: 'admin', m: undefined })).toString('base64url');
      client.cookies.set(SESSION_COOKIE, `${forged}.${signature}`);
      assert.equal((await client.get(`${STAFF_PATH}/api/me`)).status, 401);
    });
  });

  describe('a session', () => {
    it('ends after 8 hours', async () => {
      const { client } = await signedIn(server.url, USERS.askim);
      server.clock.now = new Date(server.clock.now.getTime() + 8 * 3600_000 - 1000);
      assert.equal((await client.get(`${STAFF_PATH}/api/me`)).status, 200);
      server.clock.now = new Date(server.clock.now.getTime() + 2000);
      assert.equal((await client.get(`${STAFF_PATH}/api/me`)).status, 401);
    });

    it('ends at once when the account is removed, moved to another municipality or given a new password', async () => {
      const removed = await signedIn(server.url, USERS.askim);
      const moved = await signedIn(server.url, USERS.stranda);
      const rehashed = await signedIn(server.url, USERS.admin);
      const newHash = await hashPassword('et helt nytt passord', { N: 1024, r: 8, p: 1 });
      server.accounts.accounts = server.accounts.accounts
        .filter((a) => a.email !== USERS.askim)
        .map((a) => (a.email === USERS.stranda ? { ...a, municipality: 'askim' } : a.email === USERS.admin ? { ...a, passwordHash: newHash } : a));
      for (const { client } of [removed, moved, rehashed]) assert.equal((await client.get(`${STAFF_PATH}/api/me`)).status, 401);
    });

    it('ends on sign-out (a POST with the CSRF token), which is audited', async () => {
      const { client, csrf } = await signedIn(server.url, USERS.askim);
      assert.equal((await client.post(`${STAFF_PATH}/logout`, {})).status, 403, 'no token: refused');
      const res = await client.post(`${STAFF_PATH}/logout`, { _csrf: csrf });
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `${STAFF_PATH}/login`);
      assert.match(sessionCookieLine(client), /Max-Age=0/);
      assert.equal((await client.get(`${STAFF_PATH}/api/me`)).status, 401);
      assert.deepEqual((await auditTrail(server)).map((e) => e.action), ['login', 'logout']);
    });
  });

  describe('CSRF protection', () => {
    it('refuses state-changing requests with a missing, wrong or another session\'s token', async () => {
      const { client, csrf } = await signedIn(server.url, USERS.askim);
      const other = await signedIn(server.url, USERS.askim);
      assert.notEqual(csrf, other.csrf, 'each session has its own token');
      const reference = server.references.askim[0]!;
      const statusPath = `${STAFF_PATH}/requests/${reference}/status`;
      const forms: Record<string, string>[] = [{ status: 'answered' }, { status: 'answered', _csrf: 'wrong' }, { status: 'answered', _csrf: other.csrf }];
      for (const form of forms) {
        const res = await client.post(statusPath, form);
        assert.equal(res.status, 403, JSON.stringify(form));
        assert.match(await res.text(), /Skjemaet er utløpt/);
      }
      const api = `${STAFF_PATH}/api/requests/${reference}/status`;
      const json = { 'Content-Type': 'application/json' };
      assert.equal((await client.request(api, { method: 'POST', headers: json, body: '{"status":"answered"}' })).status, 403);
      assert.equal((await client.request(api, { method: 'POST', headers: { ...json, 'X-CSRF-Token': other.csrf }, body: '{"status":"answered"}' })).status, 403);
      assert.equal((await client.request(`${STAFF_PATH}/api/conversations/directline/askim-conv-1`, { method: 'DELETE' })).status, 403);
      assert.equal((await server.requests.get(reference))?.status, 'new', 'nothing changed');
      assert.equal((await server.archive.getTranscript('directline', 'askim-conv-1')).length > 0, true);

      assert.equal((await client.post(statusPath, { status: 'answered', _csrf: csrf })).status, 303);
      assert.equal((await client.request(api, { method: 'POST', headers: { ...json, 'X-CSRF-Token': csrf }, body: '{"status":"closed"}' })).status, 200);
      assert.equal((await server.requests.get(reference))?.status, 'closed');
    });
  });

  it('serves staff pages with a strict CSP, no framing and no caching', async () => {
    const { client } = await signedIn(server.url, USERS.askim);
    const res = await client.get(`${STAFF_PATH}/conversations`);
    assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.doesNotMatch(res.headers.get('content-security-policy') ?? '', /script-src/);
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
    assert.equal(res.headers.get('cache-control'), 'no-store');
  });
});
