/**
 * The CloudAdapter every channel comes through. With MicrosoftAppId set, Bot Framework JWT auth
 * is enforced (Azure Bot Service, Teams); without, it accepts anonymous requests for local use,
 * the Emulator and the self-hosted Direct Line.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Config } from '../config';

const APOLOGY = 'Beklager, noe gikk galt. Prøv igjen om litt. / Sorry, something went wrong. Please try again.';

export function createAdapter(config: Config, logger: Logger, middleware: Middleware[]): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
  });
  const adapter = new CloudAdapter(auth);
  for (const m of middleware) adapter.use(m);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: error, conversation: context.activity.conversation?.id }, 'turn failed');
    await context.sendActivity({ type: 'message', text: APOLOGY, channelData: { outcome: 'out_of_scope', sources: [], error: true } });
  };
  return adapter;
}
