/** Finds where a quality finding stands in its YAML file, so `--strict` can name the lines to fix. */
import { isPair, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import { normaliseQuestion } from './text';
import type { QualityFinding } from './types';

/** Keys whose values a quality error can be about. */
const KEYS = new Set(['questions', 'phone', 'email']);

/**
 * 1-based numbers of the lines of `yaml` holding a question variant, phone or e-mail equal to one
 * of `values` (compared like question variants: case and punctuation ignored).
 */
export function findLines(yaml: string, values: readonly string[]): number[] {
  const wanted = new Set(values.map(normaliseQuestion));
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter });
  const lines = new Set<number>();
  visit(doc, {
    Scalar(key, node, path) {
      if (key === 'key' || !isScalar(node) || !node.range) return;
      const pair = [...path].reverse().find(isPair);
      const owner = pair && isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (owner === undefined || !KEYS.has(owner)) return;
      if (wanted.has(normaliseQuestion(String(node.value)))) lines.add(lineCounter.linePos(node.range[0]).line);
    },
  });
  return [...lines].sort((a, b) => a - b);
}

/** The values a finding is about: the duplicated variants, the malformed phone or e-mail. */
export function findingValues(f: QualityFinding): string[] {
  if (f.excerpt === undefined) return [];
  return f.check === 'questions-duplicate' ? f.excerpt.split(' | ') : [f.excerpt];
}
