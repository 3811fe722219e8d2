/**
 * When a resident asks a question in the middle of a dialog, the bot answers it and resumes the
 * dialog — but only where the question cannot itself be the answer. Free-text prompts (what the
 * request concerns, the message to the DPO) take anything but a question ending in "?".
 */
import type { Language } from '../content/schema';
import { isQuestion } from '../knowledge/intents';
import { DIALOG_STRINGS } from './dialogStrings';
import { isName, recogniseInnsynKind, recogniseReplyTo, recogniseRight, yesOrNo } from './recognise';
import { PROMPTS } from './requestDialog';
import { INNSYN_PROMPT, RIGHT_PROMPT } from './rightsRequestDialog';

const ACCEPTS: Record<string, (text: string, language: Language) => boolean> = {
  [RIGHT_PROMPT]: (text, language) => recogniseRight(text, DIALOG_STRINGS[language].rightButtons) !== undefined,
  [INNSYN_PROMPT]: (text, language) => recogniseInnsynKind(text, DIALOG_STRINGS[language].innsynButtons) !== undefined,
  [PROMPTS.name]: (text) => isName(text) && !isQuestion(text),
  [PROMPTS.contact]: (text) => recogniseReplyTo(text) !== undefined,
  [PROMPTS.confirm]: (text) => yesOrNo(text) !== undefined,
  [PROMPTS.freeText]: (text) => !/\?\s*$/.test(text),
};

/** Whether the text is a question to answer before resuming, rather than the answer to the prompt. */
export function interruptsPrompt(promptId: string | undefined, text: string, language: Language): boolean {
  const accepts = promptId ? ACCEPTS[promptId] : undefined;
  return accepts !== undefined && isQuestion(text) && !accepts(text, language);
}
