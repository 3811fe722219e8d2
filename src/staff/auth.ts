/**
 * Signing in and out, the session check every other route passes through, and the CSRF check on
 * every state-changing request.
 *
 * - Sign-in: e-mail and password against the accounts file; an unknown e-mail costs the same
 *   scrypt work as a wrong password. Rate-limited per client IP and per e-mail (failures only),
 *   and protected against login CSRF by a token bound to a pre-session cookie.
 * - Session: see session.ts; the account is looked up again on every request.
 * - CSRF: POST/PUT/PATCH/DELETE need the session's token, in the form field `_csrf` or the
 *   `X-CSRF-Token` header, on top of SameSite=Strict cookies.
 */
import { randomBytes } from 'node:crypto';
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import rateLimit from 'express-rate-limit';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { StaffAccounts } from './accounts';
import { HttpError } from './errors';
import { errorPage, loginPage } from './pages/otherPages';
import { DEFAULT_SCRYPT, hashPassword, verifyPassword } from './password';
import { safeNext, STAFF_URLS } from './paths';
import { loginBody, parseInput } from './queries';
import type { StaffService } from './service';
import {
  csrfToken, LOGIN_COOKIE, loginToken, newNonce, newSession, parseCookies, passwordVersion, sameToken, serializeCookie,
  SESSION_COOKIE, SESSION_TTL_MS, signSession, verifySession, type Session, type SessionKeys,
} from './session';
import { normaliseEmail, ownMunicipality, type StaffUser } from './types';

export interface LoginLimits {
  windowMs: number;
  /** Failed sign-ins per client IP per window. */
  perIp: number;
  /** Failed sign-ins per e-mail address per window, from any IP. */
  perEmail: number;
}

/** 20 failures per IP and 5 per e-mail in 15 minutes. Counted per instance (memory store). */
export const DEFAULT_LOGIN_LIMITS: LoginLimits = { windowMs: 15 * 60_000, perIp: 20, perEmail: 5 };

export interface Authenticated {
  user: StaffUser;
  session: Session;
  csrf: string;
}

export interface AuthOptions {
  accounts: StaffAccounts;
  keys: SessionKeys;
  service: StaffService;
  now: () => Date;
  logger: Logger;
  secureCookies: 'auto' | boolean;
  loginLimits: LoginLimits;
}

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOGIN_FAILED = 'Feil e-post eller passord.';
const LOGIN_COOKIE_SECONDS = 60 * 60;

export const isApi = (req: Request) => req.path.startsWith('/api/');

function sendHtml(res: Response, status: number, page: string): void {
  res.status(status).type('html').send(page);
}

/** The CSRF token in a form field or header, whichever is given. */
const csrfFieldSchema = z.object({ [CSRF_FIELD]: z.string() });

function givenToken(req: Request): string | undefined {
  return csrfFieldSchema.safeParse(req.body).data?.[CSRF_FIELD] ?? req.get(CSRF_HEADER);
}

export class StaffAuth {
  private readonly signedIn = new WeakMap<Request, Authenticated>();
  /** A hash of a random password, verified when the e-mail is unknown so both cases cost the same. */
  private readonly dummyHash: Promise<string>;

  constructor(private readonly options: AuthOptions) {
    this.dummyHash = hashPassword(randomBytes(16).toString('hex'), DEFAULT_SCRYPT);
  }

  /** Who made this request; only valid after `authenticate`. */
  current(req: Request): Authenticated {
    const auth = this.signedIn.get(req);
    if (!auth) throw new HttpError(401, 'Du må logge inn.');
    return auth;
  }

  /** Who made this request, if it passed `authenticate` (for the error handler). */
  signedInAs(req: Request): Authenticated | undefined {
    return this.signedIn.get(req);
  }

  private secure(req: Request): boolean {
    return this.options.secureCookies === 'auto' ? req.secure : this.options.secureCookies;
  }

  private setCookie(req: Request, res: Response, name: string, value: string, maxAge: number): void {
    res.append('Set-Cookie', serializeCookie(name, value, { maxAge, secure: this.secure(req) }));
  }

  /** The session in the request's cookie if it is valid and its account is unchanged. */
  private sessionOf(req: Request): Authenticated | undefined {
    const { keys, accounts, now } = this.options;
    const session = verifySession(keys, parseCookies(req.headers.cookie).get(SESSION_COOKIE), now());
    if (!session) return undefined;
    const account = accounts.find(session.user.email);
    if (!account || account.role !== session.user.role || ownMunicipality(account) !== ownMunicipality(session.user)) return undefined;
    if (passwordVersion(keys, account.passwordHash) !== session.passwordVersion) return undefined;
    const user: StaffUser = account.role === 'admin' ? { email: account.email, role: 'admin' } : { email: account.email, role: 'staff', municipality: account.municipality };
    return { user, session, csrf: csrfToken(keys, session.sid) };
  }

  /** Lets signed-in requests through; others get 401 (API) or the sign-in page (pages). */
  readonly authenticate: RequestHandler = (req, res, next) => {
    const auth = this.sessionOf(req);
    if (auth) {
      this.signedIn.set(req, auth);
      next();
      return;
    }
    if (parseCookies(req.headers.cookie).has(SESSION_COOKIE)) this.setCookie(req, res, SESSION_COOKIE, '', 0);
    if (isApi(req)) {
      res.status(401).json({ error: 'Du må logge inn.' });
      return;
    }
    const next_ = req.method === 'GET' ? `${req.baseUrl}${req.url}` : undefined;
    res.redirect(303, next_ ? `${STAFF_URLS.login}?next=${encodeURIComponent(next_)}` : STAFF_URLS.login);
  };

  /** Refuses a state-changing request without the session's CSRF token. */
  readonly requireCsrf: RequestHandler = (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    const auth = this.current(req);
    if (!sameToken(auth.csrf, givenToken(req))) {
      this.options.logger.warn({ actor: auth.user.email, path: req.originalUrl }, 'Staff: request without a valid CSRF token refused');
      throw new HttpError(403, 'Skjemaet er utløpt eller kom ikke fra denne tjenesten. Last siden på nytt og prøv igjen.');
    }
    next();
  };

  private limiter(limit: number, key: ((req: Request) => string) | undefined): RequestHandler {
    return rateLimit({
      windowMs: this.options.loginLimits.windowMs,
      limit,
      skipSuccessfulRequests: true,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      ...(key && { keyGenerator: key }),
      handler: (req, res) => {
        this.options.logger.warn({ path: req.originalUrl }, 'Staff: sign-in rate limit reached');
        sendHtml(res, 429, errorPage(429, 'For mange mislykkede innlogginger. Vent et kvarter og prøv igjen.'));
      },
    });
  }

  /** GET and POST /login; sign-out (logoutHandler) is mounted after authenticate and requireCsrf. */
  loginRouter(): Router {
    const router = Router();
    const perIp = this.limiter(this.options.loginLimits.perIp, undefined);
    const perEmail = this.limiter(this.options.loginLimits.perEmail, (req) => `email:${normaliseEmail(loginBody.safeParse(req.body).data?.email ?? '')}`);

    router.get('/login', (req, res) => {
      const next = typeof req.query['next'] === 'string' ? safeNext(req.query['next']) : undefined;
      if (this.sessionOf(req)) {
        res.redirect(303, next ?? STAFF_URLS.conversations);
        return;
      }
      sendHtml(res, 200, loginPage({ token: this.loginFormToken(req, res), next }));
    });

    router.post('/login', perIp, this.checkLoginToken, perEmail, async (req, res) => {
      const form = parseInput(loginBody, req.body);
      const email = normaliseEmail(form.email);
      const account = email ? this.options.accounts.find(email) : undefined;
      const ok = await verifyPassword(form.password, account?.passwordHash ?? (await this.dummyHash));
      if (!account || !ok) {
        await this.options.service.record(email.slice(0, 120) || '(tom)', 'login_failed', account && ownMunicipality(account));
        const next = form.next ? safeNext(form.next) : undefined;
        sendHtml(res, 401, loginPage({ token: this.loginFormToken(req, res), next, email: form.email, error: LOGIN_FAILED }));
        return;
      }
      const user: StaffUser = account.role === 'admin' ? { email: account.email, role: 'admin' } : { email: account.email, role: 'staff', municipality: account.municipality };
      const session = newSession(user, passwordVersion(this.options.keys, account.passwordHash), this.options.now());
      this.setCookie(req, res, SESSION_COOKIE, signSession(this.options.keys, session), Math.floor(SESSION_TTL_MS / 1000));
      this.setCookie(req, res, LOGIN_COOKIE, '', 0);
      await this.options.service.record(user, 'login', ownMunicipality(user));
      res.redirect(303, safeNext(form.next));
    });
    return router;
  }

  logoutHandler: RequestHandler = async (req, res) => {
    const { user } = this.current(req);
    this.setCookie(req, res, SESSION_COOKIE, '', 0);
    await this.options.service.record(user, 'logout', ownMunicipality(user));
    if (isApi(req)) res.status(204).end();
    else res.redirect(303, STAFF_URLS.login);
  };

  /** The login form's CSRF token, setting the pre-session cookie it is bound to when missing. */
  private loginFormToken(req: Request, res: Response): string {
    let nonce = parseCookies(req.headers.cookie).get(LOGIN_COOKIE);
    if (!nonce || !/^[A-Za-z0-9_-]{24}$/.test(nonce)) {
      nonce = newNonce();
      this.setCookie(req, res, LOGIN_COOKIE, nonce, LOGIN_COOKIE_SECONDS);
    }
    return loginToken(this.options.keys, nonce);
  }

  private readonly checkLoginToken = (req: Request, res: Response, next: NextFunction): void => {
    const nonce = parseCookies(req.headers.cookie).get(LOGIN_COOKIE);
    if (nonce && sameToken(loginToken(this.options.keys, nonce), givenToken(req))) {
      next();
      return;
    }
    sendHtml(res, 403, loginPage({ token: this.loginFormToken(req, res), error: 'Innloggingsskjemaet er utløpt. Prøv igjen.' }));
  };
}
