/**
 * Removes national identity numbers from a resident's message before any other middleware
 * (transcript logging) or the bot sees it, so the number is never echoed, stored or logged.
 */
import type { Middleware, TurnContext } from 'botbuilder';
import { redactNationalIds } from './nationalId';

/** turnState key set when a number was removed, so the bot can warn the resident. */
export const NATIONAL_ID_FOUND = Symbol('nationalIdFound');

export class NationalIdRedactionMiddleware implements Middleware {
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { activity } = context;
    if (typeof activity.text === 'string') {
      const { text, found } = redactNationalIds(activity.text);
      if (found > 0) {
        activity.text = text;
        context.turnState.set(NATIONAL_ID_FOUND, found);
      }
    }
    await next();
  }
}
