/**
 * The minimum an incoming Bot Framework activity must have before it reaches the adapter, so a
 * malformed one gets a 400 that says what is wrong instead of an error inside a turn.
 */
import { z } from 'zod';

/** Longest message text accepted; longer is not a resident's question. */
export const MAX_TEXT_LENGTH = 5000;

const account = z.object({ id: z.string().min(1, 'must not be empty') }).loose();

export const incomingActivitySchema = z
  .object({
    type: z.string().min(1, 'must not be empty'),
    id: z.string().optional(),
    channelId: z.string().min(1, 'must not be empty'),
    serviceUrl: z.url('must be a URL'),
    conversation: account,
    from: account,
    recipient: account.optional(),
    text: z.string().max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`).optional(),
    channelData: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

/** null when valid, else a short reason such as "conversation.id: must not be empty". */
export function activityProblem(body: unknown): string | null {
  const result = incomingActivitySchema.safeParse(body);
  if (result.success) return null;
  return result.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'body'}: ${i.code === 'invalid_type' && i.input === undefined ? 'is required' : i.message}`)
    .join('; ');
}
