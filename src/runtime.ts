/**
 * Builds the bot and what it depends on from loaded content and a storage. Shared by the server
 * (src/index.ts) and the in-process tools (ask, eval) so they all run the same bot.
 */
import { ConversationState, type Middleware, type Storage } from 'botbuilder';
import type { Content } from './content/load';
import type { RequestSubmitter } from './dialogs/dependencies';
import { NationalIdRedactionMiddleware } from './bot/nationalIdMiddleware';
import { PersonalAnswerMiddleware } from './bot/personalAnswerMiddleware';
import { TeamsFeedbackMiddleware } from './bot/teamsFeedback';
import { CONVERSATION_DATA, type ConversationData, PersonvernBot } from './bot/personvernBot';
import { Classifier } from './knowledge/classifier';
import { Composer } from './knowledge/composer';
import { KnowledgeBase } from './knowledge/knowledgeBase';

export interface BotRuntime {
  bot: PersonvernBot;
  knowledge: KnowledgeBase;
  /**
   * Adapter middleware, in order: redaction first so nothing later sees an ID number, then the
   * marking of personal answers, then Teams' feedback buttons (a feedback comment dropped); a
   * transcript logger goes after them.
   */
  middleware: Middleware[];
}

export interface RuntimeOptions {
  /** Microsoft Entra tenant id → municipality id (Teams). */
  tenantMunicipalities: ReadonlyMap<string, string>;
  /** Where confirmed rights requests and DPO messages go; without one the bot says it cannot take them. */
  requests: RequestSubmitter;
  /** The bot's clock (the conversation's activity mark); default: the system clock. */
  now: () => Date;
}

/** For the ask/eval tools, which run single turns and never confirm a request. */
export const NO_REQUESTS: RequestSubmitter = {
  submit: () => Promise.reject(new Error('RequestSubmitter: this runtime does not take requests')),
};

export function buildBotRuntime(content: Content, storage: Storage, options: Partial<RuntimeOptions> = {}): BotRuntime {
  const { tenantMunicipalities = new Map(), requests = NO_REQUESTS, now } = options;
  const knowledge = new KnowledgeBase(content);
  const composer = new Composer(knowledge);
  const conversationState = new ConversationState(storage);
  const bot = new PersonvernBot({
    knowledge,
    classifier: new Classifier(knowledge),
    composer,
    conversationState,
    tenantMunicipalities,
    ...(now ? { now } : {}),
    dialogs: {
      municipality: (id) => knowledge.municipality(id),
      general: content.general.entries,
      quote: (m, section, words) => composer.compose(m, section, knowledge.analyser.analyse(words)),
      requests,
    },
  });
  const personalAnswers = new PersonalAnswerMiddleware(conversationState.createProperty<ConversationData>(CONVERSATION_DATA));
  return { bot, knowledge, middleware: [new NationalIdRedactionMiddleware(), personalAnswers, new TeamsFeedbackMiddleware()] };
}
