/**
 * The Teams app package: manifest.json filled from the template in manifest/, checked offline
 * against the JSON schema bundled with @microsoft/app-manifest, plus the two icons, zipped.
 *
 * Everything here takes and returns values (no argv, no console) so the CLI in
 * src/tools/manifest.ts stays thin and the rules are tested directly. The one exception,
 * loadBundledSchema, reads a file from node_modules: the schema ships with the package and
 * validating offline means a build never depends on developer.microsoft.com being reachable.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { crc32, inflateSync } from 'node:zlib';
import { ManifestUtil, type TeamsManifest } from '@microsoft/app-manifest';
import JSZip from 'jszip';

/** A filled manifest: parsed JSON, not yet known to be valid. */
export type ManifestJson = Record<string, unknown>;
/** The schema type ManifestUtil wants; we only ever pass it a parsed bundled schema file. */
export type TeamsSchema = Parameters<typeof ManifestUtil.validateManifestAgainstSchema<TeamsManifest>>[1];

export interface TemplateValues {
  botId: string;
  /** Defaults to botId: Teams allows the app and its bot to share one id. */
  appId?: string;
  /** MAJOR.MINOR.PATCH; Teams only offers an update when it grows. */
  version?: string;
}

export interface Icons {
  color: Buffer;
  outline: Buffer;
}

/** File names in the package, and the sizes Teams insists on. */
export const ICONS = {
  color: { file: 'color.png', width: 192, height: 192 },
  outline: { file: 'outline.png', width: 32, height: 32 },
} as const;
export const MANIFEST_FILE = 'manifest.json';
export const DEFAULT_VERSION = '1.0.0';

// The schema's own `guid` definition: Entra application (client) ids have this form.
const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
// Teams compares versions numerically per part, so anything but three numbers is refused.
const VERSION = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/;
const PLACEHOLDER = /\{\{[A-Z_]+\}\}/g;

// ── template ────────────────────────────────────────────────────────────────────────────────

/**
 * Parses the template and replaces {{BOT_ID}}, {{APP_ID}} and {{VERSION}} in its string values.
 * Throws, naming the option and the value, when an id is not a GUID or the version is not
 * MAJOR.MINOR.PATCH: a wrong id would only surface as a bot that never answers in Teams.
 */
export function fillTemplate(template: string, values: TemplateValues): ManifestJson {
  const appId = values.appId ?? values.botId;
  const version = values.version ?? DEFAULT_VERSION;
  if (!GUID.test(values.botId)) throw new Error(`--bot-id "${values.botId}" is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`);
  if (!GUID.test(appId)) throw new Error(`--app-id "${appId}" is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`);
  if (!VERSION.test(version)) throw new Error(`--version "${version}" is not MAJOR.MINOR.PATCH (e.g. 1.0.0)`);

  let parsed: unknown;
  try {
    parsed = JSON.parse(template);
  } catch (err) {
    throw new Error(`${MANIFEST_FILE} template is not valid JSON: ${(err as Error).message}`);
  }
  if (!isObject(parsed)) throw new Error(`${MANIFEST_FILE} template is not a JSON object`);
  // Replacing in parsed strings, not in the raw text, so no value can break the JSON around it.
  const replacements: Record<string, string> = { '{{BOT_ID}}': values.botId, '{{APP_ID}}': appId, '{{VERSION}}': version };
  return mapStrings(parsed, (s) => s.replace(PLACEHOLDER, (p) => replacements[p] ?? p)) as ManifestJson;
}

function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ── manifest validation ─────────────────────────────────────────────────────────────────────

/** The schema for a manifestVersion, from the copy bundled with @microsoft/app-manifest. */
export function loadBundledSchema(manifestVersion: string): TeamsSchema {
  const root = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');
  const file = join(root, `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    const have = readdirSync(root).filter((d) => /^v\d/.test(d)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    throw new Error(`no bundled Teams schema for manifestVersion "${manifestVersion}" (@microsoft/app-manifest has ${have.join(', ')})`);
  }
  return JSON.parse(text) as TeamsSchema;
}

/**
 * Schema errors (ajv's text: JSON path, message, details) plus what the schema cannot know:
 * placeholders left unfilled, and icon paths that are not the files this package ships.
 * An empty list means valid.
 */
export async function validateManifest(manifest: ManifestJson, schema: TeamsSchema): Promise<string[]> {
  const schemaErrors = await ManifestUtil.validateManifestAgainstSchema(manifest as unknown as TeamsManifest, schema);
  // ajv leaves the path empty for the root object; "/" reads better in a list of paths.
  const errors = schemaErrors.map((e) => (e.startsWith(' ') ? `/${e}` : e));

  for (const [path, placeholder] of unfilledPlaceholders(manifest, '')) {
    errors.push(`${path} still holds the placeholder ${placeholder}`);
  }
  const icons = isObject(manifest.icons) ? manifest.icons : {};
  for (const kind of ['color', 'outline'] as const) {
    if (icons[kind] !== undefined && icons[kind] !== ICONS[kind].file) {
      errors.push(`/icons/${kind} is "${String(icons[kind])}", but the package ships ${ICONS[kind].file} at its root`);
    }
  }
  return errors;
}

function unfilledPlaceholders(value: unknown, path: string): Array<[string, string]> {
  if (typeof value === 'string') return (value.match(PLACEHOLDER) ?? []).map((p) => [path, p]);
  if (Array.isArray(value)) return value.flatMap((v, i) => unfilledPlaceholders(v, `${path}/${i}`));
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => unfilledPlaceholders(v, `${path}/${k}`));
  return [];
}

// ── icons ───────────────────────────────────────────────────────────────────────────────────

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which the PNG spec puts first. Throws if not a PNG. */
export function readPngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('is not a PNG file');
  if (png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('is not a PNG file (no IHDR chunk first)');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * Sizes of both icons, and that the outline icon is a white symbol on a transparent background:
 * Teams recolours the outline icon, so any other colour or an opaque background shows up as a
 * solid square in the Teams app bar.
 */
export function validateIcons(icons: Icons): string[] {
  const errors: string[] = [];
  for (const kind of ['color', 'outline'] as const) {
    const { file, width, height } = ICONS[kind];
    try {
      const size = readPngSize(icons[kind]);
      if (size.width !== width || size.height !== height) {
        errors.push(`${file} is ${size.width}×${size.height}; Teams needs ${width}×${height}`);
      }
    } catch (err) {
      errors.push(`${file} ${(err as Error).message}`);
    }
  }
  if (errors.some((e) => e.startsWith(`${ICONS.outline.file} is not a PNG`))) return errors;

  let image: RgbaImage;
  try {
    image = decodePng(icons.outline);
  } catch (err) {
    errors.push(`${ICONS.outline.file}: cannot check its transparency: ${(err as Error).message}`);
    return errors;
  }
  let transparent = 0;
  let coloured = 0;
  let first = '';
  for (let i = 0; i < image.width * image.height; i++) {
    const [r, g, b, a] = image.rgba.subarray(i * 4, i * 4 + 4);
    if (a === 0) transparent++;
    else if (r !== 255 || g !== 255 || b !== 255) {
      if (coloured++ === 0) first = ` (first at x=${i % image.width}, y=${Math.floor(i / image.width)}: rgba(${r}, ${g}, ${b}, ${a}))`;
    }
  }
  if (transparent === 0) errors.push(`${ICONS.outline.file} has no transparent pixels; its background must be transparent`);
  if (coloured > 0) errors.push(`${ICONS.outline.file} has ${coloured} pixels that are neither white nor transparent${first}; it must be white on transparent`);
  return errors;
}

export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Decodes a non-interlaced 8-bit PNG of any colour type to RGBA: enough for icons as image
 * tools save them. Other PNGs are refused with the reason rather than guessed at.
 */
export function decodePng(png: Buffer): RgbaImage {
  const { width, height } = readPngSize(png);
  let header: Buffer | undefined;
  let palette: Buffer | undefined;
  let trns: Buffer | undefined;
  const idat: Buffer[] = [];
  for (let offset = 8; offset < png.length; ) {
    if (offset + 12 > png.length) throw new Error('file is truncated');
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const end = offset + 8 + length;
    if (end + 4 > png.length) throw new Error(`${type} chunk is truncated`);
    if (png.readUInt32BE(end) !== crc32(png.subarray(offset + 4, end))) throw new Error(`${type} chunk is corrupt (CRC mismatch)`);
    const data = png.subarray(offset + 8, end);
    if (type === 'IHDR') header = data;
    else if (type === 'PLTE') palette = data;
    else if (type === 'tRNS') trns = data;
    else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset = end + 4;
  }
  if (!header) throw new Error('no IHDR chunk');
  const [bitDepth, colourType, , , interlace] = header.subarray(8, 13);
  const channels = CHANNELS[colourType ?? -1];
  if (bitDepth !== 8 || channels === undefined || interlace !== 0) {
    throw new Error(`only non-interlaced 8-bit PNGs are checked (this is ${bitDepth}-bit, colour type ${colourType}, interlace ${interlace}); save it as 8-bit RGBA`);
  }
  const pixels = unfilter(inflateSync(Buffer.concat(idat)), width, height, channels);

  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const p = pixels.subarray(i * channels, (i + 1) * channels);
    const v = (k: number): number => p[k] ?? 0;
    let px: [number, number, number, number];
    if (colourType === 6) px = [v(0), v(1), v(2), v(3)];
    else if (colourType === 4) px = [v(0), v(0), v(0), v(1)];
    else if (colourType === 2) px = [v(0), v(1), v(2), trns?.length === 6 && trns.readUInt16BE(0) === v(0) && trns.readUInt16BE(2) === v(1) && trns.readUInt16BE(4) === v(2) ? 0 : 255];
    else if (colourType === 0) px = [v(0), v(0), v(0), trns?.length === 2 && trns.readUInt16BE(0) === v(0) ? 0 : 255];
    else {
      const entry = v(0);
      if (!palette || entry * 3 + 3 > palette.length) throw new Error(`palette index ${entry} has no PLTE entry`);
      px = [palette[entry * 3] ?? 0, palette[entry * 3 + 1] ?? 0, palette[entry * 3 + 2] ?? 0, trns?.[entry] ?? 255];
    }
    rgba.set(px, i * 4);
  }
  return { width, height, rgba };
}

/** Reverses PNG's per-scanline filters (none, sub, up, average, Paeth). */
function unfilter(data: Buffer, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  if (data.length < height * (stride + 1)) throw new Error('image data is shorter than its size says');
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)];
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const raw = data[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= bpp ? out[row + x - bpp] ?? 0 : 0;
      const b = y > 0 ? out[row - stride + x] ?? 0 : 0;
      const c = x >= bpp && y > 0 ? out[row - stride + x - bpp] ?? 0 : 0;
      let predicted: number;
      if (filter === 0) predicted = 0;
      else if (filter === 1) predicted = a;
      else if (filter === 2) predicted = b;
      else if (filter === 3) predicted = (a + b) >> 1;
      else if (filter === 4) predicted = paeth(a, b, c);
      else throw new Error(`row ${y} has unknown filter type ${filter}`);
      out[row + x] = (raw + predicted) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

// ── package ─────────────────────────────────────────────────────────────────────────────────

// A fixed timestamp makes the zip depend only on its contents: same inputs, same bytes.
const ZIP_DATE = new Date('2000-01-01T00:00:00Z');

/** The zip Teams takes: manifest.json and both icons at the root, nothing else. */
export async function buildPackage(manifest: ManifestJson, icons: Icons): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`, { date: ZIP_DATE });
  zip.file(ICONS.color.file, icons.color, { date: ZIP_DATE });
  zip.file(ICONS.outline.file, icons.outline, { date: ZIP_DATE });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}
