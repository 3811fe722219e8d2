/**
 * Runs the rights-request and DPO-message dialogs inside the bot's turn: starts them, continues
 * them, and handles what residents do in the middle of one — ask a question (answered, then the
 * dialog resumes), ask for another right (start again), want a person (dialog dropped).
 */
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { type DialogContext, DialogSet, type DialogState, DialogTurnStatus } from 'botbuilder-dialogs';
import type { Language, Municipality } from '../content/schema';
import type { Classification } from '../knowledge/classifier';
import { detectRequest, type Right } from '../knowledge/intents';
import { detectLanguage } from '../knowledge/language';
import type { DialogDependencies, RequestDialogOptions } from '../dialogs/dependencies';
import { DIALOG_STRINGS } from '../dialogs/dialogStrings';
import { DPO_MESSAGE_DIALOG, DpoMessageDialog } from '../dialogs/dpoMessageDialog';
import { interruptsPrompt } from '../dialogs/interruptions';
import { isCancel } from '../dialogs/recognise';
import { activeRequest, PERSONAL_PROMPTS, type RequestDialogResult } from '../dialogs/requestDialog';
import { RIGHT_PROMPT, RIGHTS_REQUEST_DIALOG, RightsRequestDialog } from '../dialogs/rightsRequestDialog';
import { withLead } from './messageLead';
import type { Reply } from './replies';

export interface DialogRunnerDependencies {
  dialogState: StatePropertyAccessor<DialogState>;
  dialogs: DialogDependencies;
  classify(municipality: Municipality, text: string): Classification;
  /** The reply the bot would give to a classified message outside any dialog. */
  replyFor(classification: Classification, municipality: Municipality): Reply;
}

export class DialogRunner {
  private readonly dialogs: DialogSet;

  constructor(private readonly deps: DialogRunnerDependencies) {
    this.dialogs = new DialogSet(deps.dialogState).add(new RightsRequestDialog(deps.dialogs)).add(new DpoMessageDialog(deps.dialogs));
  }

  async beginRightsRequest(
    context: TurnContext, m: Municipality, language: Language, right: Right | undefined, innsyn?: RequestDialogOptions['innsyn'], intro?: string,
  ): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    await dc.cancelAllDialogs();
    await dc.beginDialog(RIGHTS_REQUEST_DIALOG, { municipality: m.id, language, right, innsyn, ...(intro ? { intro } : {}) } satisfies RequestDialogOptions);
  }

  /** Sends the handoff reply with the offer to send the DPO a message, as one message. */
  async offerDpoMessage(context: TurnContext, m: Municipality, language: Language, handoff: Reply): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    await dc.cancelAllDialogs();
    const lead = { text: handoff.text ?? '', attachments: handoff.attachments ?? [], sources: handoff.channelData.sources };
    await dc.beginDialog(DPO_MESSAGE_DIALOG, { municipality: m.id, language, handoff: lead } satisfies RequestDialogOptions);
  }

  /**
   * Continues a running dialog with the resident's message. false when no dialog is running or the
   * dialog let go of the message (the bot then handles it as a new one).
   */
  async continue(context: TurnContext, m: Municipality, text: string): Promise<boolean> {
    if (!(await this.isRunning(context))) return false;
    const dc = await this.dialogs.createContext(context);
    const active = activeRequest(dc);
    if (!active) return false;
    const language = active.language ?? m.målform;
    if (!isCancel(text)) {
      const request = detectRequest(text);
      if (request?.kind === 'handoff' || (request?.kind === 'dialog' && active.dialogId === DPO_MESSAGE_DIALOG)) {
        await dc.cancelAllDialogs();
        return false;
      }
      if (request?.kind === 'dialog' && request.right && request.right !== active.right && active.promptId !== RIGHT_PROMPT) {
        // The new request sets the language again: "I want my data deleted" switches to English.
        const restartIn = detectLanguage(text, m.målform);
        const restart = DIALOG_STRINGS[restartIn].restartWith(DIALOG_STRINGS[restartIn].rightAsRequest[request.right]);
        await this.beginRightsRequest(context, m, restartIn, request.right, undefined, restart);
        return true;
      }
      if (interruptsPrompt(active.promptId, text, language) && (await this.answerInBetween(dc, m, text, language))) return true;
    }
    const result = await dc.continueDialog();
    const ended = result.status === DialogTurnStatus.complete ? (result.result as RequestDialogResult | undefined) : undefined;
    return ended?.unhandled === undefined;
  }

  /** Whether the dialog now waits for personal data (what it concerns, a name, an address): see PersonalAnswerMiddleware. */
  async expectsPersonalAnswer(context: TurnContext): Promise<boolean> {
    if (!(await this.isRunning(context))) return false;
    const promptId = activeRequest(await this.dialogs.createContext(context))?.promptId;
    return promptId !== undefined && PERSONAL_PROMPTS.has(promptId);
  }

  /**
   * Whether any dialog is on the stack, read from state: most turns are plain questions, and a
   * DialogContext costs a DialogStateManager with all its memory scopes to build.
   */
  private async isRunning(context: TurnContext): Promise<boolean> {
    return ((await this.deps.dialogState.get(context))?.dialogStack.length ?? 0) > 0;
  }

  /** Answers a question the notice can answer and asks the dialog's question again, in one message. */
  private async answerInBetween(dc: DialogContext, m: Municipality, text: string, language: Language): Promise<boolean> {
    const classification = this.deps.classify(m, text);
    const answerable = classification.outcome === 'answer' || (classification.outcome === 'not_covered' && /\?\s*$/.test(text));
    if (!answerable) return false;
    const answer = this.deps.replyFor(classification, m);
    const question = activeRequest(dc)?.question;
    // Every prompt of the request dialogs keeps its question; one without would ask again itself.
    await dc.context.sendActivity(question ? withLead(answer, DIALOG_STRINGS[language].resume, question) : answer);
    if (!question) await dc.repromptDialog();
    return true;
  }
}
