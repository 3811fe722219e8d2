/**
 * Behaviour fingerprint of the knowledge path, for performance changes in src/knowledge that must
 * change nothing: every decision and passage for many questions (the evaluation sets, every
 * question variant of the real content to every real municipality, with and without typos, and
 * the national-scale bench questions), plus the analyser's terms for every section text.
 *
 *   node --import tsx bench/fingerprint.ts [--out file]   → prints one sha256; run before and after, compare
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { loadContent } from '../src/content/load';
import { benchQuestions, nationalContent, OFF_TOPIC, rng, withTypos } from './corpus';
import { answer, buildKnowledgePath, describeTurn } from './knowledgePath';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const lines: string[] = [];

// The real content.
const real = loadContent('content');
const path = buildKnowledgePath(real);
for (const m of real.municipalities) for (const s of m.sections) lines.push(`terms ${m.id}/${s.id} ${path.knowledge.analyser.terms(`${s.title}\n${s.text}`).join(' ')}`);
for (const file of ['../shared/eval/questions.yaml', 'eval/holdout.yaml', 'eval/holdout2.yaml']) {
  if (!existsSync(file)) continue;
  for (const c of parse(readFileSync(file, 'utf8')) as { m: string; q: string }[]) {
    if (path.knowledge.municipality(c.m)) lines.push(`eval ${c.m} ${c.q} ${describeTurn(answer(path, c.m, c.q))}`);
  }
}
const random = rng(1);
const questions = [...real.municipalities.flatMap((m) => m.sections.flatMap((s) => s.questions)), ...OFF_TOPIC];
for (const m of real.municipalities) {
  for (const q of questions) {
    lines.push(`real ${m.id} ${q} ${describeTurn(answer(path, m.id, q))}`);
    const typo = withTypos(q, random);
    lines.push(`typo ${m.id} ${typo} ${describeTurn(answer(path, m.id, typo))}`);
  }
}

// National scale.
const national = nationalContent();
const nationalPath = buildKnowledgePath(national.content);
for (const q of [...benchQuestions(national, { count: 500, seed: 7 }), ...benchQuestions(national)]) {
  lines.push(`national ${q.municipality} ${q.text} ${describeTurn(answer(nationalPath, q.municipality, q.text))}`);
}

const text = lines.join('\n');
if (values.out) writeFileSync(values.out, text);
console.log(`${lines.length} lines, sha256 ${createHash('sha256').update(text).digest('hex')}`);
