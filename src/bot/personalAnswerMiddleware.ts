/**
 * Marks a resident's message that answers a dialog question asking for personal data (what a
 * request concerns, their name, how to reply), so the transcript keeps a placeholder instead:
 * that data belongs in the request record only. Runs before the transcript logger, which copies
 * the incoming activity as the turn starts.
 */
import type { Middleware, StatePropertyAccessor, TurnContext } from 'botbuilder';
import { PERSONAL_DATA_FLAG } from '../storage/types';
import type { ConversationData } from './personvernBot';

export class PersonalAnswerMiddleware implements Middleware {
  constructor(private readonly data: StatePropertyAccessor<ConversationData>) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (activity.type === 'message' && (await this.data.get(context))?.personalAnswerExpected) {
      const channelData: unknown = activity.channelData;
      // channelData is the client's; anything but an object carries nothing the bot reads.
      const base = typeof channelData === 'object' && channelData !== null && !Array.isArray(channelData) ? channelData : {};
      activity.channelData = { ...base, [PERSONAL_DATA_FLAG]: true };
    }
    await next();
  }
}
