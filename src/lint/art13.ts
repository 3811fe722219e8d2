/**
 * Decides, per municipality, how its notice tells each GDPR Art. 13 item (src/lint/art13Rules.ts),
 * and where: the section ids (or `contacts.dpo`, `controller` …) used as evidence.
 *
 * A part is `present` when a sentence of the notice says it (preferably in a section tagged with
 * the part's topic) or the structured data does; `weak` when it is only mentioned in passing;
 * `tag_only` when a section carries the topic but its text does not say it; else `missing`.
 */
import type { Contact, Municipality, Section, Topic } from '../content/schema';
import { ART13_RULES, GENERAL_MAIN_TOPICS, IGNORED_MAIN_TOPICS, type Art13Part, type Art13Rule, type DataSource } from './art13Rules';
import { OUTDATED_RULES, type OutdatedRule } from './outdatedRules';
import { matchesAny, sectionSentences, shorten } from './text';
import type { Art13Result, Art13Status, Evidence, OutdatedFinding, PartResult } from './types';

const GENERAL_NOTE = 'nevnt bare i en generell omtale av regelverket';
const HEADING_NOTE = 'nevnt bare i overskriften';
/** A heading this short ("Protest", "Klage") names a subject; it does not tell the reader anything. */
const MIN_TITLE_WORDS = 3;

const hasDetails = (c: Contact | undefined): c is Contact => Boolean(c && (c.phone || c.email || c.address));
const describe = (c: Contact) => [c.name, c.phone, c.email, c.address].filter(Boolean).join(', ');

function dataEvidence(m: Municipality, source: DataSource): Evidence | undefined {
  const { service_office: office, dpo } = m.contacts;
  switch (source) {
    case 'controller':
      // "Kommunen" alone (an unnamed example notice) does not say who the controller is.
      return /^\s*(?:kommunen|the municipality)\s*$/iu.test(m.controller) ? undefined : { place: 'controller', by: 'data', quote: m.controller };
    case 'service_office.details':
      return hasDetails(office) ? { place: 'contacts.service_office', by: 'data', quote: describe(office) } : undefined;
    case 'dpo':
      return dpo ? { place: 'contacts.dpo', by: 'data', quote: dpo.name } : undefined;
    case 'dpo.details':
      return hasDetails(dpo) ? { place: 'contacts.dpo', by: 'data', quote: describe(dpo) } : undefined;
  }
}

const intersects = (a: readonly Topic[], b: readonly Topic[]) => a.some((t) => b.includes(t));
const mainTopicIn = (s: Section, topics: readonly Topic[]) => s.topics[0] !== undefined && topics.includes(s.topics[0]);

interface SectionHit {
  section: Section;
  tagged: boolean;
  kind: 'strong' | 'weak' | 'tag';
  quote?: string;
  note?: string;
}

function sectionHit(section: Section, part: Art13Part): SectionHit | undefined {
  if (mainTopicIn(section, IGNORED_MAIN_TOPICS)) return undefined;
  if (part.excludeTopics && intersects(section.topics, part.excludeTopics)) return undefined;
  const tagged = intersects(section.topics, part.topics);
  if (part.taggedOnly && !tagged) return undefined;
  const general = mainTopicIn(section, GENERAL_MAIN_TOPICS);
  let weak: SectionHit | undefined;
  for (const { text, inTitle } of sectionSentences(section)) {
    if (part.exclude && matchesAny(text, part.exclude)) continue;
    if (matchesAny(text, part.patterns)) {
      const bareHeading = inTitle && text.split(/\s+/).length < MIN_TITLE_WORDS;
      if (!general && !bareHeading) return { section, tagged, kind: 'strong', quote: shorten(text) };
      weak ??= { section, tagged, kind: 'weak', quote: shorten(text), note: general ? GENERAL_NOTE : HEADING_NOTE };
    } else if (part.weakPatterns && matchesAny(text, part.weakPatterns)) {
      weak ??= { section, tagged, kind: 'weak', quote: shorten(text), note: general ? GENERAL_NOTE : part.weakNote };
    }
  }
  if (weak) return weak;
  return tagged && part.tagIsEvidence !== false ? { section, tagged, kind: 'tag' } : undefined;
}

const textEvidence = (h: SectionHit): Evidence => ({ place: h.section.id, by: 'text', ...(h.quote ? { quote: h.quote } : {}) });

export function checkPart(m: Municipality, part: Art13Part): PartResult {
  const data = (part.data ?? []).map((s) => dataEvidence(m, s)).filter((e): e is Evidence => e !== undefined);
  const hits = m.sections.map((s) => sectionHit(s, part)).filter((h): h is SectionHit => h !== undefined);
  const strong = hits.filter((h) => h.kind === 'strong');
  const strongTagged = strong.filter((h) => h.tagged);
  const base = { id: part.id, label: part.label };
  if (strong.length > 0 || data.length > 0) {
    // Text in sections tagged with the topic is the evidence; text elsewhere only when no tagged section says it.
    const text = (strongTagged.length > 0 ? strongTagged : strong).map(textEvidence);
    return { ...base, status: 'present', evidence: [...data, ...text] };
  }
  const weak = hits.filter((h) => h.kind === 'weak');
  if (weak.length > 0) {
    const note = [...new Set(weak.map((h) => h.note).filter((n): n is string => Boolean(n)))].join('; ');
    return { ...base, status: 'weak', evidence: weak.map(textEvidence), ...(note ? { note } : {}) };
  }
  const tags = hits.filter((h) => h.kind === 'tag');
  if (tags.length > 0) return { ...base, status: 'tag_only', evidence: tags.map((h) => ({ place: h.section.id, by: 'tag' })) };
  return { ...base, status: 'missing', evidence: [] };
}

function applies(m: Municipality, rule: Art13Rule): boolean {
  const when = rule.appliesWhen;
  if (!when) return true;
  return m.sections.some(
    (s) =>
      !mainTopicIn(s, IGNORED_MAIN_TOPICS) &&
      (intersects(s.topics, when.topics) || sectionSentences(s).some(({ text }) => matchesAny(text, when.patterns))),
  );
}

const list = (parts: PartResult[]) => parts.map((p) => p.label).join(', ');

function noteFor(rule: Art13Rule, status: Art13Status, parts: PartResult[], outdated: OutdatedFinding[]): string {
  if (status === 'not_applicable') return rule.appliesWhen?.note ?? 'Gjelder ikke.';
  if (status === 'missing') return rule.missingNote ?? 'Erklæringen sier ikke noe om dette.';
  const lines: string[] = [];
  if (status === 'outdated') {
    lines.push(...[...new Set(outdated.map((f) => `Utdatert (${f.section}): ${f.why}`))]);
  }
  const missing = parts.filter((p) => p.status === 'missing');
  const tagOnly = parts.filter((p) => p.status === 'tag_only');
  const weak = parts.filter((p) => p.status === 'weak');
  if (missing.length > 0) lines.push(`Mangler: ${list(missing)}.`);
  for (const p of tagOnly) {
    lines.push(`Bare tagget, teksten sier det ikke: ${p.label} (${p.evidence.map((e) => e.place).join(', ')}).`);
  }
  for (const p of weak) lines.push(`Svakt: ${p.label} – ${p.note ?? 'bare nevnt i forbifarten'}.`);
  return lines.length > 0 ? lines.join(' ') : 'Oppgitt.';
}

export function checkRule(m: Municipality, rule: Art13Rule, outdated: OutdatedFinding[] = [], outdatedRules: readonly OutdatedRule[] = OUTDATED_RULES): Art13Result {
  const parts = rule.parts.map((p) => checkPart(m, p));
  const places = [...new Set(parts.flatMap((p) => p.evidence.map((e) => e.place)))];
  const affects = new Map(outdatedRules.map((r) => [r.id, r.affects]));
  const outdatedHere = outdated.filter((f) => f.certainty === 'sure' && affects.get(f.rule) === rule.id && places.includes(f.section));

  let status: Art13Status;
  if (!applies(m, rule)) status = 'not_applicable';
  else if (outdatedHere.length > 0) status = 'outdated';
  else if (parts.every((p) => p.status === 'present')) status = 'present';
  else if (parts.every((p) => p.status === 'missing')) status = 'missing';
  else status = 'partial';
  const tagOnly = status === 'partial' && parts.every((p) => p.status === 'tag_only' || p.status === 'missing');

  return {
    rule: rule.id,
    article: rule.article,
    label: rule.label,
    status,
    tagOnly,
    parts,
    places,
    note: noteFor(rule, status, parts, outdatedHere),
  };
}

export function checkArt13(m: Municipality, outdated: OutdatedFinding[] = [], rules: readonly Art13Rule[] = ART13_RULES): Art13Result[] {
  return rules.map((rule) => checkRule(m, rule, outdated));
}
