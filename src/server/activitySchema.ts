/**
 * The minimum an incoming Bot Framework activity must have before it reaches the adapter, so a
 * malformed one gets a 400 that says what is wrong instead of an error inside a turn.
 */
import { z } from 'zod';
import { describeIssues, safeParseReporting } from '../shared/zodIssues';

/** Longest message text accepted; longer is not a resident's question. */
export const MAX_TEXT_LENGTH = 5000;
/** Deepest JSON nesting accepted: real activities stay far below; deeper ones overflow serialisers. */
export const MAX_DEPTH = 32;

/** Ids end up in URLs and HTTP headers on the way back to the channel: visible ASCII only. */
export const idSchema = z.string().regex(/^[\x21-\x7e]{1,512}$/, 'must be 1–512 visible ASCII characters');

const account = z.object({ id: z.string().min(1, 'must not be empty') }).loose();

export const incomingActivitySchema = z
  .object({
    type: z.string().min(1, 'must not be empty'),
    id: idSchema.optional(),
    replyToId: idSchema.optional(),
    channelId: z.string().min(1, 'must not be empty'),
    serviceUrl: z.url('must be a URL'),
    conversation: z.object({ id: idSchema }).loose(),
    from: account,
    recipient: account.optional(),
    text: z.string().max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`).optional(),
    channelData: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

/** How deeply a JSON value nests, counted without recursion (so a hostile body cannot overflow the stack). */
export function jsonDepth(value: unknown, limit = MAX_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** The parsed activity, or a short reason such as "conversation.id: must not be empty". */
export function parseActivity<S extends z.ZodType>(body: unknown, schema: S): { data: z.infer<S> } | { problem: string } {
  if (jsonDepth(body) > MAX_DEPTH) return { problem: `body: nests deeper than ${MAX_DEPTH} levels` };
  const result = safeParseReporting(schema, body);
  return result.success ? { data: result.data } : { problem: describeIssues(result.error.issues, ': ', 3) };
}

/** null when valid, else the reason. */
export function activityProblem(body: unknown): string | null {
  const result = parseActivity(body, incomingActivitySchema);
  return 'problem' in result ? result.problem : null;
}
