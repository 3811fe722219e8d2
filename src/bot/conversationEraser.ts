/**
 * Deletes one conversation everywhere it is kept: the transcript archive staff read and the bot's
 * conversation state (a half-finished request draft included). Used when the resident presses
 * "Slett samtalen" on the chat page (Direct Line DELETE) and by the bot's "slett samtalen" command.
 */
import type { Middleware, Storage, TurnContext } from 'botbuilder';
import type { TranscriptArchive } from '../storage/types';

/** turnState key: the bot sets it when the resident asked to delete the conversation in this turn. */
export const ERASE_AFTER_TURN = Symbol('eraseConversationAfterTurn');

export class ConversationEraser {
  constructor(private readonly archive: Pick<TranscriptArchive, 'deleteConversation'>, private readonly botState: Storage) {}

  async erase(channelId: string, conversationId: string): Promise<void> {
    await this.archive.deleteConversation(channelId, conversationId);
    // ConversationState's storage key (botbuilder: "<channelId>/conversations/<conversationId>").
    await this.botState.delete([`${channelId}/conversations/${conversationId}`]);
  }
}

/**
 * Erases the conversation once the turn that asked for it is over, so that turn itself (the
 * command and its reply, written by the transcript logger at the end of the turn) goes too. Must
 * come before the transcript logger in the middleware list: it resumes after the logger.
 */
export class EraseConversationMiddleware implements Middleware {
  constructor(private readonly eraser: ConversationEraser) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    await next();
    const { channelId, conversation } = context.activity;
    if (context.turnState.get(ERASE_AFTER_TURN) && channelId && conversation?.id) await this.eraser.erase(channelId, conversation.id);
  }
}
