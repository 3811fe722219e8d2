/**
 * Content-quality checks of one municipality's file: question variants, contacts, topics and web
 * junk left in the notice text. Errors (duplicate variants across sections, malformed contacts)
 * fail `--strict`; the rest are warnings.
 */
import type { Contact, Municipality } from '../content/schema';
import { asciiFold, editDistance, normaliseQuestion, sectionSentences, shorten, splitSentences } from './text';
import type { QualityFinding } from './types';
import { deliveryTargets } from '../requests/targets';

/** Fewer variants than this is a warning (the README asks for 8–14). */
export const MIN_QUESTIONS = 5;

type Finding = Omit<QualityFinding, 'municipality'>;

export function checkQuestions(m: Municipality): Finding[] {
  const findings: Finding[] = [];
  const owners = new Map<string, { sections: string[]; variants: string[] }>();
  for (const s of m.sections) {
    const n = s.questions.length;
    if (n === 0) findings.push({ severity: 'warning', check: 'questions-none', place: s.id, message: 'Avsnittet har ingen spørsmålsvarianter.' });
    else if (n < MIN_QUESTIONS) {
      findings.push({ severity: 'warning', check: 'questions-few', place: s.id, message: `Avsnittet har bare ${n} spørsmålsvariant${n === 1 ? '' : 'er'} (minst ${MIN_QUESTIONS}).` });
    }
    const seenHere = new Set<string>();
    for (const q of s.questions) {
      const key = normaliseQuestion(q);
      if (seenHere.has(key)) {
        findings.push({ severity: 'warning', check: 'questions-repeated', place: s.id, message: 'Samme spørsmålsvariant står to ganger i avsnittet.', excerpt: q });
        continue;
      }
      seenHere.add(key);
      const owner = owners.get(key) ?? { sections: [], variants: [] };
      owner.sections.push(s.id);
      owner.variants.push(q);
      owners.set(key, owner);
    }
  }
  for (const { sections, variants } of owners.values()) {
    if (sections.length < 2) continue;
    findings.push({
      severity: 'error',
      check: 'questions-duplicate',
      place: sections.join(', '),
      message: `Samme spørsmålsvariant i ${sections.length} avsnitt: søket kan ikke vite hvilket som svarer.`,
      excerpt: [...new Set(variants)].join(' | '),
    });
  }
  return findings;
}

/** Why a phone number is not a Norwegian 8-digit number, or undefined when it is. */
export function phoneProblem(phone: string): string | undefined {
  const trimmed = phone.trim();
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+') || digits.startsWith('0047')) {
    digits = digits.replace(/^(?:00)?/, '');
    if (!digits.startsWith('47')) return `«${phone}» er ikke et norsk nummer (+47)`;
    digits = digits.slice(2);
  }
  return digits.length === 8 ? undefined : `«${phone}» har ${digits.length} sifre, ikke 8`;
}

const EXAMPLE_DOMAIN = /(?:^|\.)(?:example|test|invalid|localhost)(?:\.|$)/;

/** Why an e-mail address's domain looks wrong for this municipality, or undefined. */
export function emailProblem(email: string, m: Municipality): string | undefined {
  const domain = (email.split('@')[1] ?? '').toLowerCase();
  const labels = domain.split('.');
  const tld = labels.at(-1) ?? '';
  if (labels.length < 2 || !/^[a-z]{2,}$/.test(tld)) return `domenet «${domain}» mangler toppdomene`;
  if (EXAMPLE_DOMAIN.test(domain)) return `«${domain}» er et eksempeldomene`;
  const typo = labels.find((l) => l !== 'kommune' && l.length >= 5 && editDistance(l, 'kommune') <= 2);
  if (typo) return `skrivefeil i domenet: «${typo}» for «kommune»`;
  if (domain === 'kommune.no') return 'domenet «kommune.no» mangler kommunens navn';
  const slug = /(?:^|\.)([a-z0-9-]+)\.kommune\.no$/.exec(domain)?.[1];
  if (slug !== undefined) {
    const ours = new Set([m.id, m.name.replace(/\s+(?:kommune|kommunen)$/iu, '')].flatMap(asciiFold).flatMap((v) => [v, v.replace(/-/g, '')]));
    if (!ours.has(slug) && !ours.has(slug.replace(/-/g, ''))) {
      const close = [...ours].some((o) => editDistance(o, slug) <= 2);
      return close ? `skrivefeil i kommunenavnet i domenet «${domain}»?` : `«${domain}» er en annen kommunes domene`;
    }
  }
  return undefined;
}

const EMAIL_IN_TEXT = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu;

export function checkContacts(m: Municipality): Finding[] {
  const findings: Finding[] = [];
  const contacts: [string, Contact | undefined][] = [
    ['contacts.service_office', m.contacts.service_office],
    ['contacts.dpo', m.contacts.dpo],
  ];
  for (const [place, c] of contacts) {
    if (!c) continue;
    const phone = c.phone === undefined ? undefined : phoneProblem(c.phone);
    if (phone) findings.push({ severity: 'error', check: 'contact-phone', place, message: `Telefonnummeret ${phone}.`, excerpt: c.phone });
    const email = c.email === undefined ? undefined : emailProblem(c.email, m);
    if (email) findings.push({ severity: 'error', check: 'contact-email', place, message: `E-postadressen ser feil ut: ${email}.`, excerpt: c.email });
    if (!c.phone && !c.email && !c.address && !c.url) {
      findings.push({ severity: 'warning', check: 'contact-incomplete', place, message: `«${c.name}» har verken telefon, e-post eller adresse.` });
    } else if (place === 'contacts.dpo' && !c.email) {
      findings.push({ severity: 'warning', check: 'contact-incomplete', place, message: 'Personvernombudet har ingen e-postadresse.' });
    }
  }
  for (const s of m.sections) {
    for (const email of new Set(s.text.match(EMAIL_IN_TEXT) ?? [])) {
      const problem = emailProblem(email, m);
      if (problem) findings.push({ severity: 'warning', check: 'contact-email', place: s.id, message: `E-postadressen i teksten ser feil ut: ${problem}.`, excerpt: email });
    }
  }
  return findings;
}

export function checkTopics(m: Municipality): Finding[] {
  return m.sections
    .filter((s) => s.topics.length === 0)
    .map((s) => ({ severity: 'warning' as const, check: 'topics-empty' as const, place: s.id, message: 'Avsnittet har ingen topics.' }));
}

/** Template markup and page furniture an import left behind. */
const WEB_JUNK = /\{\{|\}\}|\{%|%\}|<%|%>|<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>|&(?:nbsp|amp|lt|gt|quot);|\bundefined\b|(?:^|\s)A\s+A\s+A(?:\s|$)/u;
/** Link texts whose link was lost: "Lenke til skjema", "klikk her", "dette skjemaet", "Les meir om … her:", "Les meir om retten til innsyn". */
const LOST_LINK = [
  /\blenke\s+til\s+\p{L}+/iu,
  /\b(?:klikk|trykk)\s+her\b/iu,
  /\bdette\s+skjema(?:et)?\b/iu,
  /\b(?:les|lese|lesa)\s+(?:meir|mer)\b[^.]*\bher\s*:/iu,
  /^(?:les|lese|lesa)\s+(?:meir|mer)\s+om\b(?![^.]*(?:Datatilsynet|nettstad|nettsted|nettside|\bsider))[^.]*$/iu,
];
const URL = /https?:\/\/|www\.[a-z]/iu;
/** A line ending in a colon that introduces an address: "Send førespurnad til:", "pr. post:". */
const ADDRESS_INTRO = /(?:\btil|\bpå|adresse\p{L}*|\bpost|e-post|telefon|\btlf\.?)\s*:\s*$/iu;
const CONTACT_DETAIL = /@|(?:\d ?){7}\d|\bpostboks\b|(?<!\d)\d{4} [A-ZÆØÅ]|https?:\/\/|www\./iu;
/** "kan kontaktast på e-post eller på tlf. 53 74 80 00": the phone number survived, the e-mail address did not. */
const LOST_EMAIL = [/kontakt\p{L}*\s+(?:\S+\s+){0,4}på\s+e-post(?!\s*:?\s*\S+@)/iu, /(?<!\d)(?:\d ?){7}\d(?!\d)/u];

export function checkText(m: Municipality): Finding[] {
  const findings: Finding[] = [];
  for (const s of m.sections) {
    for (const { text } of sectionSentences(s)) {
      if (WEB_JUNK.test(text)) findings.push({ severity: 'warning', check: 'web-junk', place: s.id, message: 'Rester av nettsiden (malkode eller markup) i teksten.', excerpt: shorten(text) });
      if (!URL.test(text) && LOST_LINK.some((re) => re.test(text))) {
        findings.push({ severity: 'warning', check: 'lost-link', place: s.id, message: 'Tapt lenke: lenketeksten står igjen uten lenken.', excerpt: shorten(text) });
      }
      if (LOST_EMAIL.every((re) => re.test(text)) && !text.includes('@')) {
        findings.push({ severity: 'warning', check: 'lost-address', place: s.id, message: 'Teksten sier «på e-post», men e-postadressen mangler.', excerpt: shorten(text) });
      }
    }
    findings.push(...lostAddresses(s.id, s.text));
  }
  return findings;
}

/** A line ending in "til:" / "pr. post:" followed by nothing, or by a block with no address in it. */
function lostAddresses(place: string, text: string): Finding[] {
  const lines = text.split('\n');
  const findings: Finding[] = [];
  lines.forEach((line, i) => {
    if (!ADDRESS_INTRO.test(line.trim())) return;
    let j = i + 1;
    while (j < lines.length && lines[j]?.trim() === '') j += 1;
    const block: string[] = [];
    for (; j < lines.length && lines[j]?.trim() !== ''; j += 1) block.push(lines[j] ?? '');
    if (block.length > 0 && (/^\s*[•·\-–*]/u.test(block[0] ?? '') || CONTACT_DETAIL.test(block.join('\n')))) return;
    const sentence = splitSentences(line).at(-1) ?? line;
    findings.push({ severity: 'warning', check: 'lost-address', place, message: 'Tapt adresse: teksten viser til en adresse som ikke står der.', excerpt: shorten(sentence) });
  });
  return findings;
}

/** Rights requests are always stored, but reach the municipality only through a configured channel. */
export function checkDelivery(m: Municipality): Finding[] {
  if (deliveryTargets(m).length > 0) return [];
  return [{
    severity: 'warning',
    check: 'delivery-none',
    place: 'delivery',
    message: 'Ingen kanal for forespørsler (delivery, eller e-post til servicekontoret eller personvernombudet): de lagres, men blir ikke levert.',
  }];
}

export function checkQuality(m: Municipality): QualityFinding[] {
  return [...checkContacts(m), ...checkDelivery(m), ...checkQuestions(m), ...checkTopics(m), ...checkText(m)].map((f) => ({ municipality: m.id, ...f }));
}
