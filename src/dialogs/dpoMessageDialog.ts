/**
 * After a handoff (wanting a person, a complaint, a suspected breach): offers to send a message to
 * the DPO (the service office where the notice names none), collects it and hands it over the same
 * durable way as a rights request. Anything but yes/no to the offer drops the dialog, so the
 * resident's next question is simply answered.
 */
import { type DialogTurnResult, TextPrompt, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { DialogDependencies, RequestDialogOptions } from './dependencies';
import { yesOrNo } from './recognise';
import { PROMPTS, RequestDialog, type RequestDialogResult } from './requestDialog';

export const DPO_MESSAGE_DIALOG = 'dpoMessageDialog';
const OFFER_PROMPT = 'offerPrompt';
const WATERFALL = 'dpoMessageSteps';

export class DpoMessageDialog extends RequestDialog {
  constructor(deps: DialogDependencies) {
    super(DPO_MESSAGE_DIALOG, deps, 'dpo_message');
    // Any answer is accepted: one that is not yes/no ends the dialog in the next step.
    this.addDialog(new TextPrompt(OFFER_PROMPT))
      .addDialog(new WaterfallDialog(WATERFALL, [this.offerStep.bind(this), this.messageStep.bind(this), ...this.closingSteps()]));
    this.initialDialogId = WATERFALL;
  }

  /** Sent in the handoff turn itself, after the handoff's own words and contact card, so it carries that turn's outcome. */
  private async offerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.startDraft(step);
    const s = this.strings(draft);
    const recipient = this.recipient(this.municipality(draft));
    const { handoff } = step.options as RequestDialogOptions;
    if (handoff) draft.sources.push(...handoff.sources);
    return this.ask(step, OFFER_PROMPT, s.dpoOffer(recipient), s.dpoOffer(recipient), [s.offerButtons.yes, s.offerButtons.no], {
      outcome: 'handoff',
      ...(handoff && { text: handoff.text, attachments: handoff.attachments }),
    });
  }

  private async messageStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const s = this.strings(draft);
    const answer = String(step.result);
    const wants = yesOrNo(answer);
    if (wants === undefined) return step.endDialog({ unhandled: answer } satisfies RequestDialogResult);
    if (!wants) {
      await this.say(step.context, draft, s.offerDeclined);
      return step.endDialog({} satisfies RequestDialogResult);
    }
    return this.ask(step, PROMPTS.freeText, s.askMessage(this.recipient(this.municipality(draft))), s.retryMessage);
  }
}
