/**
 * Builds the bot and what it depends on from loaded content and a storage. Shared by the server
 * (src/index.ts) and the in-process tools (ask, eval) so they all run the same bot.
 */
import { ConversationState, type Middleware, type Storage } from 'botbuilder';
import type { Content } from './content/load';
import { NationalIdRedactionMiddleware } from './bot/nationalIdMiddleware';
import { PersonvernBot } from './bot/personvernBot';
import { Classifier } from './knowledge/classifier';
import { Composer } from './knowledge/composer';
import { KnowledgeBase } from './knowledge/knowledgeBase';

export interface BotRuntime {
  bot: PersonvernBot;
  knowledge: KnowledgeBase;
  /** Adapter middleware, in order; redaction comes first so nothing later sees an ID number. */
  middleware: Middleware[];
}

export function buildBotRuntime(content: Content, storage: Storage, tenantMunicipalities: ReadonlyMap<string, string> = new Map()): BotRuntime {
  const knowledge = new KnowledgeBase(content);
  const bot = new PersonvernBot({
    knowledge,
    classifier: new Classifier(knowledge),
    composer: new Composer(knowledge),
    conversationState: new ConversationState(storage),
    tenantMunicipalities,
  });
  return { bot, knowledge, middleware: [new NationalIdRedactionMiddleware()] };
}
