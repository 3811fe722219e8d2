import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import JSZip from 'jszip';
import {
  ICONS,
  buildPackage,
  decodePng,
  fillTemplate,
  loadBundledSchema,
  readPngSize,
  validateIcons,
  validateManifest,
  type Icons,
  type ManifestJson,
  type TeamsSchema,
} from '../../src/teams/manifestPackage';
import { drawColorIcon, drawOutlineIcon, encodePng } from '../../src/tools/icons';

const MANIFEST_DIR = join(__dirname, '..', '..', 'manifest');
const TEMPLATE = readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8');
const BOT_ID = '0b8f4f0e-3c1d-4a8e-9b7a-2f1e6d5c4b3a';
const APP_ID = 'c2a9e7d4-5b61-4f08-8e3a-9d17b6f24c55';

const committedIcons = (): Icons => ({
  color: readFileSync(join(MANIFEST_DIR, ICONS.color.file)),
  outline: readFileSync(join(MANIFEST_DIR, ICONS.outline.file)),
});

/** A solid square PNG of one colour, for icons that are wrong on purpose. */
const solidPng = (size: number, rgba: [number, number, number, number]): Buffer =>
  encodePng(size, size, new Uint8Array(size * size * 4).map((_, i) => rgba[i % 4] ?? 0));

describe('manifestPackage', () => {
  let schema: TeamsSchema;
  before(() => {
    const template = JSON.parse(TEMPLATE) as { manifestVersion: string };
    schema = loadBundledSchema(template.manifestVersion);
  });

  describe('when reading the template in manifest/', () => {
    it('finds a bundled schema version of at least 1.22', () => {
      const { manifestVersion } = JSON.parse(TEMPLATE) as { manifestVersion: string };
      const [major, minor] = manifestVersion.split('.').map(Number);
      assert.ok(major === 1 && (minor ?? 0) >= 22, `manifestVersion ${manifestVersion}`);
    });
  });

  describe('when given a valid bot id', () => {
    it('builds a zip of exactly manifest.json and the two icons, with the bot id in the manifest', async () => {
      const manifest = fillTemplate(TEMPLATE, { botId: BOT_ID, version: '1.2.3' });
      assert.deepEqual(await validateManifest(manifest, schema), []);
      assert.deepEqual(validateIcons(committedIcons()), []);

      const zip = await JSZip.loadAsync(await buildPackage(manifest, committedIcons()));
      assert.deepEqual(Object.keys(zip.files).sort(), ['color.png', 'manifest.json', 'outline.png']);
      const packed = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
        id: string;
        version: string;
        bots: Array<{ botId: string }>;
      };
      assert.equal(packed.bots[0]?.botId, BOT_ID);
      assert.equal(packed.version, '1.2.3');
    });

    it('uses the bot id as app id unless an app id is given', () => {
      assert.equal(fillTemplate(TEMPLATE, { botId: BOT_ID }).id, BOT_ID);
      assert.equal(fillTemplate(TEMPLATE, { botId: BOT_ID, appId: APP_ID }).id, APP_ID);
    });

    it('builds the same bytes from the same inputs', async () => {
      const manifest = fillTemplate(TEMPLATE, { botId: BOT_ID });
      assert.ok((await buildPackage(manifest, committedIcons())).equals(await buildPackage(manifest, committedIcons())));
    });
  });

  describe('when the bot id is not a GUID', () => {
    it('rejects it with a message naming the value', () => {
      assert.throws(() => fillTemplate(TEMPLATE, { botId: 'abc' }), /--bot-id "abc" is not a GUID/);
    });

    it('rejects a bad app id or version the same way', () => {
      assert.throws(() => fillTemplate(TEMPLATE, { botId: BOT_ID, appId: `${APP_ID}x` }), /--app-id ".*x" is not a GUID/);
      assert.throws(() => fillTemplate(TEMPLATE, { botId: BOT_ID, version: '1.0' }), /--version "1.0" is not MAJOR.MINOR.PATCH/);
    });
  });

  describe('when a required field is missing', () => {
    it("fails validation with the schema's error naming the field", async () => {
      const manifest = fillTemplate(TEMPLATE, { botId: BOT_ID });
      delete (manifest.developer as Record<string, unknown>).privacyUrl;
      const errors = await validateManifest(manifest, schema);
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0] ?? '', /^\/developer must have required property 'privacyUrl'/);
    });
  });

  describe('when the manifest breaks other schema rules', () => {
    it('reports each one with its path', async () => {
      const manifest: ManifestJson = { ...fillTemplate(TEMPLATE, { botId: BOT_ID }), accentColor: 'blue' };
      delete manifest.icons;
      const errors = await validateManifest(manifest, schema);
      assert.ok(errors.some((e) => e.startsWith('/accentColor must match pattern')), errors.join('\n'));
      assert.ok(errors.some((e) => e.startsWith("/ must have required property 'icons'")), errors.join('\n'));
    });

    it('reports placeholders left unfilled', async () => {
      const manifest = fillTemplate(TEMPLATE.replace('"Personvern-bot"', '"{{KOMMUNE}}"'), { botId: BOT_ID });
      assert.deepEqual(await validateManifest(manifest, schema), ['/developer/name still holds the placeholder {{KOMMUNE}}']);
    });
  });

  describe('when an icon has the wrong size', () => {
    it('reports the file, its size and the size Teams needs', () => {
      const errors = validateIcons({ color: drawOutlineIcon(), outline: drawOutlineIcon(64) });
      assert.deepEqual(errors, ['color.png is 32×32; Teams needs 192×192', 'outline.png is 64×64; Teams needs 32×32']);
    });
  });

  describe('when the outline icon is not white on transparent', () => {
    it('reports an opaque background', () => {
      const errors = validateIcons({ color: drawColorIcon(), outline: solidPng(32, [255, 255, 255, 255]) });
      assert.deepEqual(errors, ['outline.png has no transparent pixels; its background must be transparent']);
    });

    it('reports coloured pixels and where the first one is', () => {
      const errors = validateIcons({ color: drawColorIcon(), outline: readFileSync(join(MANIFEST_DIR, 'color.png')) });
      assert.ok(errors.includes('outline.png is 192×192; Teams needs 32×32'), errors.join('\n'));
      assert.ok(errors.some((e) => /^outline\.png has \d+ pixels that are neither white nor transparent \(first at x=0, y=0: rgba\(31, 78, 121, 255\)\)/.test(e)), errors.join('\n'));
    });
  });

  describe('when reading a PNG', () => {
    it('takes width and height from IHDR', () => {
      assert.deepEqual(readPngSize(encodePng(3, 2, new Uint8Array(3 * 2 * 4))), { width: 3, height: 2 });
    });

    it('throws on a file that is not a PNG', () => {
      assert.throws(() => readPngSize(Buffer.from('GIF89a and then some more bytes')), /is not a PNG file/);
    });

    it('undoes every scanline filter when decoding', () => {
      // 2×5 RGBA, one row per filter type (none, sub, up, average, Paeth), so each is exercised.
      const width = 2, height = 5;
      const pixels = Uint8Array.from({ length: width * height * 4 }, (_, i) => (i * 37 + 11) & 0xff);
      assert.deepEqual(decodePng(filteredPng(width, height, pixels)).rgba, pixels);
    });
  });

  describe('when checking the committed icons', () => {
    it('finds the pixels npm run icons draws', () => {
      // Pixels, not bytes: another zlib build may compress the same image differently.
      const icons = committedIcons();
      assert.deepEqual(decodePng(icons.color).rgba, decodePng(drawColorIcon()).rgba, 'manifest/color.png is stale: run npm run icons');
      assert.deepEqual(decodePng(icons.outline).rgba, decodePng(drawOutlineIcon()).rgba, 'manifest/outline.png is stale: run npm run icons');
    });
  });
});

/** An RGBA PNG whose row y uses filter type y % 5, filtered here as an encoder would. */
function filteredPng(width: number, height: number, pixels: Uint8Array): Buffer {
  const stride = width * 4;
  const at = (x: number, y: number): number => (x < 0 || y < 0 ? 0 : pixels[y * stride + x] ?? 0);
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    const filter = y % 5;
    rows.push(filter);
    for (let x = 0; x < stride; x++) {
      const a = at(x - 4, y), b = at(x, y - 1), c = at(x - 4, y - 1);
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predicted = [0, a, b, (a + b) >> 1, paeth][filter] ?? 0;
      rows.push((at(x, y) - predicted) & 0xff);
    }
  }
  const plain = encodePng(width, height, pixels);
  // Keep the signature and IHDR of a plain encoding; swap in the filtered image data.
  const idat = deflateSync(Buffer.from(rows));
  const head = Buffer.alloc(8);
  head.writeUInt32BE(idat.length, 0);
  head.write('IDAT', 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), idat])), 0);
  const iend = plain.subarray(plain.length - 12);
  return Buffer.concat([plain.subarray(0, 8 + 25), head, idat, crc, iend]);
}
