/**
 * Shared pieces of the property/fuzz tests: text and JSON generators, HTTP helpers against the
 * real server, and a heap measurement. Sizes and run counts are bounded so each test stays well
 * inside mocha's 20 s on a small shared machine.
 */
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import fc from 'fast-check';

/** fast-check settings for properties that talk to the server: bounded in runs and in time. */
export const serverRuns = (numRuns: number) => ({
  numRuns,
  // A slow shared machine ends the run early rather than hitting mocha's timeout; a failure found
  // before that is still reported (with its shrunk counterexample so far).
  interruptAfterTimeLimit: 9_000,
  markInterruptAsFailure: false,
});

/** The municipalities of the product content (content/). */
export const MUNICIPALITIES = ['askim', 'bjornafjorden', 'generic', 'stranda', 'sveio'];

/** Mostly the valid shape, sometimes a wrong one: most generated activities get past validation. */
export const mostly = <T>(valid: fc.Arbitrary<T>, wrong: fc.Arbitrary<unknown>) => fc.oneof({ weight: 9, arbitrary: valid }, { weight: 1, arbitrary: wrong });

/** Known statuses for the properties: anything but a 5xx is acceptable. */
export function assertNot5xx(status: number, what: string): void {
  assert.ok(status >= 200 && status < 500, `${what}: HTTP ${status}`);
  assert.ok(!(status >= 300 && status < 400), `${what}: unexpected redirect ${status}`);
}

let clientCounter = 0;
/**
 * A distinct client address per request (the app trusts X-Forwarded-For from loopback), so the
 * per-client rate limits do not turn the fuzz run into a run of 429s.
 */
export function freshClient(): Record<string, string> {
  clientCounter++;
  return { 'x-forwarded-for': `10.${(clientCounter >> 16) & 255}.${(clientCounter >> 8) & 255}.${clientCounter & 255}` };
}

export interface RawResponse {
  status: number;
  text: string;
}

/** A request with a body exactly as given (string or bytes), so malformed JSON reaches the server. */
export async function send(
  url: string,
  { method = 'POST', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string | Uint8Array },
): Promise<RawResponse> {
  const res = await fetch(url, { method, headers: { ...freshClient(), ...headers }, body });
  return { status: res.status, text: await res.text() };
}

// ---------------------------------------------------------------------------------------------
// Text

/** Words residents use, in bokmål, nynorsk and English, plus the odd punctuation. */
export const NORWEGIAN_WORDS = [
  'hei', 'hvor', 'kor', 'lenge', 'lagrer', 'lagrar', 'dere', 'de', 'opplysningene', 'opplysningane', 'mine', 'personvern',
  'personvernombud', 'personvernombod', 'innsyn', 'slette', 'sletta', 'retting', 'klage', 'Datatilsynet', 'informasjonskapsler',
  'informasjonskapslar', 'cookies', 'Google', 'Analytics', 'Siteimprove', 'logg', 'kamera', 'barnehage', 'skole', 'NAV', 'helse',
  'journal', 'jeg', 'eg', 'vil', 'ha', 'kva', 'hva', 'korleis', 'hvordan', 'rettigheter', 'rettar', 'behandling', 'handsaming',
  'samtykke', 'deler', 'utleverer', 'mottaker', 'kommune', 'kommunen', 'Stranda', 'Sveio', 'Askim', 'Bjørnafjorden', 'bytt',
  'what', 'how', 'long', 'do', 'you', 'keep', 'my', 'data', 'privacy', 'delete', 'talk', 'to', 'a', 'person', 'thanks', 'takk',
  'tusen', 'vits', 'buss', 'æ', 'ø', 'å', '?', '!', '.', ',', ':', '–', '«', '»', '"', '…', '\n', '\t',
];

/** Single characters that tend to break text handling: controls, invisibles, bidi, surrogates, combining marks. */
export const ODD_CHARACTERS = [
  '\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\u000b', '\f', '\r', '\u001b', '\u007f', '\u0085', '\u009f',
  '\u00a0', '\u00ad', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u2028', '\u2029', '\u202a', '\u202e', '\u2066',
  '\u2069', '\u2060', '\ufeff', '\ufffd', '\ufffe', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff', '\u0301', '\u030a',
  '\u0338', 'A\u030a', 'ﬁ', 'ß', 'İ', 'ı', 'Ǆ', 'ǅ', '𝓅', '𝔭', '😀', '👩‍👩‍👧', '🇳🇴', '\u{e0001}', '\u{10ffff}', '\u{1f3fb}',
  '﷽', 'ـ', '\u0e47', '\u0f0b', '꙰', '\\', '$&', '$1', '(?:', '.*', '[^', '%00', '%', '{{', '}}', '<script>', '&amp;',
];

const oddText = (maxLength: number, size: fc.SizeForArbitrary) =>
  fc.array(fc.oneof(fc.constantFrom(...ODD_CHARACTERS), fc.string({ maxLength: 4 })), { maxLength: Math.ceil(maxLength / 3), size })
    .map((parts) => parts.join('').slice(0, maxLength));

const controlText = (maxLength: number, size: fc.SizeForArbitrary) =>
  fc.array(fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f }), fc.integer({ min: 0x20, max: 0x7e })), { maxLength, size })
    .map((codes) => String.fromCharCode(...codes));

/** Mixed Norwegian/English words, the kind of text that reaches the classifier's real paths. */
export const wordText = (maxLength: number, size: fc.SizeForArbitrary = 'small') =>
  fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...NORWEGIAN_WORDS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), { maxLength: Math.ceil(maxLength / 4), size })
    .map((words) => words.join(' ').slice(0, maxLength));

/** Long text made by repeating a short seed: cheap to generate at 100 kB, unlike char-by-char. */
export const repeatedText = (maxLength: number) =>
  fc.tuple(fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom(...ODD_CHARACTERS), fc.constantFrom(...NORWEGIAN_WORDS).map((w) => `${w} `)), fc.integer({ min: 0, max: maxLength }))
    .map(([seed, length]) => seed.repeat(Math.ceil(length / seed.length)).slice(0, length));

/**
 * Any kind of text up to `maxLength` characters (code points; UTF-16 units may be twice that).
 * `size: 'max'` spreads lengths over the whole range instead of favouring short ones.
 */
export const anyText = (maxLength: number, size: fc.SizeForArbitrary = 'small') =>
  fc.oneof(
    fc.string({ maxLength, size }),
    fc.string({ unit: 'binary', maxLength, size }),
    fc.string({ unit: 'grapheme', maxLength: Math.min(maxLength, 300), size }),
    oddText(maxLength, size),
    controlText(Math.min(maxLength, 500), size),
    wordText(maxLength, size),
    repeatedText(maxLength),
  );

// ---------------------------------------------------------------------------------------------
// JSON

/** Random JSON of bounded size. */
export const jsonValue = (maxDepth = 3) => fc.jsonValue({ maxDepth, depthSize: 'small' });

/** JSON nested `depth` levels deep, as text (built directly: generating it as a value would be slow). */
export function nestedJson(depth: number, kind: 'array' | 'object', leaf = '1'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;
}

/** The object as JSON text, with raw JSON text as the value at `path` (intermediate objects are made as needed). */
export function withRawValue(object: Record<string, unknown>, path: string[], rawJson: string): string {
  const marker = '__raw_value_marker__';
  const copy = structuredClone(object) as Record<string, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) {
    const next = target[key];
    target = (next && typeof next === 'object' && !Array.isArray(next) ? next : (target[key] = {})) as Record<string, unknown>;
  }
  target[path[path.length - 1]!] = marker;
  return JSON.stringify(copy).replace(`"${marker}"`, rawJson);
}

// ---------------------------------------------------------------------------------------------
// Memory

type Gc = () => void;
/** `global.gc` when node runs with --expose-gc; else V8's gc exposed at run time; else none. */
export function findGc(): Gc | undefined {
  const global = globalThis as { gc?: Gc };
  if (typeof global.gc === 'function') return global.gc;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as Gc) : undefined;
  } catch {
    return undefined;
  }
}

/** Heap in use after (when possible) a full collection. */
export async function settledHeapUsed(): Promise<{ heapUsed: number; collected: boolean }> {
  const gc = findGc();
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc?.();
  }
  return { heapUsed: process.memoryUsage().heapUsed, collected: gc !== undefined };
}

export const MB = 1024 * 1024;
