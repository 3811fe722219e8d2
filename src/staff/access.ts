/**
 * The one place that decides whose data a staff member may see. Every page and API route goes
 * through these functions: staff only their own municipality's, admins every municipality's.
 * Staff are told the same thing, 403, whether an object belongs to another municipality or
 * does not exist, so guessing ids (request references are sequential) reveals nothing.
 */
import { BadRequestError, ForbiddenError, NotFoundError } from './errors';
import type { StaffUser } from './types';

/**
 * The municipality a list is limited to: a staff member's own (asking for another is refused),
 * or for an admin the one asked for, or undefined for all.
 */
export function listScope(user: StaffUser, requested: string | undefined, known: ReadonlySet<string>, target: string): string | undefined {
  if (user.role === 'staff') {
    if (requested !== undefined && requested !== user.municipality) throw new ForbiddenError(`${target}?municipality=${requested}`);
    return user.municipality;
  }
  if (requested !== undefined && !known.has(requested)) throw new BadRequestError(`Ukjent kommune «${requested}».`);
  return requested;
}

/**
 * Passes when the user may see an object that belongs to these municipalities; throws otherwise.
 * `some`: the user's municipality is one of them (reading a conversation that switched
 * municipality shows staff only their own turns); `all`: every one is theirs (deleting it).
 * An object with no municipality (a conversation where none was chosen) is for admins only.
 */
export function assertAccess(user: StaffUser, municipalities: readonly string[], target: string, require: 'some' | 'all' = 'all'): void {
  if (user.role === 'admin') return;
  const own = (m: string) => m === user.municipality;
  const allowed = require === 'some' ? municipalities.some(own) : municipalities.length > 0 && municipalities.every(own);
  if (!allowed) throw new ForbiddenError(target);
}

/** What a missing object is to this user: "not found" to an admin, "forbidden" to staff. */
export function missing(user: StaffUser, what: string, target: string): Error {
  return user.role === 'admin' ? new NotFoundError(what) : new ForbiddenError(target);
}
