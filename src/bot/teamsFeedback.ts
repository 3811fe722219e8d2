/**
 * Teams' own 👍/👎 under the bot's answers (its "feedback loop"), as Web Chat has its buttons:
 * switched on for replies that answer or say the notice is silent, and read back as a like or
 * dislike of that reply for the staff's transcript view. Teams then asks "what did you like /
 * dislike?" in free text; that text is dropped before anything keeps the activity (employees write
 * names and cases there, and staff only see the reaction).
 */
import { type Activity, Channels, type Middleware, type TurnContext } from 'botbuilder';
import { z } from 'zod';

/** The invoke Teams sends when a feedback button is pressed (and its form submitted). */
const SUBMIT_ACTION = 'message/submitAction';
const RATED_OUTCOMES: ReadonlySet<unknown> = new Set(['answer', 'not_covered']);

const feedbackValueSchema = z.object({
  actionName: z.literal('feedback'),
  actionValue: z.object({ reaction: z.enum(['like', 'dislike']) }).loose(),
}).loose();

export interface TeamsFeedback {
  /** The bot's reply the button was under. */
  replyToId: string;
  reaction: 'like' | 'dislike';
}

/** The like or dislike a Teams feedback invoke carries; undefined for any other activity. */
export function teamsFeedback(activity: Partial<Activity>): TeamsFeedback | undefined {
  if (activity.type !== 'invoke' || activity.name !== SUBMIT_ACTION || !activity.replyToId) return undefined;
  const value = feedbackValueSchema.safeParse(activity.value);
  return value.success ? { replyToId: activity.replyToId, reaction: value.data.actionValue.reaction } : undefined;
}

/** In Teams: feedback buttons on answers, and the free-text comment of a feedback invoke removed. Add before any transcript logger. */
export class TeamsFeedbackMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.channelId !== Channels.Msteams) return next();
    const feedback = teamsFeedback(context.activity);
    if (feedback) context.activity.value = { actionName: 'feedback', actionValue: { reaction: feedback.reaction } };
    context.onSendActivities(async (_context, activities, nextSend) => {
      for (const a of activities) {
        const channelData = a.channelData as Record<string, unknown> | undefined;
        if (a.type === 'message' && RATED_OUTCOMES.has(channelData?.outcome)) a.channelData = { ...channelData, feedbackLoopEnabled: true };
      }
      return nextSend();
    });
    await next();
  }
}
