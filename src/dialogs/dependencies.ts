/** What the dialogs need from the rest of the bot, passed in so tests can use small fakes. */
import type { Attachment } from 'botbuilder';
import type { GeneralEntry, Language, Municipality, Section } from '../content/schema';
import type { Right } from '../knowledge/intents';
import type { InnsynKind } from './recognise';
import type { ComposedAnswer } from '../knowledge/composer';
import type { NewRequest, StoredRequest } from '../requests/types';

/** Stores a request durably (and starts delivering it); resolves only once it is safely stored. */
export interface RequestSubmitter {
  submit(request: NewRequest): Promise<StoredRequest>;
}

export interface DialogDependencies {
  municipality(id: string): Municipality | undefined;
  /** General GDPR entries (general.yaml), shown labelled as general. */
  general: readonly GeneralEntry[];
  /** The part of a section that speaks to the words (the knowledge layer's composer). */
  quote(municipality: Municipality, section: Section, words: string): ComposedAnswer;
  requests: RequestSubmitter;
}

export interface RequestDialogOptions {
  municipality: string;
  language: Language;
  /** A right already named by the resident ("Eg vil ha sletta …"); asked for when absent. */
  right?: Right;
  /**
   * Which "innsyn" the resident meant, when they said the word: a kind, or 'ask' when the words do
   * not settle it. Absent means GDPR access.
   */
  innsyn?: InnsynKind | 'ask';
  /** For the DPO-message offer: the handoff reply (words, contact card) it is sent with. */
  handoff?: { text: string; attachments: Attachment[]; sources: string[] };
  /** Words to begin the first message with ("Then we start again with …"): one message, not two. */
  intro?: string;
}
