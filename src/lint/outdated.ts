/** Finds outdated statements in a municipality's notice (section titles and texts, not question variants). */
import type { Municipality } from '../content/schema';
import { OUTDATED_RULES, type OutdatedRule } from './outdatedRules';
import { matchesAny, sectionSentences } from './text';
import type { OutdatedFinding } from './types';

export function findOutdated(m: Municipality, rules: readonly OutdatedRule[] = OUTDATED_RULES): OutdatedFinding[] {
  const findings: OutdatedFinding[] = [];
  for (const section of m.sections) {
    for (const rule of rules) {
      for (const { text } of sectionSentences(section)) {
        if (!matchesAny(text, rule.patterns)) continue;
        if (rule.unless && matchesAny(text, rule.unless)) continue;
        findings.push({ municipality: m.id, section: section.id, rule: rule.id, sentence: text, why: rule.why, since: rule.since, certainty: rule.certainty });
      }
    }
  }
  return findings;
}
