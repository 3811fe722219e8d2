/**
 * Knowledge at national scale: builds the index over 357 generated municipalities and asks a few
 * thousand questions, each of a random municipality. One system per process, so that memory
 * figures are its own:
 *
 *   node --expose-gc --import tsx bench/knowledge.ts [--system knowledge|minisearch]
 *     [--municipalities 357] [--queries 3000] [--passes 3] [--warmup 1500]
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { setImmediate as tick } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import MiniSearch from 'minisearch';
import type { Section } from '../src/content/schema';
import { benchQuestions, NATIONAL_COUNT, nationalContent, type BenchQuestion, type QuestionKind } from './corpus';
import { answer, buildKnowledgePath } from './knowledgePath';
import { TARGETS } from './targets';
import { emitResult, hasGc, maxRssMb, mb, memory, ms, msSince, now, summarise, table, target } from './stats';


export interface KnowledgeBenchOptions {
  system: 'knowledge' | 'minisearch';
  municipalities: number;
  /** Questions per pass; each pass asks other questions (another seed). */
  queries: number;
  passes: number;
  warmup: number;
}

interface System {
  build(): void;
  ask(q: BenchQuestion): unknown;
}

export interface KnowledgeBenchResult {
  system: string;
  municipalities: number;
  baselineRssMb: number;
  sections: number;
  buildMs: number;
  /** CPU time of the build, all threads (the garbage collector's helpers too). */
  buildCpuMs: number;
  contentHeapMb: number;
  indexHeapMb: number;
  rssAfterBuildMb: number;
  rssAfterQueriesMb: number;
  heapAfterQueriesMb: number;
  maxRssMb: number;
  latency: ReturnType<typeof summarise>;
  /** Questions during which no garbage collection paused the thread. */
  withoutGc: ReturnType<typeof summarise>;
  /** Questions a collection paused, and the pauses' total. */
  gcHit: number;
  gcPauseMs: number;
  passP99: number[];
  byKind: Record<QuestionKind, ReturnType<typeof summarise>>;
  outcomes: Record<string, number>;
}

export async function runKnowledgeBench(options: KnowledgeBenchOptions, log: (line: string) => void = console.log): Promise<KnowledgeBenchResult> {
  const baseline = memory();
  const national = nationalContent(options.municipalities);
  const afterContent = memory();
  const { content } = national;
  const sections = content.municipalities.reduce((n, m) => n + m.sections.length, 0);
  const outcomes: Record<string, number> = {};

  let system: System;
  if (options.system === 'knowledge') {
    let path: ReturnType<typeof buildKnowledgePath> | undefined;
    system = {
      build: () => (path = buildKnowledgePath(content)),
      ask: (q) => {
        const turn = answer(path!, q.municipality, q.text);
        outcomes[turn.classification.outcome] = (outcomes[turn.classification.outcome] ?? 0) + 1;
        return turn;
      },
    };
  } else {
    // Plain MiniSearch, default options, one index per municipality over title + text.
    const indexes = new Map<string, MiniSearch<Section>>();
    system = {
      build: () => {
        for (const m of content.municipalities) {
          const index = new MiniSearch<Section>({ fields: ['title', 'text'] });
          index.addAll(m.sections);
          indexes.set(m.id, index);
        }
      },
      ask: (q) => {
        const top = indexes.get(q.municipality)!.search(q.text)[0];
        const key = top ? 'hit' : 'no hit';
        outcomes[key] = (outcomes[key] ?? 0) + 1;
        return top;
      },
    };
  }

  const started = now();
  const buildCpu = process.cpuUsage();
  system.build();
  const buildMs = msSince(started);
  const { user, system: sys } = process.cpuUsage(buildCpu);
  const afterBuild = memory();

  // Warm-up on other questions (another seed), so the figures are for a server that has run a while.
  for (const q of benchQuestions(national, { count: options.warmup, seed: 7 })) system.ask(q);
  for (const key of Object.keys(outcomes)) delete outcomes[key];

  // Garbage collections, to tell the questions they paused from the others.
  const pauses: [start: number, end: number][] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push([e.startTime, e.startTime + e.duration]);
  });
  observer.observe({ entryTypes: ['gc'] });
  const samples: number[] = [];
  const spans: [start: number, end: number][] = [];
  const passP99: number[] = [];
  const byKind: Record<QuestionKind, number[]> = { variant: [], typo: [], off_topic: [] };
  for (let pass = 0; pass < options.passes; pass++) {
    const questions = benchQuestions(national, { count: options.queries, seed: 42 + pass });
    const passSamples: number[] = [];
    for (const q of questions) {
      const t = performance.now();
      system.ask(q);
      const end = performance.now();
      spans.push([t, end]);
      passSamples.push(end - t);
      byKind[q.kind].push(end - t);
    }
    samples.push(...passSamples);
    passP99.push(summarise(passSamples).p99);
    await tick(); // lets the observer take the pass's collections
  }
  await tick();
  observer.disconnect();
  const paused = spans.map(([start, end]) => pauses.some(([gcStart, gcEnd]) => gcStart < end && gcEnd > start));
  const afterQueries = memory();

  const result: KnowledgeBenchResult = {
    system: options.system,
    municipalities: content.municipalities.length,
    baselineRssMb: baseline.rssMb,
    sections,
    buildMs,
    buildCpuMs: (user + sys) / 1000,
    contentHeapMb: afterContent.heapUsedMb - baseline.heapUsedMb,
    indexHeapMb: afterBuild.heapUsedMb - afterContent.heapUsedMb,
    rssAfterBuildMb: afterBuild.rssMb,
    rssAfterQueriesMb: afterQueries.rssMb,
    heapAfterQueriesMb: afterQueries.heapUsedMb,
    maxRssMb: maxRssMb(),
    latency: summarise(samples),
    withoutGc: summarise(samples.filter((_, i) => !paused[i])),
    gcHit: paused.filter(Boolean).length,
    gcPauseMs: pauses.reduce((sum, [a, b]) => sum + b - a, 0),
    passP99,
    byKind: { variant: summarise(byKind.variant), typo: summarise(byKind.typo), off_topic: summarise(byKind.off_topic) },
    outcomes,
  };
  print(result, options, log);
  return result;
}

function print(r: KnowledgeBenchResult, options: KnowledgeBenchOptions, log: (line: string) => void): void {
  const title = r.system === 'knowledge' ? 'KnowledgeBase + Classifier + Composer (classify + compose)' : 'plain MiniSearch, default options, title + text (search only)';
  const isOurs = r.system === 'knowledge';
  log(`\n${title}`);
  log(`  ${r.municipalities} municipalities, ${r.sections} sections; ${options.passes} × ${options.queries} questions after ${options.warmup} warm-up${hasGc ? '' : '  (no --expose-gc: heap figures include garbage)'}`);
  log(`  build          ${ms(r.buildMs).padStart(8)} ms (CPU ${ms(r.buildCpuMs)} ms)${isOurs ? `   ${target(r.buildMs / 1000, TARGETS.buildMs / 1000, 's')}` : ''}`);
  log(`  heap: content  ${mb(r.contentHeapMb).padStart(8)} MB   index ${mb(r.indexHeapMb)} MB   after queries ${mb(r.heapAfterQueriesMb)} MB (whole heap)`);
  log(`  RSS            ${mb(r.rssAfterBuildMb).padStart(8)} MB after build (${mb(r.baselineRssMb)} before content), ${mb(r.rssAfterQueriesMb)} MB after queries, peak ${mb(r.maxRssMb)} MB${isOurs ? `   ${target(r.maxRssMb, TARGETS.rssMb, 'MB')} (peak)` : ''}`);
  const row = (name: string, s: ReturnType<typeof summarise>) => [name, String(s.n), ms(s.mean), ms(s.p50), ms(s.p90), ms(s.p99), ms(s.max)];
  log(
    table([
      ['  query latency (ms)', 'n', 'mean', 'p50', 'p90', 'p99', 'max'],
      row('  all', r.latency),
      row('  not paused by a GC', r.withoutGc),
      row('  variants', r.byKind.variant),
      row('  with typos', r.byKind.typo),
      row('  off-topic', r.byKind.off_topic),
    ]),
  );
  const passes = [...r.passP99].sort((a, b) => a - b);
  log(`  p99 by pass: ${r.passP99.map(ms).join(' / ')} ms (median ${ms(passes[Math.floor(passes.length / 2)]!)}); ${r.gcHit} questions (${((100 * r.gcHit) / r.latency.n).toFixed(1)} %) paused by a GC, ${ms(r.gcPauseMs)} ms of pauses in all`);
  if (isOurs) log(`  p99 ${ms(r.latency.p99)} ms (${ms(r.withoutGc.p99)} ms when no GC pause)   ${target(r.latency.p99, TARGETS.p99Ms, 'ms')}`);
  log(`  outcomes: ${Object.entries(r.outcomes).map(([k, v]) => `${k} ${v}`).join(', ')}`);
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      system: { type: 'string', default: 'knowledge' },
      municipalities: { type: 'string', default: String(NATIONAL_COUNT) },
      queries: { type: 'string', default: '3000' },
      passes: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '1500' },
    },
  });
  if (values.system !== 'knowledge' && values.system !== 'minisearch') throw new Error('--system knowledge|minisearch');
  const options: KnowledgeBenchOptions = {
    system: values.system,
    municipalities: Number(values.municipalities),
    queries: Number(values.queries),
    passes: Number(values.passes),
    warmup: Number(values.warmup),
  };
  runKnowledgeBench(options)
    .then((r) => {
      emitResult(`knowledge:${r.system}`, {
        municipalities: r.municipalities,
        buildMs: r.buildMs,
        indexHeapMb: r.indexHeapMb,
        rssMb: r.rssAfterQueriesMb,
        maxRssMb: r.maxRssMb,
        p50: r.latency.p50,
        p99: r.latency.p99,
        p99WithoutGc: r.withoutGc.p99,
        gcHitShare: r.gcHit / r.latency.n,
      });
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
