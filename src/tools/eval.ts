/**
 * `npm run eval [-- --file questions.yaml] [--verbose] [--report-only]`: runs an evaluation set through the bot in-process
 * and prints facts found, outcomes right, non-answer outcomes, leaks of another municipality's
 * facts and the misses. Exits non-zero below the thresholds.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadContent } from '../content/load';
import { OUTCOMES } from '../knowledge/classifier';
import { InProcessBot } from './inProcess';
import { foreignFacts, normaliseForCompare } from './leaks';

const THRESHOLDS = { facts: 0.95, nonAnswerOutcomes: 1, leaks: 0 };

const caseSchema = z.object({
  m: z.string(),
  q: z.string(),
  any: z.array(z.string()).default([]),
  outcome: z.enum(OUTCOMES).optional(),
  none: z.array(z.string()).default([]),
});
type EvalCase = z.infer<typeof caseSchema>;

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: '../shared/eval/questions.yaml' },
    content: { type: 'string', default: 'content' },
    verbose: { type: 'boolean', default: false },
    /** Print the figures but exit 0: for a set that measures without gating. */
    'report-only': { type: 'boolean', default: false },
  },
});

interface CaseResult {
  item: EvalCase;
  reply: string;
  outcome: string;
  factOk: boolean | undefined;
  outcomeOk: boolean | undefined;
  forbidden: string[];
  leaks: string[];
}

const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} %`);

async function main(): Promise<void> {
  const cases = z.array(caseSchema).parse(parse(readFileSync(values.file, 'utf8')));
  const content = loadContent(values.content);
  const bot = new InProcessBot(content);
  const results: CaseResult[] = [];
  for (const item of cases) {
    const replies = await bot.ask(item.m, item.q);
    const reply = replies.map((r) => [r.text ?? '', JSON.stringify(r.attachments ?? [])].join('\n')).join('\n');
    const seen = normaliseForCompare(reply);
    const outcome = String(replies.at(-1)?.channelData?.outcome ?? 'none');
    results.push({
      item,
      reply,
      outcome,
      factOk: item.any.length ? item.any.some((f) => seen.includes(normaliseForCompare(f))) : undefined,
      outcomeOk: item.outcome ? item.outcome === outcome : undefined,
      forbidden: item.none.filter((f) => seen.includes(normaliseForCompare(f))),
      leaks: foreignFacts(content, item.m).filter((f) => seen.includes(f)),
    });
  }

  const withFacts = results.filter((r) => r.factOk !== undefined);
  const withOutcome = results.filter((r) => r.outcomeOk !== undefined);
  const nonAnswer = withOutcome.filter((r) => r.item.outcome !== 'answer');
  const factsFound = withFacts.filter((r) => r.factOk).length;
  const outcomesRight = withOutcome.filter((r) => r.outcomeOk).length;
  const nonAnswerRight = nonAnswer.filter((r) => r.outcomeOk).length;
  const leaks = results.filter((r) => r.leaks.length || r.forbidden.length);

  const misses = results.filter((r) => r.factOk === false || r.outcomeOk === false || r.leaks.length || r.forbidden.length);
  for (const r of misses) {
    const why = [
      r.outcomeOk === false && `outcome ${r.outcome}, expected ${r.item.outcome}`,
      r.factOk === false && `none of [${r.item.any.join(' | ')}]`,
      r.forbidden.length && `forbidden: ${r.forbidden.join(', ')}`,
      r.leaks.length && `leak: ${r.leaks.join(', ')}`,
    ].filter(Boolean);
    console.log(`MISS ${r.item.m}: ${r.item.q}\n     ${why.join('; ')}`);
    if (values.verbose) console.log(`     reply: ${r.reply.replace(/\n+/g, ' ⏎ ').slice(0, 400)}`);
  }
  console.log(`\ncases: ${results.length}`);
  console.log(`facts found:          ${factsFound}/${withFacts.length} (${pct(factsFound, withFacts.length)})`);
  console.log(`outcomes right:       ${outcomesRight}/${withOutcome.length} (${pct(outcomesRight, withOutcome.length)})`);
  console.log(`non-answer outcomes:  ${nonAnswerRight}/${nonAnswer.length} (${pct(nonAnswerRight, nonAnswer.length)})`);
  console.log(`leaks:                ${leaks.length}`);

  const failed =
    factsFound / Math.max(1, withFacts.length) < THRESHOLDS.facts ||
    nonAnswerRight / Math.max(1, nonAnswer.length) < THRESHOLDS.nonAnswerOutcomes ||
    leaks.length > THRESHOLDS.leaks;
  const verdict = !failed ? 'passed thresholds' : values['report-only'] ? 'below thresholds (reported, not gating)' : 'FAILED thresholds';
  console.log(`eval: ${verdict} (facts ≥ 95 %, every non-answer outcome right, 0 leaks)`);
  process.exit(failed && !values['report-only'] ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(2);
});
