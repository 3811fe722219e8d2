/** A request submitter that keeps what it is given, as a durable store would, for dialog tests. */
import { ConversationState, MemoryStorage } from 'botbuilder';
import type { Content } from '../../src/content/load';
import type { DialogDependencies, RequestSubmitter } from '../../src/dialogs/dependencies';
import { Composer } from '../../src/knowledge/composer';
import { KnowledgeBase } from '../../src/knowledge/knowledgeBase';
import type { NewRequest, StoredRequest } from '../../src/requests/types';

export class RecordingSubmitter implements RequestSubmitter {
  readonly received: NewRequest[] = [];
  failing = false;

  async submit(request: NewRequest): Promise<StoredRequest> {
    if (this.failing) throw new Error('disk full');
    this.received.push(request);
    const reference = `PV-2026-${String(this.received.length).padStart(6, '0')}`;
    return { ...request, reference, createdAt: '2026-11-26T12:00:00.000Z', deadline: '2026-12-26', status: 'new', deliveries: [] };
  }
}

export function dialogDependencies(content: Content, requests: RequestSubmitter): DialogDependencies {
  const knowledge = new KnowledgeBase(content);
  const composer = new Composer(knowledge);
  return {
    municipality: (id) => knowledge.municipality(id),
    general: content.general.entries,
    quote: (m, section, words) => composer.compose(m, section, knowledge.analyser.analyse(words)),
    requests,
  };
}

export const freshState = () => new ConversationState(new MemoryStorage());
