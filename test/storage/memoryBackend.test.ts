import { openMemoryBackend } from '../../src/storage/memoryBackend';
import { backendSuite } from './backendSuite';

backendSuite('memory', {
  async open() {
    const backend = openMemoryBackend();
    return {
      backend,
      // Nothing lies beneath the interface: read every conversation through it.
      async raw() {
        const conversations = await backend.transcripts.listConversations({});
        const transcripts = await Promise.all(conversations.map((c) => backend.transcripts.getTranscript(c.channelId, c.conversationId)));
        return JSON.stringify({ conversations, transcripts, audit: await backend.audit.list({}) });
      },
    };
  },
});
