/**
 * Stateless sessions: the cookie holds who is signed in and until when, signed with HMAC-SHA256
 * under a key derived from the session secret, so any instance behind the load balancer can
 * check it without shared session storage. The router still looks the account up on every
 * request: a removed account, a changed role or municipality, or a new password (the cookie
 * carries a fingerprint of the hash) ends the session everywhere.
 *
 * CSRF tokens are HMACs of the session id (of a random pre-session nonce on the login form):
 * only the server can make them, and they stop working with the session.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ROLES, type StaffUser } from './types';

export const SESSION_COOKIE = 'pv_staff';
export const LOGIN_COOKIE = 'pv_staff_login';
export const COOKIE_PATH = '/staff';
/** Eight hours: a working day; then the staff member signs in again. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
export const MIN_SECRET_LENGTH = 32;

export interface SessionKeys {
  session: Buffer;
  csrf: Buffer;
  login: Buffer;
  password: Buffer;
}

/** One key per use, so a value signed for one purpose is never valid for another. */
export function deriveKeys(secret: string): SessionKeys {
  if (secret.length < MIN_SECRET_LENGTH) throw new Error(`Staff sessions: sessionSecret must be at least ${MIN_SECRET_LENGTH} characters (got ${secret.length})`);
  const key = (purpose: string) => createHmac('sha256', secret).update(`personvern-bot staff ${purpose}`).digest();
  return { session: key('session'), csrf: key('csrf'), login: key('login'), password: key('password') };
}

const mac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest('base64url');

export function sameToken(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface Session {
  /** Random per sign-in; the CSRF token is derived from it. */
  sid: string;
  user: StaffUser;
  /** Fingerprint of the password hash at sign-in. */
  passwordVersion: string;
  issuedAt: number;
  expiresAt: number;
}

const payloadSchema = z.strictObject({
  sid: z.string().min(16),
  email: z.string(),
  role: z.enum(ROLES),
  m: z.string().optional(),
  pv: z.string(),
  iat: z.number(),
  exp: z.number(),
});

export function newSession(user: StaffUser, passwordVersion: string, now: Date): Session {
  const issuedAt = now.getTime();
  return { sid: randomBytes(18).toString('base64url'), user, passwordVersion, issuedAt, expiresAt: issuedAt + SESSION_TTL_MS };
}

export function signSession(keys: SessionKeys, session: Session): string {
  const { sid, user, passwordVersion, issuedAt, expiresAt } = session;
  const payload = { sid, email: user.email, role: user.role, ...(user.role === 'staff' && { m: user.municipality }), pv: passwordVersion, iat: issuedAt, exp: expiresAt };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(keys.session, body)}`;
}

/** The session in a cookie value, or undefined when it is forged, malformed or expired. */
export function verifySession(keys: SessionKeys, value: string | undefined, now: Date): Session | undefined {
  if (!value) return undefined;
  const [body, signature, extra] = value.split('.');
  if (!body || !signature || extra !== undefined || !sameToken(mac(keys.session, body), signature)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = payloadSchema.safeParse(data);
  if (!parsed.success) return undefined;
  const p = parsed.data;
  if (p.exp <= now.getTime()) return undefined;
  let user: StaffUser;
  if (p.role === 'admin') user = { email: p.email, role: 'admin' };
  else if (p.m) user = { email: p.email, role: 'staff', municipality: p.m };
  else return undefined;
  return { sid: p.sid, user, passwordVersion: p.pv, issuedAt: p.iat, expiresAt: p.exp };
}

export function csrfToken(keys: SessionKeys, sid: string): string {
  return mac(keys.csrf, sid);
}

/** The login form's token, bound to the pre-session nonce cookie. */
export function loginToken(keys: SessionKeys, nonce: string): string {
  return mac(keys.login, nonce);
}

export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function passwordVersion(keys: SessionKeys, passwordHash: string): string {
  return mac(keys.password, passwordHash).slice(0, 16);
}

/** Cookie header → name/value pairs (the first of a repeated name wins). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || cookies.has(name)) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      // not percent-encoded as we write it: ignore
    }
  }
  return cookies;
}

export interface CookieOptions {
  /** Seconds; 0 deletes the cookie. */
  maxAge: number;
  secure: boolean;
}

/** HttpOnly, SameSite=Strict, Path=/staff; Secure when the request came over https. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  return [`${name}=${encodeURIComponent(value)}`, `Path=${COOKIE_PATH}`, `Max-Age=${options.maxAge}`, 'HttpOnly', 'SameSite=Strict', ...(options.secure ? ['Secure'] : [])].join('; ');
}
