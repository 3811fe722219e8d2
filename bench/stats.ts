/** Percentiles, memory snapshots and the printed lines shared by the bench parts. */

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  // Nearest rank: the smallest value with at least p % of the samples at or below it.
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length);
  return { n: sorted.length, mean, p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted.at(-1) ?? Number.NaN };
}

/** Milliseconds since `start` (from `now()`). */
export const now = (): bigint => process.hrtime.bigint();
export const msSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

const gc = (globalThis as { gc?: () => void }).gc;
export const hasGc = typeof gc === 'function';

export interface MemorySnapshot {
  rssMb: number;
  heapUsedMb: number;
  externalMb: number;
}

/** Memory after a full collection when run with --expose-gc (else as it stands, which overstates heap). */
export function memory(): MemorySnapshot {
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return { rssMb: m.rss / 2 ** 20, heapUsedMb: m.heapUsed / 2 ** 20, externalMb: (m.external + m.arrayBuffers) / 2 ** 20 };
}

/** Peak RSS of this process so far. */
export const maxRssMb = (): number => process.resourceUsage().maxRSS / 1024;

export const ms = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
export const mb = (v: number): string => v.toFixed(1);

/** "≤ 2 ms: ok" / "≤ 2 ms: MISSED"; a figure is printed next to its target, never as a test failure. */
export const target = (value: number, limit: number, unit: string): string => `target ≤ ${limit} ${unit}: ${value <= limit ? 'met' : 'MISSED'}`;

/** Pads columns of a small table. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

/** One machine-readable line per part, which the orchestrator collects for the summary. */
export const RESULT_PREFIX = '@@result ';
export function emitResult(part: string, figures: Record<string, number | string>): void {
  console.log(`${RESULT_PREFIX}${JSON.stringify({ part, ...figures })}`);
}
