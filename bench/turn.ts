/**
 * The bot's own cost per turn, in-process: the same questions through the personvern bot and
 * through the bare echo bot, each behind the middleware startServer gives it and with bot state
 * and transcripts in SQLite, on botbuilder's TestAdapter (no HTTP). The difference is what the
 * bot's work adds to every Direct Line turn; the end-to-end bench (bench/e2e.ts) shows it with
 * the HTTP and queueing around it.
 *
 *   node --expose-gc --import tsx bench/turn.ts [--conversations 200] [--turns 10] [--rounds 5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ActivityHandler, type Middleware, TestAdapter } from 'botbuilder';
import pino from 'pino';
import { ConversationEraser } from '../src/bot/conversationEraser';
import { NationalIdRedactionMiddleware } from '../src/bot/nationalIdMiddleware';
import { loadContent } from '../src/content/load';
import { buildBotRuntime } from '../src/runtime';
import { openStorage } from '../src/storage/openStorage';
import { SettledArchive } from '../src/storage/settledArchive';
import { turnMiddleware } from '../src/server/startServer';
import type { StorageBackend } from '../src/storage/types';
import { benchQuestions } from './corpus';
import { EchoBot } from './servers';
import { emitResult, ms, now, msSince, summarise, table } from './stats';

interface TurnVariant {
  name: string;
  bot: ActivityHandler;
  adapter: TestAdapter;
  storage: StorageBackend;
  dataDir: string;
}

async function variant(name: string, build: (storage: StorageBackend) => { bot: ActivityHandler; middleware: Middleware[] }): Promise<TurnVariant> {
  const dataDir = mkdtempSync(join(tmpdir(), 'personvern-bench-turn-'));
  const storage = await openStorage({ kind: 'sqlite', dataDir });
  const { bot, middleware } = build(storage);
  const adapter = new TestAdapter(undefined, undefined, false);
  for (const m of middleware) adapter.use(m);
  return { name, bot, adapter, storage, dataDir };
}

/** startServer's middleware around a bot's own (see turnMiddleware), with transcripts and bot state in `storage`. */
function serverMiddleware(storage: StorageBackend, own: Middleware[]): Middleware[] {
  const transcripts = new SettledArchive(storage.transcripts);
  return turnMiddleware({ middleware: own }, transcripts, new ConversationEraser(transcripts, storage.botState), pino({ level: 'silent' }));
}

export async function runTurnBench(options: { conversations: number; turns: number; rounds: number }, log: (line: string) => void = console.log) {
  const content = loadContent('content');
  const municipalities = content.municipalities.map((m) => m.id);
  const questions = benchQuestions({ content, templates: content.municipalities, templateOf: new Map() }, { count: 2000, seed: 99 }).map((q) => q.text);
  const variants = [
    await variant('echo bot', (storage) => ({ bot: new EchoBot(), middleware: serverMiddleware(storage, [new NationalIdRedactionMiddleware()]) })),
    await variant('personvern bot', (storage) => {
      const runtime = buildBotRuntime(content, storage.botState);
      return { bot: runtime.bot, middleware: serverMiddleware(storage, runtime.middleware) };
    }),
  ];

  /** One round: `conversations` residents, one after the other, each opening and asking `turns` questions. */
  const round = async (v: TurnVariant, r: number, conversations: number) => {
    const turnMs: number[] = [];
    let unanswered = 0;
    const cpu = process.cpuUsage();
    for (let c = 0; c < conversations; c++) {
      const conversation = { id: `bench-${r}-${c}`, name: '', isGroup: false, conversationType: 'personal' };
      const municipality = municipalities[(r + c) % municipalities.length]!;
      const base = { channelId: 'directline', conversation, from: { id: `resident-${c}`, name: '', role: 'user' }, recipient: { id: 'personvern-bot', name: 'Personvern', role: 'bot' }, serviceUrl: 'https://bench.invalid' };
      await v.adapter.processActivity({ ...base, type: 'conversationUpdate', membersAdded: [{ id: `resident-${c}`, name: '' }], channelData: { municipality } }, (ctx) => v.bot.run(ctx));
      for (let t = 0; t < options.turns; t++) {
        const text = questions[(r * 997 + c * options.turns + t) % questions.length]!;
        const replies = v.adapter.activeQueue.length;
        const started = now();
        await v.adapter.processActivity({ ...base, type: 'message', text, channelData: { municipality } }, (ctx) => v.bot.run(ctx));
        turnMs.push(msSince(started));
        if (v.adapter.activeQueue.length === replies) unanswered++;
      }
      // TestAdapter keeps every reply: let them go.
      v.adapter.activeQueue.length = 0;
    }
    const used = process.cpuUsage(cpu);
    return { turnMs, unanswered, cpuMsPerTurn: (used.user + used.system) / 1000 / (conversations * (options.turns + 1)) };
  };

  try {
    for (const v of variants) await round(v, -1, Math.min(50, options.conversations));
    const results = new Map(variants.map((v) => [v.name, { turnMs: [] as number[], cpu: [] as number[] }]));
    let unanswered = 0;
    for (let r = 0; r < options.rounds; r++) {
      for (const v of r % 2 ? [...variants].reverse() : variants) {
        const res = await round(v, r, options.conversations);
        results.get(v.name)!.turnMs.push(...res.turnMs);
        results.get(v.name)!.cpu.push(res.cpuMsPerTurn);
        unanswered += res.unanswered;
      }
    }
    const figures = variants.map((v) => {
      const r = results.get(v.name)!;
      return { name: v.name, turn: summarise(r.turnMs), cpu: summarise(r.cpu).p50 };
    });
    log(`\nOne turn in-process (TestAdapter, SQLite state and transcripts, startServer's middleware): ${options.conversations} conversations × ${options.turns} questions, ${options.rounds} rounds`);
    log(table([['  bot', 'turn p50', 'turn p99', 'CPU per turn (median of rounds)'], ...figures.map((f) => [`  ${f.name}`, `${ms(f.turn.p50)} ms`, `${ms(f.turn.p99)} ms`, `${ms(f.cpu)} ms`])]));
    const [echo, real] = figures as [(typeof figures)[0], (typeof figures)[0]];
    log(`  the bot's own work: ${ms(real.cpu - echo.cpu)} ms CPU per turn (p50 turn ${ms(real.turn.p50 - echo.turn.p50)} ms more than the echo bot's)`);
    if (unanswered > 0) log(`  ${unanswered} turns got no reply`);
    return { echoCpuMs: echo.cpu, realCpuMs: real.cpu, echoP50: echo.turn.p50, realP50: real.turn.p50, realP99: real.turn.p99, unanswered };
  } finally {
    for (const v of variants) {
      await v.storage.close();
      rmSync(v.dataDir, { recursive: true, force: true });
    }
  }
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      conversations: { type: 'string', default: '200' },
      turns: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '5' },
    },
  });
  runTurnBench({ conversations: Number(values.conversations), turns: Number(values.turns), rounds: Number(values.rounds) })
    .then((r) => emitResult('turn', r))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
