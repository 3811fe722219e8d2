/**
 * Logs what each reply was (outcome, sources, municipality, confidence) without the resident's
 * words: operations can see how the bot does while logs hold no personal data.
 */
import type { Middleware, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';

export class TurnLogMiddleware implements Middleware {
  constructor(private readonly logger: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const started = performance.now();
    context.onSendActivities(async (_ctx, activities, nextSend) => {
      for (const a of activities) {
        const data = (a.channelData ?? {}) as Record<string, unknown>;
        if (a.type !== 'message' || !data.outcome) continue;
        this.logger.info(
          {
            channel: context.activity.channelId,
            conversation: context.activity.conversation?.id,
            municipality: data.municipality,
            outcome: data.outcome,
            sources: data.sources,
            confidence: data.confidence,
            ms: Math.round(performance.now() - started),
          },
          'reply',
        );
      }
      return nextSend();
    });
    await next();
  }
}
