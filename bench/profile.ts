/**
 * Profiles the knowledge path: runs bench/knowledge.ts under `node --cpu-prof` and prints where
 * the time goes, separately for the index build and for the questions.
 *
 *   node --import tsx bench/profile.ts [--municipalities 357] [--queries 3000] [--passes 1] [--top 20] [--out dir]
 *
 * The .cpuprofile is kept (default in the system's temp directory; open it in Chrome DevTools →
 * Performance, or VS Code).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { table } from './stats';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const ROOT = resolve(__dirname, '..');

function where(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  const path = url.replace(/^file:\/\//, '');
  const file = path.startsWith(ROOT) ? relative(ROOT, path).replace(/^node_modules\//, '') : path || '(native)';
  return `${functionName || "(anonymous)"} ${file}`;
}

export interface PhaseSummary {
  totalMs: number;
  self: [string, number][];
  inclusive: [string, number][];
}

/**
 * Self and inclusive time per function, over the samples whose stack passes through a function
 * named `phase` (e.g. the KnowledgeBase constructor, or the bench's `answer`).
 */
export function summariseProfile(profile: CpuProfile, phase: (node: ProfileNode) => boolean): PhaseSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const stack: ProfileNode[] = [];
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) stack.push(byId.get(n)!);
    const at = stack.findIndex(phase);
    if (at < 0) return;
    totalMs += dt;
    const leaf = where(stack[0]!);
    self.set(leaf, (self.get(leaf) ?? 0) + dt);
    for (const key of new Set(stack.slice(0, at + 1).map(where))) inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
  });
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { totalMs, self: top(self), inclusive: top(inclusive) };
}

function printPhase(name: string, s: PhaseSummary, topN: number): void {
  const pct = (v: number) => `${((100 * v) / Math.max(1e-9, s.totalMs)).toFixed(1)} %`;
  console.log(`\n${name}: ${s.totalMs.toFixed(0)} ms sampled`);
  console.log(table([['  self time', 'ms', 'share'], ...s.self.slice(0, topN).map(([k, v]) => [`  ${k}`, v.toFixed(0), pct(v)])]));
  console.log(table([['  inclusive time', 'ms', 'share'], ...s.inclusive.slice(0, topN).map(([k, v]) => [`  ${k}`, v.toFixed(0), pct(v)])]));
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      municipalities: { type: 'string', default: '357' },
      queries: { type: 'string', default: '3000' },
      passes: { type: 'string', default: '1' },
      top: { type: 'string', default: '20' },
      out: { type: 'string', default: join(tmpdir(), 'personvern-bench-profiles') },
    },
  });
  const dir = resolve(values.out);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const run = spawnSync(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--expose-gc', '--import', 'tsx', join(__dirname, 'knowledge.ts'), '--municipalities', values.municipalities, '--queries', values.queries, '--passes', values.passes],
    { stdio: 'inherit', cwd: ROOT },
  );
  if (run.status !== 0) process.exit(run.status ?? 1);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  console.log(`\nprofile: ${relative(process.cwd(), join(dir, file))}`);
  const named = (fn: string, file: string) => (n: ProfileNode) => n.callFrame.functionName === fn && n.callFrame.url.includes(file);
  const topN = Number(values.top);
  printPhase('index build (KnowledgeBase constructor)', summariseProfile(profile, named('KnowledgeBase', 'knowledgeBase.ts')), topN);
  printPhase('questions (classify + compose)', summariseProfile(profile, named('answer', 'knowledgePath.ts')), topN);
}
