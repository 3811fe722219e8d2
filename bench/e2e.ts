/**
 * End to end over Direct Line: concurrent residents talk to the server over HTTP exactly as the
 * chat page does (token → open → post a message → get the replies), only on 127.0.0.1. The real
 * server and the same wiring with a bare echo bot are driven in the same run, in alternating
 * rounds, so their figures compare as a ratio on a shared machine.
 *
 *   node --expose-gc --import tsx bench/e2e.ts [--conversations 50] [--turns 10] [--rounds 5] [--think-ms 500]
 *     [--saturated-rounds 5] [--no-control] [--client worker|inline] [--verbose]
 *
 * Each simulated resident sends its own X-Forwarded-For (the app trusts it from loopback), so the
 * real server's per-client rate limits apply per resident, as in production; a 429 is counted.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadContent } from '../src/content/load';
import { benchQuestions } from './corpus';
import { emptyRound, inlineRunner, type RoundResult, type RoundRunner, workerRunner } from './e2eClient';
import { type BenchServer, startComposedRealServer, startEchoServer, startRealServer } from './servers';
import { TARGETS } from './targets';
import { emitResult, ms, type Summary, summarise, table } from './stats';

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
  /** Rounds of the saturating phase (no think time); 0 skips it. */
  saturatedRounds: number;
  /** Mean pause between a resident's turns in the paced phase (ms). */
  thinkMs: number;
  control: boolean;
  /** Where the residents run: a worker thread (default), or the servers' own event loop. */
  client?: 'worker' | 'inline';
  /** Print each round's figures too. */
  verbose?: boolean;
}

export interface PhaseFigures {
  echo: Summary;
  real: Summary;
  ratio: number;
  medianRoundRatio: number;
  echoTput: number;
  realTput: number;
  /** The servers' thread's busy time per turn (ms): the steadiest figure on a shared machine. */
  echoBusyMs: number;
  realBusyMs: number;
  /** Failed requests, 429s and turns whose reply was missing, over all servers: 0 in a sound run. */
  errors: number;
}

interface Phase {
  name: string;
  rounds: number;
  thinkMs: number;
}

/**
 * Two phases, each in alternating rounds over the same servers:
 *  - paced: residents pause between turns (reading, typing), as in a busy hour; turn latency is
 *    then the server's own time plus what queueing the load causes. The latency target is here.
 *  - saturated: no pauses, so the server is always busy; turn latency there is queue length ×
 *    CPU per turn (Little's law) and the ratio is the ratio of CPU per turn. It measures throughput.
 */
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
  const round = (url: string, turns: number, offset: number, thinkMs: number) => {
    const firstResident = residents + 1;
    residents += options.conversations;
    return runner.run({ url, conversations: options.conversations, turns, municipalities, questions, offset, firstResident, thinkMs });
  };

  const runPhase = async (phase: Phase): Promise<PhaseFigures> => {
    const totals = new Map<string, RoundResult>(variants.map((v) => [v.key, emptyRound()]));
    // The servers' thread's busy time (event-loop utilisation): with the residents in a worker, what the server spent on its turns.
    const busyMs = new Map<string, number>(variants.map((v) => [v.key, 0]));
    const roundP99 = new Map<string, number[]>(variants.map((v) => [v.key, []]));
    for (let r = 0; r < phase.rounds; r++) {
      // Rotate the order, so that no variant always runs first (or after the same one).
      const order = variants.map((_, i) => variants[(i + r) % variants.length]!);
      for (const v of order) {
        const before = performance.eventLoopUtilization();
        const res = await round(v.server.url, options.turns, r * 97, phase.thinkMs);
        busyMs.set(v.key, busyMs.get(v.key)! + performance.eventLoopUtilization(before).active);
        if (options.verbose) {
          const s = summarise(res.turnMs);
          log(`  ${phase.name} round ${r + 1} ${v.key}: p50 ${ms(s.p50)} ms, p99 ${ms(s.p99)} ms, max ${ms(s.max)} ms, ${(res.turns / (res.wallMs / 1000)).toFixed(0)} turns/s`);
        }
        roundP99.get(v.key)!.push(summarise(res.turnMs).p99);
        addRound(totals.get(v.key)!, res);
      }
    }

    const pace = phase.thinkMs > 0 ? `a pause of ${phase.thinkMs / 2}–${(phase.thinkMs * 3) / 2} ms before each turn` : 'no pauses';
    log(`\nDirect Line end to end, ${phase.name}: ${options.conversations} concurrent conversations × ${options.turns} turns, ${pace}, ${phase.rounds} rounds per server (alternating); residents in ${options.client === 'inline' ? "the servers' thread" : 'a worker thread'}`);
    const rows = [['  server', 'turns', 'turn p50', 'turn p90', 'turn p99', `> ${SLOW_MS} ms`, 'GET p50', 'turns/s', 'req/s', 'busy/turn', 'errors', '429', 'no reply']];
    const busyPerTurn = (key: string) => busyMs.get(key)! / Math.max(1, totals.get(key)!.turns);
    for (const v of variants) {
      const t = totals.get(v.key)!;
      const s = summarise(t.turnMs);
      rows.push([
        `  ${v.name}`, String(t.turns), `${ms(s.p50)} ms`, `${ms(s.p90)} ms`, `${ms(s.p99)} ms`, String(t.turnMs.filter((v) => v > SLOW_MS).length), `${ms(summarise(t.getMs).p50)} ms`,
        (t.turns / (t.wallMs / 1000)).toFixed(0), (t.requests / (t.wallMs / 1000)).toFixed(0), `${ms(busyPerTurn(v.key))} ms`, String(t.errors), String(t.rateLimited), String(t.noReply),
      ]);
    }
    log(table(rows));
    const echo = summarise(totals.get('echo')!.turnMs);
    const real = summarise(totals.get('real')!.turnMs);
    const ratio = real.p99 / echo.p99;
    const throughput = (key: string) => totals.get(key)!.turns / (totals.get(key)!.wallMs / 1000);
    // Rounds run one after the other on a shared machine: the median of the rounds' own ratios is steadier.
    const perRound = roundP99.get('real')!.map((p, i) => p / roundP99.get('echo')![i]!);
    const medianRoundRatio = [...perRound].sort((a, b) => a - b)[Math.floor(perRound.length / 2)]!;
    log(`  p99 ratio by round: ${perRound.map((r) => r.toFixed(2)).join(' / ')} (median ${medianRoundRatio.toFixed(2)})`);
    const verdict = phase.thinkMs > 0 ? `   target ≤ ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'}` : ' (at saturation: the ratio of CPU per turn)';
    const busyRatio = busyPerTurn('real') / busyPerTurn('echo');
    log(`  turn p99 personvern / echo = ${ratio.toFixed(2)} (p90 ${(real.p90 / echo.p90).toFixed(2)}, p50 ${(real.p50 / echo.p50).toFixed(2)}, throughput ${(throughput('real') / throughput('echo')).toFixed(2)}, server busy per turn ${busyRatio.toFixed(2)})${verdict}`);
    const errors = [...totals.values()].reduce((n, t) => n + t.errors + t.rateLimited + t.noReply, 0);
    return { echo, real, ratio, medianRoundRatio, echoTput: throughput('echo'), realTput: throughput('real'), echoBusyMs: busyPerTurn('echo'), realBusyMs: busyPerTurn('real'), errors };
  };

  try {
    // Warm-up at full concurrency: JIT, connection pools (the bot's replies reach the server over HTTP too), the bot's caches.
    for (const v of variants) await round(v.server.url, 3, 1000, 0);
    const paced = await runPhase({ name: 'paced', rounds: options.rounds, thinkMs: options.thinkMs });
    const saturated = options.saturatedRounds > 0 ? await runPhase({ name: 'saturated', rounds: options.saturatedRounds, thinkMs: 0 }) : undefined;
    return { paced, saturated };
  } finally {
    await runner.close();
    for (const v of variants) await v.server.close();
  }
}

function addRound(total: RoundResult, res: RoundResult): void {
  total.turnMs.push(...res.turnMs);
  total.getMs.push(...res.getMs);
  total.turns += res.turns;
  total.requests += res.requests;
  total.wallMs += res.wallMs;
  total.errors += res.errors;
  total.rateLimited += res.rateLimited;
  total.noReply += res.noReply;
}

const figures = (f: PhaseFigures) => ({
  echoP50: f.echo.p50, echoP99: f.echo.p99, realP50: f.real.p50, realP99: f.real.p99, ratio: f.ratio, medianRoundRatio: f.medianRoundRatio,
  echoTurnsPerS: f.echoTput, realTurnsPerS: f.realTput, echoBusyMs: f.echoBusyMs, realBusyMs: f.realBusyMs, errors: f.errors,
});

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      conversations: { type: 'string', default: '50' },
      turns: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '5' },
      'saturated-rounds': { type: 'string', default: '5' },
      'think-ms': { type: 'string', default: '500' },
      'no-control': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      client: { type: 'string', default: 'worker' },
    },
  });
  if (values.client !== 'worker' && values.client !== 'inline') throw new Error('--client worker|inline');
  runE2eBench({
    conversations: Number(values.conversations),
    turns: Number(values.turns),
    rounds: Number(values.rounds),
    saturatedRounds: Number(values['saturated-rounds']),
    thinkMs: Number(values['think-ms']),
    control: !values['no-control'],
    verbose: values.verbose,
    client: values.client,
  })
    .then((r) => {
      emitResult('e2e:paced', figures(r.paced));
      if (r.saturated) emitResult('e2e:saturated', figures(r.saturated));
      // Keep-alive sockets of fetch would hold the process open.
      process.exit(0);
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
