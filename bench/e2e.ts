/**
 * End to end over Direct Line: concurrent residents talk to the server over HTTP exactly as the
 * chat page does (token → open → post a message → get the replies), only on 127.0.0.1. The real
 * server and the same wiring with a bare echo bot are driven in the same run, in alternating
 * rounds, so their figures compare as a ratio on a shared machine.
 *
 *   node --expose-gc --import tsx bench/e2e.ts [--conversations 50] [--turns 10] [--rounds 7] [--no-control]
 *     [--client worker|inline] [--verbose]
 *
 * Each simulated resident sends its own X-Forwarded-For (the app trusts it from loopback), so the
 * real server's per-client rate limits apply per resident, as in production; a 429 is counted.
 */
import { parseArgs } from 'node:util';
import { loadContent } from '../src/content/load';
import { benchQuestions } from './corpus';
import { emptyRound, inlineRunner, type RoundResult, type RoundRunner, workerRunner } from './e2eClient';
import { type BenchServer, startComposedRealServer, startEchoServer, startRealServer } from './servers';
import { TARGETS } from './targets';
import { emitResult, ms, summarise, table } from './stats';

const TARGET_RATIO = TARGETS.directLineRatio;
/** Turns slower than this are counted: under load the bot's reply can wait for its loopback connection to be accepted. */
const SLOW_MS = 250;

interface Variant {
  name: string;
  key: string;
  server: BenchServer;
}

export interface E2eOptions {
  conversations: number;
  turns: number;
  rounds: number;
  control: boolean;
  /** Where the residents run: a worker thread (default), or the servers' own event loop. */
  client?: 'worker' | 'inline';
  /** Print each round's figures too. */
  verbose?: boolean;
}

export async function runE2eBench(options: E2eOptions, log: (line: string) => void = console.log) {
  const content = loadContent('content');
  const municipalities = content.municipalities.map((m) => m.id);
  // Question variants of the real notices, some with typos, some off-topic.
  const questions = benchQuestions({ content, templates: content.municipalities, templateOf: new Map() }, { count: 2000, seed: 99 }).map((q) => q.text);

  const variants: Variant[] = [
    { name: 'echo bot (same wiring, composed in bench/)', key: 'echo', server: await startEchoServer(municipalities) },
    { name: 'personvern bot (startServer)', key: 'real', server: await startRealServer() },
  ];
  if (options.control) variants.push({ name: 'personvern bot (same composed wiring)', key: 'control', server: await startComposedRealServer() });

  const runner: RoundRunner = options.client === 'inline' ? inlineRunner() : workerRunner();
  let residents = 0;
  const round = (url: string, conversations: number, turns: number, offset: number) => {
    const firstResident = residents + 1;
    residents += conversations;
    return runner.run({ url, conversations, turns, municipalities, questions, offset, firstResident });
  };
  try {
    // Warm-up at full concurrency: JIT, connection pools (the bot's replies reach the server over HTTP too), the bot's caches.
    for (const v of variants) await round(v.server.url, options.conversations, 3, 1000);

    const totals = new Map<string, RoundResult>(variants.map((v) => [v.key, emptyRound()]));
    const roundP99 = new Map<string, number[]>(variants.map((v) => [v.key, []]));
    for (let r = 0; r < options.rounds; r++) {
      // Rotate the order, so that no variant always runs first (or after the same one).
      const order = variants.map((_, i) => variants[(i + r) % variants.length]!);
      for (const v of order) {
        const res = await round(v.server.url, options.conversations, options.turns, r * 97);
        if (options.verbose) {
          const s = summarise(res.turnMs);
          log(`  round ${r + 1} ${v.key}: p50 ${ms(s.p50)} ms, p99 ${ms(s.p99)} ms, max ${ms(s.max)} ms, ${(res.turns / (res.wallMs / 1000)).toFixed(0)} turns/s`);
        }
        roundP99.get(v.key)!.push(summarise(res.turnMs).p99);
        const t = totals.get(v.key)!;
        t.turnMs.push(...res.turnMs);
        t.getMs.push(...res.getMs);
        t.turns += res.turns;
        t.requests += res.requests;
        t.wallMs += res.wallMs;
        t.errors += res.errors;
        t.rateLimited += res.rateLimited;
        t.noReply += res.noReply;
      }
    }

    log(`\nDirect Line end to end: ${options.conversations} concurrent conversations × ${options.turns} turns, ${options.rounds} rounds per server (alternating), no think time; residents in ${options.client === 'inline' ? "the servers' thread" : 'a worker thread'}`);
    const rows = [['  server', 'turns', 'turn p50', 'turn p90', 'turn p99', `> ${SLOW_MS} ms`, 'GET p50', 'turns/s', 'req/s', 'errors', '429', 'no reply']];
    for (const v of variants) {
      const t = totals.get(v.key)!;
      const s = summarise(t.turnMs);
      rows.push([`  ${v.name}`, String(t.turns), `${ms(s.p50)} ms`, `${ms(s.p90)} ms`, `${ms(s.p99)} ms`, String(t.turnMs.filter((v) => v > SLOW_MS).length), `${ms(summarise(t.getMs).p50)} ms`, (t.turns / (t.wallMs / 1000)).toFixed(0), (t.requests / (t.wallMs / 1000)).toFixed(0), String(t.errors), String(t.rateLimited), String(t.noReply)]);
    }
    log(table(rows));
    const echo = summarise(totals.get('echo')!.turnMs);
    const real = summarise(totals.get('real')!.turnMs);
    const ratio = real.p99 / echo.p99;
    const echoTput = totals.get('echo')!.turns / (totals.get('echo')!.wallMs / 1000);
    const realTput = totals.get('real')!.turns / (totals.get('real')!.wallMs / 1000);
    // Rounds run one after the other on a shared machine: the median of the rounds' own ratios is steadier.
    const perRound = roundP99.get('real')!.map((p, i) => p / roundP99.get('echo')![i]!).sort((a, b) => a - b);
    const medianRoundRatio = perRound[Math.floor(perRound.length / 2)]!;
    log(`  p99 ratio by round: ${roundP99.get('real')!.map((p, i) => (p / roundP99.get('echo')![i]!).toFixed(2)).join(' / ')} (median ${medianRoundRatio.toFixed(2)})`);
    log(`  turn p99 personvern / echo = ${ratio.toFixed(2)} (p90 ${(real.p90 / echo.p90).toFixed(2)}, p50 ${(real.p50 / echo.p50).toFixed(2)}, throughput ${(realTput / echoTput).toFixed(2)})   target ≤ ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'}`);
    // Failed requests, 429s and turns whose reply was missing, over all servers: 0 in a sound run.
    const errors = [...totals.values()].reduce((n, t) => n + t.errors + t.rateLimited + t.noReply, 0);
    return { echo, real, ratio, medianRoundRatio, echoTput, realTput, errors };
  } finally {
    await runner.close();
    for (const v of variants) await v.server.close();
  }
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      conversations: { type: 'string', default: '50' },
      turns: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '7' },
      'no-control': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      client: { type: 'string', default: 'worker' },
    },
  });
  if (values.client !== 'worker' && values.client !== 'inline') throw new Error('--client worker|inline');
  runE2eBench({ conversations: Number(values.conversations), turns: Number(values.turns), rounds: Number(values.rounds), control: !values['no-control'], verbose: values.verbose, client: values.client })
    .then((r) => {
      emitResult('e2e', { echoP50: r.echo.p50, echoP99: r.echo.p99, realP50: r.real.p50, realP99: r.real.p99, ratio: r.ratio, medianRoundRatio: r.medianRoundRatio, echoTurnsPerS: r.echoTput, realTurnsPerS: r.realTput });
      // Keep-alive sockets of fetch would hold the process open.
      process.exit(0);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
