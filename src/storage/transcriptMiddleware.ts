/**
 * Logs every turn to the transcript archive through botbuilder's TranscriptLoggerMiddleware;
 * the archive masks what it stores. Add it after the national-ID redaction and personal-answer
 * middleware (runtime.middleware), which change the incoming activity before this copies it.
 *
 * Around it, one correction: who sent what. The archive (and the staff transcript) tell the bot's
 * replies by from.role === 'bot', but the bot's account often comes from the channel without a
 * role, and a client could post one. So the incoming activity is marked the resident's and the
 * replies the bot's, by where they pass, not by what they say.
 */
import { type Activity, type Middleware, RoleTypes, TranscriptLoggerMiddleware, type TurnContext } from 'botbuilder';
import type { TranscriptArchive } from './types';

export class ArchiveTranscriptMiddleware implements Middleware {
  private readonly logger: TranscriptLoggerMiddleware;

  constructor(archive: Pick<TranscriptArchive, 'logActivity'>) {
    this.logger = new TranscriptLoggerMiddleware(archive);
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (activity.from && activity.from.role !== RoleTypes.User) activity.from = { ...activity.from, role: RoleTypes.User };
    context.onSendActivities(async (_context, activities, nextSend) => {
      for (const a of activities) markAsBot(a);
      return nextSend();
    });
    context.onUpdateActivity(async (_context, a, nextUpdate) => {
      markAsBot(a);
      return nextUpdate();
    });
    await this.logger.onTurn(context, next);
  }
}

/** A new account object: the one on the activity is shared with the turn's conversation reference. */
function markAsBot(activity: Partial<Activity>): void {
  if (activity.from?.role !== RoleTypes.Bot) activity.from = { id: '', name: '', ...activity.from, role: RoleTypes.Bot };
}

export function createTranscriptMiddleware(archive: Pick<TranscriptArchive, 'logActivity'>): Middleware {
  return new ArchiveTranscriptMiddleware(archive);
}
