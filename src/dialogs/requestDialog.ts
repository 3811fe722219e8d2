/**
 * The shared half of the rights-request and DPO-message dialogs: cancel at any step, then name,
 * how to reply, a summary to confirm, and the durable hand-over with a reference number.
 * Subclasses put their own first steps in front of `closingSteps()`.
 */
import { type Activity, ActionTypes, type Attachment, type TurnContext } from 'botbuilder';
import {
  ComponentDialog, type DialogContext, type DialogTurnResult, type PromptOptions, type PromptValidatorContext, TextPrompt,
  type WaterfallStep, type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Language, Municipality } from '../content/schema';
import type { Outcome } from '../knowledge/classifier';
import type { Right } from '../knowledge/intents';
import { contactBlock, LOCALES, reply, type ReplyChannelData } from '../bot/replies';
import { STRINGS } from '../bot/strings';
import type { NewRequest, RequestKind, StoredRequest } from '../requests/types';
import { PERSONAL_DATA_FLAG } from '../storage/types';
import type { DialogDependencies, RequestDialogOptions } from './dependencies';
import { DIALOG_STRINGS, type DialogStrings } from './dialogStrings';
import { isCancel, isFreeText, isName, recogniseReplyTo, yesOrNo } from './recognise';
import { type Draft, summaryCard, summaryFacts } from './summaryCard';

export const PROMPTS = {
  freeText: 'freeTextPrompt',
  name: 'namePrompt',
  contact: 'contactPrompt',
  confirm: 'confirmPrompt',
} as const;

/** Prompts whose answers are personal data (what it concerns, name, how to reply): kept only in the request record. */
export const PERSONAL_PROMPTS: ReadonlySet<string> = new Set([PROMPTS.freeText, PROMPTS.name, PROMPTS.contact]);

/** What goes in front of a prompt's question in the same message. */
export interface PromptLead {
  text?: string;
  attachments?: Attachment[];
  /** The turn's outcome when it is not `dialog` (the DPO offer is part of a handoff). */
  outcome?: Outcome;
  /** The message shows personal data (the summary): see PERSONAL_DATA_FLAG. */
  personal?: boolean;
}

/** What a dialog hands back when it ends. `unhandled`: the resident moved on; the bot should treat the text as a new message. */
export interface RequestDialogResult {
  reference?: string;
  unhandled?: string;
}

interface DraftState extends Draft {
  language: Language;
  sources: string[];
  /** Words for the start of the dialog's first message (see RequestDialogOptions.intro); gone once used. */
  intro?: string;
}

const DRAFT = 'draft';

function validatorFor(accepts: (text: string) => boolean) {
  return async (prompt: PromptValidatorContext<string>) => prompt.recognized.succeeded && accepts(prompt.recognized.value ?? '');
}

export abstract class RequestDialog extends ComponentDialog {
  constructor(id: string, protected readonly deps: DialogDependencies, private readonly kind: RequestKind) {
    super(id);
    this.addDialog(new TextPrompt(PROMPTS.freeText, validatorFor(isFreeText)))
      .addDialog(new TextPrompt(PROMPTS.name, validatorFor(isName)))
      .addDialog(new TextPrompt(PROMPTS.contact, validatorFor((t) => recogniseReplyTo(t) !== undefined)))
      .addDialog(new TextPrompt(PROMPTS.confirm, validatorFor((t) => yesOrNo(t) !== undefined)));
  }

  /** "avbryt" / "cancel" / "stopp" ends the dialog at any step, with nothing sent. */
  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    if (isCancel(inner.context.activity.text ?? '')) {
      const draft = draftIn(inner);
      if (draft) await this.say(inner.context, draft, this.strings(draft).cancelled);
      return inner.cancelAllDialogs();
    }
    return super.onContinueDialog(inner);
  }

  /** Step one of every subclass: the draft the later steps fill in. */
  protected startDraft(step: WaterfallStepContext): DraftState {
    const options = step.options as RequestDialogOptions;
    const draft: DraftState = { kind: this.kind, municipality: options.municipality, language: options.language, right: options.right, sources: [], ...(options.intro ? { intro: options.intro } : {}) };
    (step.values as Record<string, unknown>)[DRAFT] = draft;
    return draft;
  }

  protected draft(step: WaterfallStepContext): DraftState {
    return (step.values as Record<string, unknown>)[DRAFT] as DraftState;
  }

  protected strings(draft: { language: Language }): DialogStrings {
    return DIALOG_STRINGS[draft.language];
  }

  protected municipality(draft: Draft): Municipality {
    const m = this.deps.municipality(draft.municipality);
    if (!m) throw new Error(`RequestDialog: unknown municipality "${draft.municipality}"`);
    return m;
  }

  /** A message of the dialog; the first one starts with the intro, if the dialog was given one. */
  protected message(draft: DraftState, text: string, extra: Partial<Activity> = {}, outcome: Outcome = 'dialog'): Partial<Activity> {
    const meta: ReplyChannelData = { outcome, sources: draft.sources, municipality: draft.municipality, language: draft.language };
    const { intro } = draft;
    delete draft.intro;
    return reply([intro, text].filter(Boolean).join('\n\n'), meta, extra);
  }

  protected async say(context: TurnContext, draft: DraftState, text: string, extra: Partial<Activity> = {}): Promise<void> {
    await context.sendActivity(this.message(draft, text, extra));
  }

  /**
   * Asks with a prompt; `buttons` become suggested actions on the question and on its retry.
   * `lead` (an explanation, a card) goes in the same message as the question, not in one of its
   * own: one message per turn reads as one reply and costs the channel one call; a retry asks
   * the question alone.
   */
  protected ask(step: WaterfallStepContext, promptId: string, text: string, retry: string, buttons: string[] = [], lead: PromptLead = {}): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const outcome = lead.outcome ?? 'dialog';
    const extra: Partial<Activity> = buttons.length
      ? { suggestedActions: { actions: buttons.map((b) => ({ type: ActionTypes.ImBack, title: b, value: b })), to: [] } }
      : {};
    const prompt = this.message(draft, [lead.text, text].filter(Boolean).join('\n\n'), { ...extra, ...(lead.attachments ? { attachments: lead.attachments } : {}) }, outcome);
    if (lead.personal) prompt.channelData = { ...prompt.channelData, [PERSONAL_DATA_FLAG]: true };
    return step.prompt(promptId, {
      prompt,
      retryPrompt: this.message(draft, retry, extra, outcome),
      validations: { language: draft.language },
    });
  }

  /**
   * Who receives it, as the resident sees it: a rights request goes to the municipality (the
   * controller); a message for the DPO to the DPO, else the service office.
   */
  protected recipient(m: Municipality): string {
    if (this.kind === 'rights_request') return m.name;
    return m.contacts.dpo?.name ?? m.contacts.service_office?.name ?? m.name;
  }

  /** Name → how to reply → summary and confirm → stored and delivered. */
  protected closingSteps(): WaterfallStep[] {
    return [this.nameStep.bind(this), this.contactStep.bind(this), this.summaryStep.bind(this), this.submitStep.bind(this)];
  }

  private async nameStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    draft.details = String(step.result).trim();
    const s = this.strings(draft);
    return this.ask(step, PROMPTS.name, s.askName, s.retryName);
  }

  private async contactStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    draft.name = String(step.result).trim().replace(/\s+/g, ' ');
    const s = this.strings(draft);
    return this.ask(step, PROMPTS.contact, s.askContact, s.retryContact);
  }

  private async summaryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    draft.replyTo = recogniseReplyTo(String(step.result));
    const s = this.strings(draft);
    const title = s.summaryTitle[draft.kind];
    const facts = summaryFacts(draft, this.recipient(this.municipality(draft)), s);
    // The card carries the summary (its fallback text for channels without cards) and is personal
    // data: the transcript keeps a placeholder for this message.
    return this.ask(step, PROMPTS.confirm, s.askConfirm, s.retryConfirm, [s.confirmButtons.yes, s.confirmButtons.no], {
      attachments: [summaryCard(title, facts)],
      personal: true,
    });
  }

  private async submitStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const s = this.strings(draft);
    if (!yesOrNo(String(step.result))) {
      await this.say(step.context, draft, s.notSent);
      return step.endDialog({} satisfies RequestDialogResult);
    }
    let stored: StoredRequest;
    try {
      stored = await this.deps.requests.submit(this.newRequest(step.context, draft));
    } catch {
      // Never say "received" unless it is stored; the submitter has logged why.
      await this.say(step.context, draft, `${s.submitFailed}\n${contactBlock(this.municipality(draft), STRINGS[draft.language], 'service_office')}`);
      return step.endDialog({} satisfies RequestDialogResult);
    }
    await this.say(step.context, draft, this.receipt(stored, draft, s));
    return step.endDialog({ reference: stored.reference } satisfies RequestDialogResult);
  }

  protected receipt(stored: StoredRequest, draft: DraftState, s: DialogStrings): string {
    if (draft.kind === 'dpo_message') return s.dpoReceived(stored.reference, this.recipient(this.municipality(draft)));
    return [s.received(stored.reference), s.deadline(formatDate(stored.deadline, draft.language)), s.freeAndComplaint, s.identityReminder].join('\n\n');
  }

  private newRequest(context: TurnContext, draft: DraftState): NewRequest {
    return {
      kind: draft.kind,
      municipality: draft.municipality,
      ...(draft.right ? { right: draft.right } : {}),
      details: draft.details ?? '',
      name: draft.name ?? '',
      replyTo: draft.replyTo!,
      language: draft.language,
      conversationId: context.activity.conversation?.id,
      channel: context.activity.channelId,
    };
  }

}

/** "2026-12-26" → "26. desember 2026" / "26 December 2026". */
export function formatDate(isoDate: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** Which request dialog is running, at which prompt, for which right: what the bot needs to handle interruptions. */
export interface ActiveRequest {
  dialogId: string;
  promptId?: string;
  /** The question the prompt asked (its message as first sent), to ask again. */
  question?: Partial<Activity>;
  right?: Right;
  language?: Language;
}

export function activeRequest(dc: DialogContext): ActiveRequest | undefined {
  const outer = dc.activeDialog;
  if (!outer) return undefined;
  const inner = dc.child;
  const draft = inner && draftIn(inner);
  // A prompt keeps its options (prompt, retryPrompt) in its state.
  const question = (inner?.activeDialog?.state as { options?: PromptOptions } | undefined)?.options?.prompt;
  return { dialogId: outer.id, promptId: inner?.activeDialog?.id, question: typeof question === 'object' ? question : undefined, right: draft?.right, language: draft?.language };
}

/** The draft in a request dialog's inner stack: the waterfall keeps it in its step values, under the prompt. */
function draftIn(inner: DialogContext): DraftState | undefined {
  for (const instance of inner.stack) {
    const values = (instance.state as { values?: Record<string, unknown> } | undefined)?.values;
    if (values?.[DRAFT]) return values[DRAFT] as DraftState;
  }
  return undefined;
}
