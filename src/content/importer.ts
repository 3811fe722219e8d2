/**
 * Turns the text (or HTML) of a privacy notice copied from a municipality's web page into a
 * draft content file: web-page junk removed, split into sections by heading, original wording
 * kept. The draft is then reviewed by hand (contacts, topics, question variants).
 */
import { convert } from 'html-to-text';
import type { Malform, Municipality, Section } from './schema';

/** Marks a heading found in HTML so the splitter need not guess it. */
const HEADING_MARK = '\u0000H ';

export function htmlToNoticeText(html: string): string {
  const heading = { format: 'blockString', options: { leadingLineBreaks: 2, trailingLineBreaks: 2 } };
  return convert(html, {
    wordwrap: false,
    selectors: [
      ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, format: 'heading' })),
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'nav', format: 'skip' },
      { selector: 'script', format: 'skip' },
      { selector: 'style', format: 'skip' },
      { selector: 'ul', options: { itemPrefix: ' • ' } },
    ],
    formatters: {
      heading: (elem, walk, builder) => {
        builder.openBlock({ leadingLineBreaks: heading.options.leadingLineBreaks });
        builder.addLiteral(HEADING_MARK);
        walk(elem.children, builder);
        builder.closeBlock({ trailingLineBreaks: heading.options.trailingLineBreaks });
      },
    },
  });
}

/** Lines that are page furniture, not notice text: template markup, font-size widgets, weather. */
function isJunkLine(line: string): boolean {
  if (/\{\{|\}\}/.test(line)) return true;
  if (/^(?:[A-ZÆØÅ] ?){1,3}$/.test(line)) return true; // "A A A" text-size buttons
  if (/^\S+ (?:Regn|Sol|Skyet|Lettskyet|Snø|Sludd|Tåke|Delvis skyet) -?\d+$/i.test(line)) return true;
  if (/^(?:Viktig melding|Hopp til (?:hovedinnhold|innhald)|Meny|Søk|Del|Skriv ut)$/i.test(line)) return true;
  if (/^[*•·\-–]?\s*$/.test(line)) return true;
  return false;
}

/** Removes junk lines and anything before the notice's own title when one is found early. */
export function cleanNoticeText(raw: string): string {
  const lines = raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trimEnd());
  const kept = lines.filter((l) => !isJunkLine(l.trim()) || l.trim() === '');
  const titleAt = kept.findIndex((l, i) => i < 40 && /^(\u0000H )?personvern(?:erklæring|erklæringa)\b/i.test(l.trim()));
  const body = titleAt >= 0 ? kept.slice(titleAt) : kept;
  return body.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

const BULLET = /^\s*[•·*\-–]\s+/;

/** A heading is a short line on its own, without sentence punctuation, that starts with a capital. */
function looksLikeHeading(line: string, next: string | undefined): boolean {
  const t = line.trim();
  if (t.startsWith(HEADING_MARK)) return true;
  if (!t || BULLET.test(line) || t.length > 100) return false;
  if (/[.,;:]$/.test(t) || /[:@]|\d{5,}|https?:/.test(t)) return false;
  if (!/^[A-ZÆØÅ0-9«"]/.test(t)) return false;
  if (t.split(/\s+/).length > 14) return false;
  return next === undefined || next.trim() === '' || !BULLET.test(next);
}

function slugify(title: string): string {
  const ascii = title
    .toLowerCase()
    .replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/å/g, 'a')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const words = ascii.match(/[a-z0-9]+/g) ?? ['section'];
  return words.slice(0, 6).join('-');
}

interface RawSection { title: string; lines: string[] }

/** Splits cleaned notice text into titled sections; a heading with no text of its own prefixes the next. */
export function splitSections(text: string): Pick<Section, 'id' | 'title' | 'text'>[] {
  const lines = text.split('\n');
  const raw: RawSection[] = [];
  let current: RawSection | undefined;
  lines.forEach((line, i) => {
    const prevBlank = i === 0 || lines[i - 1]!.trim() === '';
    if (prevBlank && looksLikeHeading(line, lines[i + 1])) {
      current = { title: line.trim().replace(HEADING_MARK, '').trim(), lines: [] };
      raw.push(current);
    } else if (current) {
      current.lines.push(line);
    } else if (line.trim()) {
      current = { title: 'Innleiing', lines: [line] };
      raw.push(current);
    }
  });

  const merged: { title: string; text: string }[] = [];
  let pendingTitle = '';
  for (const s of raw) {
    const body = s.lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
    const title = pendingTitle ? `${pendingTitle} – ${s.title}` : s.title;
    if (!body) {
      pendingTitle = title;
      continue;
    }
    pendingTitle = '';
    merged.push({ title, text: body });
  }

  const used = new Map<string, number>();
  return merged.map((s) => {
    const base = slugify(s.title);
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return { id: n > 1 ? `${base}-${n}` : base, ...s };
  });
}

const NYNORSK_MARKERS = /\b(ikkje|kva|korleis|kven|eg|dei|frå|òg|berre|vere|kommunen si|opplysningar|behandlar|rettar)\b/gi;
const BOKMAL_MARKERS = /\b(ikke|hva|hvordan|hvem|jeg|de|fra|også|bare|være|opplysninger|behandler|rettigheter)\b/gi;

export function guessMalform(text: string): Malform {
  const nn = text.match(NYNORSK_MARKERS)?.length ?? 0;
  const nb = text.match(BOKMAL_MARKERS)?.length ?? 0;
  return nn > nb ? 'nn' : 'nb';
}

/** The most frequent "<Name> kommune" in the text, or undefined for a notice that names none. */
export function guessName(text: string): string | undefined {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/\b([A-ZÆØÅ][a-zæøå]+(?:-[A-ZÆØÅ][a-zæøå]+)?) [Kk]ommune\b/g)) {
    const name = `${m[1]} kommune`;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** A draft content file; contacts, topics and questions are left for the reviewer. */
export function importNotice(source: string, id: string, isHtml: boolean): Municipality {
  const text = cleanNoticeText(isHtml ? htmlToNoticeText(source) : source);
  const name = guessName(text) ?? 'Kommunen';
  return {
    id,
    name,
    målform: guessMalform(text),
    controller: name,
    contacts: {},
    sections: splitSections(text).map((s) => ({ ...s, topics: [], questions: [] })),
  };
}
