/**
 * The knowledge path of one turn, as the bot runs it (src/bot/personvernBot.ts, replyFor):
 * classify, then compose the passage the reply quotes. Rendering the reply's strings is left out.
 */
import type { Content } from '../src/content/load';
import { type Classification, Classifier } from '../src/knowledge/classifier';
import { type ComposedAnswer, Composer } from '../src/knowledge/composer';
import { RIGHT_TOPIC } from '../src/knowledge/intents';
import { KnowledgeBase } from '../src/knowledge/knowledgeBase';

export interface KnowledgePath {
  knowledge: KnowledgeBase;
  classifier: Classifier;
  composer: Composer;
}

/** As src/runtime.ts builds them. */
export function buildKnowledgePath(content: Content): KnowledgePath {
  const knowledge = new KnowledgeBase(content);
  return { knowledge, classifier: new Classifier(knowledge), composer: new Composer(knowledge) };
}


export interface Turn {
  classification: Classification;
  composed?: ComposedAnswer;
}

export function answer({ knowledge, classifier, composer }: KnowledgePath, municipalityId: string, text: string): Turn {
  const m = knowledge.municipality(municipalityId);
  if (!m) throw new Error(`unknown municipality ${municipalityId}`);
  const c = classifier.classify(m.id, m.målform, text);
  switch (c.outcome) {
    case 'answer':
      return { classification: c, composed: c.overview ? undefined : composer.compose(m, c.section!.item, c.question) };
    case 'dialog': {
      const right = c.request?.kind === 'dialog' ? c.request.right : 'access';
      const section = m.sections.find((s) => s.topics.includes(RIGHT_TOPIC[right]));
      return { classification: c, composed: section && composer.compose(m, section, c.question) };
    }
    case 'not_covered':
      return { classification: c, composed: c.related && composer.compose(m, c.related.item, c.question) };
    default:
      return { classification: c };
  }
}

/** What a turn decided, as one line: for checking that a change to src/knowledge changes no behaviour. */
export function describeTurn({ classification: c, composed }: Turn): string {
  return JSON.stringify([
    c.outcome,
    c.language,
    c.confidence,
    c.section?.item.id,
    c.section?.score,
    c.related?.item.id,
    c.general?.item.id,
    c.overview?.map((s) => s.id),
    c.request,
    c.smalltalk,
    c.question.map((w) => [w.stem, w.synonyms, w.parts]),
    composed?.passage,
    composed?.citation,
  ]);
}
