/**
 * Facts that identify one municipality (contact details, e-mail addresses, phone numbers and
 * named products or suppliers) and that a reply about another municipality must never contain.
 */
import type { Content } from '../content/load';
import type { Municipality } from '../content/schema';

/** Lower case, letters and digits only: how the eval compares replies with facts. */
export function normaliseForCompare(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE = /(?<!\d)(?:\d[ ]?){7}\d(?!\d)/g;
/** Capitalised words inside a sentence: names of people, products and suppliers. */
const PROPER_NOUN = /(?<=[\p{Ll},] )\p{Lu}[\p{L}&-]{3,}(?: \p{Lu}[\p{L}&-]+)*/gu;

function identifyingFacts(m: Municipality): Set<string> {
  const text = [
    ...m.sections.map((s) => s.text),
    ...Object.values(m.contacts).flatMap((c) => [c.name, c.phone ?? '', c.email ?? '', c.address ?? '']),
  ].join('\n');
  const found = [...(text.match(EMAIL) ?? []), ...(text.match(PHONE) ?? []), ...(text.match(PROPER_NOUN) ?? [])];
  return new Set(found.map(normaliseForCompare).filter((f) => f.length >= 4));
}

/** Facts of every other municipality that the given one's own content does not also contain. */
export function foreignFacts(content: Content, municipalityId: string): string[] {
  const own = content.municipalities.find((m) => m.id === municipalityId);
  const ownText = normaliseForCompare(own ? JSON.stringify(own) : '') + normaliseForCompare(JSON.stringify(content.general));
  const foreign = new Set<string>();
  for (const m of content.municipalities) {
    if (m.id === municipalityId) continue;
    for (const fact of identifyingFacts(m)) if (!ownText.includes(fact)) foreign.add(fact);
  }
  return [...foreign];
}
