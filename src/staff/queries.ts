/**
 * The query strings and form bodies staff routes accept, parsed once with zod. Empty form fields
 * count as not given; a bad value is a 400 naming the field.
 */
import { z } from 'zod';
import { OUTCOMES } from '../knowledge/classifier';
import { describeIssues } from '../shared/zodIssues';
import { BadRequestError } from './errors';
import { isIsoDate } from './dates';
import { REDELIVERY_OUTCOMES } from './requestQueue';

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const isoDate = z.string().refine(isIsoDate, 'must be a date (yyyy-mm-dd)');
const municipality = z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be a municipality id');

export const REQUEST_STATUSES = ['new', 'in_progress', 'answered', 'closed'] as const;

export const periodQuery = z.object({
  from: optional(isoDate),
  to: optional(isoDate),
  municipality: optional(municipality),
});

export const conversationsQuery = periodQuery.extend({
  outcome: optional(z.enum(OUTCOMES)),
  channel: optional(z.string().regex(/^[a-z0-9_.-]{1,40}$/i, 'must be a channel id')),
  page: optional(z.coerce.number().int().min(1).max(10_000)),
});

export const requestsQuery = z.object({
  municipality: optional(municipality),
  status: optional(z.enum([...REQUEST_STATUSES, 'open'])),
});

export const auditQuery = z.object({ municipality: optional(municipality) });

/** The notice a request page shows after a form sent staff back to it; an unknown value shows none. */
export const requestPageQuery = z.object({
  updated: z.literal('1').optional().catch(undefined),
  redelivered: z.enum(REDELIVERY_OUTCOMES).optional().catch(undefined),
});

export const statusBody = z.object({ status: z.enum(REQUEST_STATUSES) });

/** The delete form's confirmation checkbox. */
export const deleteBody = z.object({ confirm: z.string().optional() });

export const loginBody = z.object({
  email: z.string().max(320).default(''),
  password: z.string().max(1024).default(''),
  next: z.string().max(2000).optional(),
});

/** Parses or throws a 400 like `Ugyldig forespørsel: from must be a date (yyyy-mm-dd)`. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw new BadRequestError(`Ugyldig forespørsel: ${describeIssues(result.error.issues, ' ', 3)}`);
  return result.data;
}

/** A route parameter (a conversation id, a reference): non-empty and of sane length, else 400. */
export function pathParam(params: Record<string, string | string[] | undefined>, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value.length === 0 || value.length > 500) throw new BadRequestError(`Ugyldig ${name}.`);
  return value;
}
