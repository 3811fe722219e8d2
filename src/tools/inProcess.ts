/** Runs the bot in-process with botbuilder's TestAdapter: what the ask and eval tools talk to. */
import { randomUUID } from 'node:crypto';
import { type Activity, MemoryStorage, TestAdapter } from 'botbuilder';
import type { Content } from '../content/load';
import { buildBotRuntime, type BotRuntime } from '../runtime';

export class InProcessBot {
  readonly runtime: BotRuntime;

  constructor(content: Content) {
    this.runtime = buildBotRuntime(content, new MemoryStorage());
  }

  /** Sends one message in a fresh conversation and returns the bot's replies. */
  async ask(municipality: string, text: string): Promise<Partial<Activity>[]> {
    const replies: Partial<Activity>[] = [];
    const adapter = new TestAdapter(async (context) => this.runtime.bot.run(context), TestAdapter.createConversation(randomUUID()));
    for (const m of this.runtime.middleware) adapter.use(m);
    adapter.onTurnError = async (_context, error) => {
      throw error;
    };
    const message: Partial<Activity> = { type: 'message', text, channelData: { municipality } };
    await adapter.send(message);
    for (let a = adapter.activeQueue.shift(); a; a = adapter.activeQueue.shift()) replies.push(a);
    return replies;
  }
}
