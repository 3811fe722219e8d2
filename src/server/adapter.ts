/**
 * The CloudAdapter every channel comes through. With MicrosoftAppId set, Bot Framework JWT auth
 * is enforced (Azure Bot Service, Teams); without, it accepts anonymous requests for local use,
 * the Emulator and the self-hosted Direct Line.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Config } from '../config';

/** The Bot Framework credentials; empty for an anonymous adapter (local use, self-hosted Direct Line). */
export type AdapterAuth = Partial<Pick<Config, 'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppType' | 'MicrosoftAppTenantId'>>;

const APOLOGY = 'Beklager, noe gikk galt. Prøv igjen om litt. / Sorry, something went wrong. Please try again.';

export function createAdapter(config: AdapterAuth, logger: Logger, middleware: Middleware[]): CloudAdapter {
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
