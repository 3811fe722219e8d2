/**
 * `npm run bench`: figures, never pass/fail. Runs each part in its own Node process (so that memory
 * figures are that part's own) and prints a summary next to the targets.
 *
 *   node --expose-gc --import tsx bench/index.ts [--quick] [--only knowledge,minisearch,turn,e2e] [--semi-space 64]
 *
 *   knowledge   KnowledgeBase + Classifier + Composer over 357 generated municipalities (bench/knowledge.ts)
 *   minisearch  plain MiniSearch, default options, over the same text (bench/knowledge.ts --system minisearch)
 *   turn        one bot turn in-process, the personvern bot against an echo bot, same middleware and SQLite (bench/turn.ts)
 *   e2e         Direct Line over HTTP: the real server against the same wiring with an echo bot, paced and saturated (bench/e2e.ts)
 *
 * The machine may be shared: compare figures as ratios within one run. The load average is printed
 * before and after.
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { TARGETS } from './targets';
import { ms, mb, RESULT_PREFIX, target } from './stats';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', default: 'knowledge,minisearch,turn,e2e' },
    /** Also run the knowledge part with a larger young generation (MB), to see what garbage collection adds to p99. */
    'semi-space': { type: 'string' },
  },
});

type Figures = Record<string, number | string>;
/** As emitted by bench/knowledge.ts and bench/e2e.ts. */
interface KnowledgeFigures {
  municipalities: number;
  buildMs: number;
  indexHeapMb: number;
  rssMb: number;
  maxRssMb: number;
  p50: number;
  p99: number;
  p99WithoutGc: number;
  gcHitShare: number;
}
interface E2eFigures {
  echoP50: number;
  echoP99: number;
  realP50: number;
  realP99: number;
  ratio: number;
  medianRoundRatio: number;
  echoTurnsPerS: number;
  realTurnsPerS: number;
  echoBusyMs: number;
  realBusyMs: number;
}
interface TurnFigures {
  echoCpuMs: number;
  realCpuMs: number;
}

/** Runs a bench script in a child Node process with this one's flags, echoing its output; returns its result lines. */
function run(script: string, args: string[], extraNodeFlags: string[] = []): Promise<Figures[]> {
  const nodeFlags = [...process.execArgv, ...extraNodeFlags];
  if (!nodeFlags.includes('--expose-gc')) nodeFlags.push('--expose-gc');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, join(__dirname, script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    const results: Figures[] = [];
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith(RESULT_PREFIX)) results.push(JSON.parse(line.slice(RESULT_PREFIX.length)) as Figures);
        else console.log(line);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(results) : reject(new Error(`${script} exited with ${code}`))));
  });
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

async function main(): Promise<void> {
  const parts = new Set(values.only.split(',').map((p) => p.trim()));
  const knowledgeArgs = values.quick ? ['--queries', '1000', '--passes', '1', '--warmup', '500'] : [];
  const e2eArgs = values.quick ? ['--conversations', '20', '--turns', '5', '--rounds', '1', '--saturated-rounds', '1', '--no-control'] : [];
  const turnArgs = values.quick ? ['--conversations', '50', '--rounds', '2'] : [];
  console.log(`personvern-bot bench: Node ${process.version}, ${cpus().length} CPUs, load average ${load()} (1/5/15 min)${values.quick ? ', --quick' : ''}`);

  const results: Figures[] = [];
  if (parts.has('knowledge')) results.push(...(await run('knowledge.ts', ['--system', 'knowledge', ...knowledgeArgs])));
  if (parts.has('minisearch')) results.push(...(await run('knowledge.ts', ['--system', 'minisearch', ...knowledgeArgs])));
  const semiSpace = values['semi-space'];
  if (semiSpace && parts.has('knowledge')) {
    console.log(`\n(the same knowledge run with --max-semi-space-size=${semiSpace})`);
    const extra = await run('knowledge.ts', ['--system', 'knowledge', ...knowledgeArgs], [`--max-semi-space-size=${semiSpace}`]);
    results.push(...extra.map((r) => ({ ...r, part: `knowledge:semi-space-${semiSpace}` })));
  }
  if (parts.has('turn')) results.push(...(await run('turn.ts', turnArgs)));
  if (parts.has('e2e')) results.push(...(await run('e2e.ts', e2eArgs)));

  const find = <T>(part: string) => results.find((r) => r.part === part) as T | undefined;
  const ours = find<KnowledgeFigures>('knowledge:knowledge');
  const plain = find<KnowledgeFigures>('knowledge:minisearch');
  const turn = find<TurnFigures>('turn');
  const paced = find<E2eFigures>('e2e:paced');
  const saturated = find<E2eFigures>('e2e:saturated');
  console.log(`\nsummary (load average now ${load()})`);
  if (ours) {
    console.log(`  knowledge at ${ours.municipalities} municipalities: query p50 ${ms(ours.p50)} ms, p99 ${ms(ours.p99)} ms (${ms(ours.p99WithoutGc)} ms for the ${(100 - 100 * ours.gcHitShare).toFixed(1)} % no GC paused)   ${target(ours.p99, TARGETS.p99Ms, 'ms')}`);
    console.log(`  knowledge build ${(ours.buildMs / 1000).toFixed(2)} s   ${target(ours.buildMs / 1000, TARGETS.buildMs / 1000, 's')}`);
    console.log(`  knowledge RSS ${mb(ours.rssMb)} MB after queries, peak ${mb(ours.maxRssMb)} MB   ${target(ours.maxRssMb, TARGETS.rssMb, 'MB')} (peak)`);
  }
  if (ours && plain) {
    const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
    console.log(
      `  vs plain MiniSearch: build ${ratio(ours.buildMs, plain.buildMs)}, index heap ${ratio(ours.indexHeapMb, plain.indexHeapMb)}, peak RSS ${ratio(ours.maxRssMb, plain.maxRssMb)}, ` +
        `query p50 ${ratio(ours.p50, plain.p50)}, p99 ${ratio(ours.p99, plain.p99)} (classify + compose against a bare search)`,
    );
  }
  const semi = semiSpace ? find<KnowledgeFigures>(`knowledge:semi-space-${semiSpace}`) : undefined;
  if (semi) console.log(`  with --max-semi-space-size=${semiSpace}: p99 ${ms(semi.p99)} ms, peak RSS ${mb(semi.maxRssMb)} MB`);
  if (turn) console.log(`  one turn in-process: ${ms(turn.realCpuMs)} ms CPU (echo bot ${ms(turn.echoCpuMs)} ms): the bot's own work ${ms(turn.realCpuMs - turn.echoCpuMs)} ms`);
  if (paced) {
    console.log(
      `  Direct Line, paced: turn p50 ${ms(paced.realP50)} ms, p99 ${ms(paced.realP99)} ms; echo bot p50 ${ms(paced.echoP50)} ms, p99 ${ms(paced.echoP99)} ms; ` +
        `p99 ratio ${paced.ratio.toFixed(2)} (median of rounds ${paced.medianRoundRatio.toFixed(2)})   target ≤ ${TARGETS.directLineRatio}: ${paced.ratio <= TARGETS.directLineRatio ? 'met' : 'MISSED'}`,
    );
  }
  if (saturated) {
    console.log(
      `  Direct Line, saturated: turn p50 ${ms(saturated.realP50)} ms, p99 ${ms(saturated.realP99)} ms; echo bot p50 ${ms(saturated.echoP50)} ms, p99 ${ms(saturated.echoP99)} ms; ` +
        `p99 ratio ${saturated.ratio.toFixed(2)} (median of rounds ${saturated.medianRoundRatio.toFixed(2)})   target ≤ ${TARGETS.directLineRatio}: ${saturated.ratio <= TARGETS.directLineRatio ? 'met' : 'MISSED'}; ` +
        `throughput ${saturated.realTurnsPerS.toFixed(0)} vs ${saturated.echoTurnsPerS.toFixed(0)} turns/s; server busy ${ms(saturated.realBusyMs)} vs ${ms(saturated.echoBusyMs)} ms per turn`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
