/**
 * Direct Line tokens: each is bound to one conversation and expires. Stateless (HMAC-signed) so
 * they need no storage and survive nothing they shouldn't: a restart with a new signing key
 * invalidates them, as the conversations are gone too.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  conversationId: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'expired' };

export class TokenService {
  private readonly key: Buffer;

  /**
   * @param secret signing key material (the Direct Line secret when set; else random per process)
   * @param lifetimeSeconds how long a token lives (default 1800 s, as Azure's Direct Line)
   * @param now clock, injectable for tests
   */
  constructor(
    secret: string | undefined,
    readonly lifetimeSeconds = 1800,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.key = createHmac('sha256', 'personvern-bot directline tokens').update(secret ?? randomBytes(32)).digest();
  }

  issue(conversationId: string): { token: string; expires_in: number } {
    const claims: TokenClaims = { conversationId, exp: Math.floor(this.now() / 1000) + this.lifetimeSeconds };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${payload}.${this.sign(payload)}`, expires_in: this.lifetimeSeconds };
  }

  verify(token: string): TokenCheck {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return { ok: false, reason: 'malformed' };
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'malformed' };
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    if (typeof claims.conversationId !== 'string' || typeof claims.exp !== 'number') return { ok: false, reason: 'malformed' };
    if (claims.exp * 1000 <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
