/**
 * A resident's request to use a GDPR right (Art. 15–18, 20–22): which right (unless already
 * said), which "innsyn" (when unclear), what the right is and what this municipality's notice says
 * about it, then what it concerns and the shared closing steps.
 */
import { type DialogTurnResult, TextPrompt, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { GeneralEntry, Language, Municipality, Section, Topic } from '../content/schema';
import { citationLine, contactBlock } from '../bot/replies';
import { STRINGS } from '../bot/strings';
import { namesRight, RIGHT_ARTICLE, RIGHT_TOPIC, RIGHTS, type Right } from '../knowledge/intents';
import type { DialogDependencies, RequestDialogOptions } from './dependencies';
import { DIALOG_STRINGS } from './dialogStrings';
import { INNSYN_KINDS, type InnsynKind, recogniseInnsynKind, recogniseRight } from './recognise';
import { PROMPTS, RequestDialog, type RequestDialogResult } from './requestDialog';

export const RIGHTS_REQUEST_DIALOG = 'rightsRequestDialog';
export const RIGHT_PROMPT = 'rightPrompt';
export const INNSYN_PROMPT = 'innsynPrompt';
const WATERFALL = 'rightsRequestSteps';

const languageOf = (validations: unknown): Language => (validations as { language: Language }).language;

export class RightsRequestDialog extends RequestDialog {
  constructor(deps: DialogDependencies) {
    super(RIGHTS_REQUEST_DIALOG, deps, 'rights_request');
    this.addDialog(new TextPrompt(RIGHT_PROMPT, async (p) => recogniseRight(p.recognized.value ?? '', DIALOG_STRINGS[languageOf(p.options.validations)].rightButtons) !== undefined))
      .addDialog(new TextPrompt(INNSYN_PROMPT, async (p) => recogniseInnsynKind(p.recognized.value ?? '', DIALOG_STRINGS[languageOf(p.options.validations)].innsynButtons) !== undefined))
      .addDialog(new WaterfallDialog(WATERFALL, [
        this.chooseRightStep.bind(this),
        this.clarifyInnsynStep.bind(this),
        this.explainStep.bind(this),
        ...this.closingSteps(),
      ]));
    this.initialDialogId = WATERFALL;
  }

  private async chooseRightStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.startDraft(step);
    if (draft.right) return step.next(draft.right);
    const s = this.strings(draft);
    return this.ask(step, RIGHT_PROMPT, s.askRight, s.askRight, RIGHTS.map((r) => s.rightButtons[r]));
  }

  private async clarifyInnsynStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const s = this.strings(draft);
    draft.right ??= recogniseRight(String(step.result), s.rightButtons);
    const options = step.options as RequestDialogOptions;
    if (draft.right !== 'access' || options.innsyn !== 'ask') return step.next(draft.right === 'access' ? (options.innsyn ?? 'gdpr') : 'gdpr');
    return this.ask(step, INNSYN_PROMPT, s.askInnsynKind, s.askInnsynKind, INNSYN_KINDS.map((k) => s.innsynButtons[k]));
  }

  private async explainStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const s = this.strings(draft);
    const m = this.municipality(draft);
    const kind = INNSYN_KINDS.find((k) => k === step.result) ?? recogniseInnsynKind(String(step.result), s.innsynButtons) ?? 'gdpr';
    if (kind !== 'gdpr') {
      await this.say(step.context, draft, this.elsewhere(m, kind, draft.language));
      return step.endDialog({} satisfies RequestDialogResult);
    }
    const explanation = this.explanation(m, draft.right!, draft.language, draft.sources);
    return this.ask(step, PROMPTS.freeText, s.askDetails, s.retryDetails, [], { text: explanation });
  }

  /** Partsinnsyn and public records are not GDPR requests: say where to ask, and what the notice says if anything. */
  private elsewhere(m: Municipality, kind: Exclude<InnsynKind, 'gdpr'>, language: Language): string {
    const s = DIALOG_STRINGS[language];
    const topic: Topic = kind === 'public' ? 'public_records' : 'case_handling';
    const section = m.sections.find((x) => x.topics[0] === topic) ?? m.sections.find((x) => x.topics.includes(topic));
    const parts = [s.innsynElsewhere[kind]];
    if (section) {
      const quote = this.deps.quote(m, section, `${section.title} ${kind === 'public' ? 'offentleglova offentlig dokument' : 'partsinnsyn forvaltningsloven sak'}`);
      parts.push(`${s.noticeSays(m.name)}\n${quote.passage}\n${citationLine(quote, STRINGS[language])}`);
    }
    parts.push(contactBlock(m, STRINGS[language], 'service_office'));
    return parts.join('\n\n');
  }

  /** The right in one general sentence, what this notice says about it, and how identity is checked. */
  private explanation(m: Municipality, right: Right, language: Language, sources: string[]): string {
    const s = DIALOG_STRINGS[language];
    const bot = STRINGS[language];
    const general = this.generalEntry(right);
    const intro = [s.requestIntro(s.rightAsRequest[right], citeArticle(right, language))];
    if (general) {
      intro.push(`${bot.generalLabel} ${sentenceAbout(right, general.text[language])}`);
      sources.push(`general:${general.id}`);
    }
    const parts = [intro.join('\n')];
    const topic = RIGHT_TOPIC[right];
    const section = m.sections.find((x) => x.topics[0] === topic) ?? m.sections.find((x) => x.topics.includes(topic));
    if (section) {
      const quote = this.deps.quote(m, section, `${s.rightButtons[right]} ${bot.rightNames[right]}`);
      parts.push(`${s.noticeSays(m.name)}\n${quote.passage}\n${citationLine(quote, bot)}`);
      sources.push(section.id);
    } else {
      parts.push(s.noticeSilent(m.name));
    }
    const identity = identitySection(m, right);
    if (identity) {
      const quote = this.deps.quote(m, identity, 'identitet legitimasjon ID-porten bekrefte');
      parts.push(`${s.identityFromNotice}\n${quote.passage}\n${citationLine(quote, bot)}`);
      if (!sources.includes(identity.id)) sources.push(identity.id);
    } else {
      parts.push(s.identityDefault);
    }
    return parts.join('\n\n');
  }

  /** The general entry about exactly this right: the one naming it with the fewest other topics. */
  private generalEntry(right: Right): GeneralEntry | undefined {
    return [...this.deps.general].filter((e) => e.topics.includes(RIGHT_TOPIC[right])).sort((a, b) => a.topics.length - b.topics.length)[0];
  }
}

const RIGHTS_TOPICS: ReadonlySet<Topic> = new Set<Topic>(['rights', ...Object.values(RIGHT_TOPIC)]);

/**
 * How the notice says it checks identity: of the sections about identity checks, the one about
 * this right, else one about rights at all (Sveio: a copy of ID before access), else the first.
 */
function identitySection(m: Municipality, right: Right): Section | undefined {
  const score = (s: Section) =>
    (s.topics.includes(RIGHT_TOPIC[right]) ? 2 : 0) + (s.topics.some((t) => RIGHTS_TOPICS.has(t)) ? 1 : 0) + (s.topics[0] === 'identity_check' ? 1 : 0);
  const candidates = m.sections.filter((s) => s.topics.includes('identity_check'));
  return candidates.reduce<Section | undefined>((best, s) => (!best || score(s) > score(best) ? s : best), undefined);
}

/** "GDPR art. 7 nr. 3" (nb, nn) / "GDPR Art. 7(3)" (en). */
function citeArticle(right: Right, language: Language): string {
  const [article, paragraph] = RIGHT_ARTICLE[right];
  if (language === 'en') return `GDPR Art. ${article}${paragraph ? `(${paragraph})` : ''}`;
  return `GDPR art. ${article}${paragraph ? ` nr. ${paragraph}` : ''}`;
}

/** The entry's first sentence naming the right, else its first sentence: one line, not the whole entry. */
function sentenceAbout(right: Right, text: string): string {
  const sentences = text.match(/[^.!?]+[.!?]+(?=\s|$)/g)?.map((x) => x.trim()) ?? [text];
  return sentences.find((x) => namesRight(x, right)) ?? sentences[0]!;
}
