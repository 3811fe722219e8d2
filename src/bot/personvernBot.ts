/**
 * The ActivityHandler every channel talks to (Web Chat, Teams, Emulator): finds the resident's
 * municipality, classifies the turn and replies from that municipality's notice.
 */
import { ActionTypes, ActivityHandler, Channels, type ConversationState, EventFactory, type InvokeResponse, type StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { z } from 'zod';
import { LANGUAGES, type Malform, type Municipality, type Topic } from '../content/schema';
import type { DialogDependencies } from '../dialogs/dependencies';
import { innsynMeant } from '../dialogs/recognise';
import { ERASE_AFTER_TURN } from './conversationEraser';
import { DialogRunner } from './dialogRunner';
import type { Classifier, Classification } from '../knowledge/classifier';
import type { Composer } from '../knowledge/composer';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import { detectLanguage, detectNorwegian } from '../knowledge/language';
import { NATIONAL_ID_FOUND } from './nationalIdMiddleware';
import { teamsFeedback } from './teamsFeedback';
import {
  answerReply, escalationReply, handoffReply, municipalityActions, notCoveredReply, outOfScopeReply,
  reply, type Reply, rightsOverviewReply, smalltalkReply,
} from './replies';
import { STRINGS, type Strings } from './strings';

export interface ConversationData {
  municipality?: string;
  /** Consecutive turns the bot could not answer; at two it offers a person instead of guessing. */
  misunderstood: number;
  /** The resident's next message answers a dialog question asking for personal data (see PersonalAnswerMiddleware). */
  personalAnswerExpected?: boolean;
  /** When the conversation was last marked active (ISO time), at most ACTIVE_MARK_MS old while it is in use. */
  activeAt?: string;
}

export const CONVERSATION_DATA = 'personvern';

export interface BotDependencies {
  knowledge: KnowledgeBase;
  classifier: Classifier;
  composer: Composer;
  conversationState: ConversationState;
  /** What the rights-request and DPO-message dialogs need (content, quoting, durable submission). */
  dialogs: DialogDependencies;
  /** Microsoft Entra tenant id → municipality id, for Teams users of one kommune's tenant. */
  tenantMunicipalities?: ReadonlyMap<string, string>;
  /** The clock for the conversation's activity mark; default: the system clock. */
  now?: () => Date;
}

/** The municipality a channel names on the activity (Web Chat sets it on every message), and Teams' tenant. */
const channelDataSchema = z
  .object({
    municipality: z.string().trim().min(1).optional(),
    tenant: z.object({ id: z.string() }).loose().optional(),
  })
  .loose();

const MISUNDERSTOOD_BEFORE_ESCALATION = 2;
/**
 * State is written when it changes, and at least this often while the conversation is in use, so
 * the time it was last written (what retention goes by) is its last activity to within this much.
 */
export const ACTIVE_MARK_MS = 60 * 60 * 1000;
const MUNICIPALITY_ID = /^[a-z][a-z0-9-]{0,39}$/;
const MISUNDERSTOOD: ReadonlySet<string> = new Set(['not_covered', 'out_of_scope']);
/** Channels with no live-agent hub for this bot: a handoff event there would reach no one. */
const NO_HANDOFF_HUB: ReadonlySet<string> = new Set([Channels.Msteams]);

/** Questions to start with, offered only where this municipality's notice has the answer. */
function suggestedQuestions(m: Municipality, s: Strings): string[] {
  const has = (topic: Topic) => m.sections.some((section) => section.topics.includes(topic));
  return [
    has('access') && has('erasure') ? s.suggestions.rights : undefined,
    m.contacts.dpo ? s.suggestions.dpo : undefined,
    has('cookies') ? s.suggestions.cookies : undefined,
    has('retention') ? s.suggestions.retention : undefined,
  ].filter((q): q is string => q !== undefined).slice(0, 3);
}

/** What the channel says on the activity; undefined when channelData is not an object. */
function channelDataOf(context: TurnContext): z.infer<typeof channelDataSchema> | undefined {
  return channelDataSchema.safeParse(context.activity.channelData ?? {}).data;
}

/** Puts the warning about a typed ID number first in this turn's first reply, whichever reply that is. */
function warnAboutNationalId(context: TurnContext): void {
  let warned = false;
  context.onSendActivities(async (_context, activities, next) => {
    for (const activity of activities) {
      if (warned || activity.type !== 'message') continue;
      const language = LANGUAGES.find((l) => l === activity.channelData?.language) ?? 'nb';
      activity.text = [STRINGS[language].nationalIdWarning, activity.text].filter(Boolean).join('\n\n');
      warned = true;
    }
    return next();
  });
}

export class PersonvernBot extends ActivityHandler {
  private readonly data: StatePropertyAccessor<ConversationData>;
  private readonly dialogs: DialogRunner;
  /** Municipalities by id and by name (see nameKey): a message is looked up once, not compared with each. */
  private readonly municipalitiesByName = new Map<string, Municipality>();

  constructor(private readonly deps: BotDependencies) {
    super();
    const all = deps.knowledge.municipalityIds().map((id) => deps.knowledge.municipality(id)!);
    for (const m of all) if (!this.municipalitiesByName.has(nameKey(m.name))) this.municipalitiesByName.set(nameKey(m.name), m);
    // An id wins over another municipality's name.
    for (const m of all) this.municipalitiesByName.set(m.id, m);
    this.data = deps.conversationState.createProperty<ConversationData>(CONVERSATION_DATA);
    this.dialogs = new DialogRunner({
      dialogState: deps.conversationState.createProperty<DialogState>('dialogState'),
      dialogs: deps.dialogs,
      classify: (m, text) => deps.classifier.classify(m.id, m.målform, text),
      replyFor: (c, m) => this.replyFor(c, m),
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (context.activity.membersAdded?.some((m) => m.id !== botId)) await this.welcome(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  /**
   * Invokes (Teams card actions, sign-in, search) are features this bot does not offer: a health
   * check gets its 200, anything else a 400 saying so, never the SDK's 501.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'healthCheck') return { status: 200, body: { healthResults: { success: true } } };
    // Kept by the transcript logger as it arrived (the reaction, see TeamsFeedbackMiddleware): nothing more to do.
    if (teamsFeedback(context.activity)) return { status: 200, body: {} };
    return { status: 400, body: { error: `unsupported invoke "${String(context.activity.name ?? '').slice(0, 60)}"` } };
  }

  /**
   * Saves conversation state after every turn, whatever handler ran: when it changed, or when its
   * activity mark is due. Most turns are questions that change nothing, and skip the write.
   */
  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    const data = await this.data.get(context, { misunderstood: 0 });
    if (context.activity.type === 'message') {
      // Kept only while true, so that a plain question leaves the state as it was (and unwritten).
      if (await this.dialogs.expectsPersonalAnswer(context)) data.personalAnswerExpected = true;
      else delete data.personalAnswerExpected;
    }
    const now = this.deps.now?.() ?? new Date();
    // NaN (no mark yet, or an unreadable one) compares false: marked now.
    if (!(now.getTime() - Date.parse(data.activeAt ?? '') < ACTIVE_MARK_MS)) data.activeAt = now.toISOString();
    await this.deps.conversationState.saveChanges(context);
  }

  private async welcome(context: TurnContext): Promise<void> {
    const data = await this.data.get(context, { misunderstood: 0 });
    const municipality = this.fromChannelData(context) ?? this.known(data.municipality) ?? this.fromTenant(context);
    if (!municipality) return this.askMunicipality(context, 'nb');
    data.municipality = municipality.id;
    const s = STRINGS[municipality.målform];
    const suggestions = suggestedQuestions(municipality, s);
    await context.sendActivity(
      reply(s.welcome(municipality.name), { outcome: 'smalltalk', sources: [], municipality: municipality.id, language: municipality.målform }, {
        ...(suggestions.length ? { suggestedActions: { actions: suggestions.map((q) => ({ type: ActionTypes.ImBack, title: q, value: q })), to: [] } } : {}),
      }),
    );
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    // Teams group chats address the bot with an @mention that is not part of the question.
    TurnContext.removeRecipientMention(context.activity);
    const text = (context.activity.text ?? '').trim();
    const data = await this.data.get(context, { misunderstood: 0 });
    if (context.turnState.get(NATIONAL_ID_FOUND)) warnAboutNationalId(context);

    if (Object.values(STRINGS).some((s) => s.deleteConversationCommand.test(text))) return this.deleteConversation(context, text, data);

    const requested = channelDataOf(context)?.municipality;
    if (requested && !this.known(requested)) return this.unknownMunicipality(context, requested, text);
    if (requested) data.municipality = requested;

    const current = this.known(data.municipality) ?? this.fromTenant(context);
    if (current && (await this.dialogs.continue(context, current, text))) {
      data.misunderstood = 0;
      return;
    }

    const chosenByName = this.byName(text);
    if (chosenByName) {
      data.municipality = chosenByName.id;
      data.misunderstood = 0;
      const language = detectLanguage(text, chosenByName.målform);
      await context.sendActivity(reply(STRINGS[language].municipalityChosen(chosenByName.name), { outcome: 'smalltalk', sources: [], municipality: chosenByName.id, language }));
      return;
    }

    const municipality = current;
    if (!municipality) return this.askMunicipality(context, detectLanguage(text, detectNorwegian(text)));
    const wantsOther = Object.values(STRINGS).some((s) => s.changeMunicipalityCommand.test(text));
    if (wantsOther && !requested) {
      data.municipality = undefined;
      return this.askMunicipality(context, detectLanguage(text, municipality.målform));
    }

    const classification = this.deps.classifier.classify(municipality.id, municipality.målform, text);
    if (classification.outcome === 'dialog' || classification.outcome === 'handoff') {
      data.misunderstood = 0;
      return this.startDialog(context, classification, municipality, text);
    }
    let answer = this.replyFor(classification, municipality);
    data.misunderstood = MISUNDERSTOOD.has(answer.channelData.outcome) ? data.misunderstood + 1 : 0;
    if (data.misunderstood >= MISUNDERSTOOD_BEFORE_ESCALATION) {
      answer = escalationReply(classification, municipality, answer);
      data.misunderstood = 0;
    }
    await context.sendActivity(answer);
  }

  /** A rights request starts its dialog; a handoff shows the contact card, tells a live-agent hub, and offers a message to the DPO. */
  private async startDialog(context: TurnContext, c: Classification, m: Municipality, text: string): Promise<void> {
    if (c.request?.kind === 'dialog') {
      const { right } = c.request;
      return this.dialogs.beginRightsRequest(context, m, c.language, right, right === 'access' ? innsynMeant(text) : undefined);
    }
    if (!NO_HANDOFF_HUB.has(context.activity.channelId)) {
      const reason = c.request?.kind === 'handoff' ? c.request.reason : 'person';
      await context.sendActivity(EventFactory.createHandoffInitiation(context, { municipality: m.id, reason, language: c.language }));
    }
    await this.dialogs.offerDpoMessage(context, m, c.language, handoffReply(c, m));
  }

  private replyFor(c: Classification, m: Municipality): Reply {
    switch (c.outcome) {
      case 'answer':
        if (c.overview) return rightsOverviewReply(c, m, c.overview);
        return answerReply(c, m, this.deps.composer.compose(m, c.section!.item, c.question, { focus: c.focus }), c.section!.item);
      case 'dialog':
        throw new Error('PersonvernBot: rights requests are run by the DialogRunner, not answered');
      case 'handoff':
        return handoffReply(c, m);
      case 'smalltalk':
        return smalltalkReply(c, m);
      case 'out_of_scope':
        return outOfScopeReply(c, m);
      case 'not_covered':
        return notCoveredReply(c, m, c.related && this.deps.composer.compose(m, c.related.item, c.question, { focus: c.focus }));
    }
  }

  /** "slett samtalen": erased everywhere once this turn is over (see EraseConversationMiddleware). */
  private async deleteConversation(context: TurnContext, text: string, data: ConversationData): Promise<void> {
    context.turnState.set(ERASE_AFTER_TURN, true);
    const municipality = this.known(data.municipality);
    const language = detectLanguage(text, municipality?.målform ?? detectNorwegian(text));
    await context.sendActivity(reply(STRINGS[language].conversationDeleted, { outcome: 'smalltalk', sources: [], municipality: municipality?.id, language }));
  }

  private async askMunicipality(context: TurnContext, language: Malform | 'en'): Promise<void> {
    const all = this.deps.knowledge.municipalityIds().map((id) => this.deps.knowledge.municipality(id)!);
    await context.sendActivity(
      reply(STRINGS[language].askMunicipality, { outcome: 'smalltalk', sources: [], language }, {
        suggestedActions: { actions: municipalityActions(all), to: [] },
      }),
    );
  }

  private async unknownMunicipality(context: TurnContext, id: string, text: string): Promise<void> {
    const language = detectLanguage(text, detectNorwegian(text));
    const known = this.deps.knowledge.municipalityIds().map((k) => `${this.deps.knowledge.municipality(k)!.name} (${k})`).join(', ');
    // Quote the id only when it looks like one: channelData is the client's and may hold anything.
    const shown = MUNICIPALITY_ID.test(id) ? id : '?';
    await context.sendActivity(reply(STRINGS[language].unknownMunicipality(shown, known), { outcome: 'out_of_scope', sources: [], language }));
  }

  private fromChannelData(context: TurnContext): Municipality | undefined {
    return this.known(channelDataOf(context)?.municipality);
  }

  /** Teams sends the user's tenant; a kommune maps its own tenant to itself in config. */
  private fromTenant(context: TurnContext): Municipality | undefined {
    const tenantId = context.activity.conversation?.tenantId ?? channelDataOf(context)?.tenant?.id;
    return tenantId ? this.known(this.deps.tenantMunicipalities?.get(tenantId)) : undefined;
  }

  private known(id: string | undefined): Municipality | undefined {
    return id ? this.deps.knowledge.municipality(id) : undefined;
  }

  /** A message that is just a municipality's name or id ("Stranda", "stranda kommune"). */
  private byName(text: string): Municipality | undefined {
    return this.municipalitiesByName.get(nameKey(text));
  }
}

/** "Stranda kommune." → "stranda": how a message naming a municipality is compared with its name and id. */
function nameKey(text: string): string {
  return text.toLowerCase().replace(/[.!?]/g, '').trim().replace(/\s+kommune$/, '').trim();
}
