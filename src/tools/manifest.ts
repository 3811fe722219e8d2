/**
 * `npm run manifest -- --bot-id <guid> [--app-id <guid>] [--version 1.0.0] [--out <zip>]`:
 * builds the Teams app package from manifest/ (template + icons), validated offline first.
 * Nothing is written unless the manifest and icons are valid.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_VERSION,
  ICONS,
  MANIFEST_FILE,
  buildPackage,
  fillTemplate,
  loadBundledSchema,
  validateIcons,
  validateManifest,
} from '../teams/manifestPackage';

const USAGE = `Usage: npm run manifest -- --bot-id <guid> [--app-id <guid>] [--version ${DEFAULT_VERSION}] [--out manifest/build/personvern-bot.zip]`;
// The template travels with the code, so it is found from here, not from the working directory.
const TEMPLATE_DIR = resolve(__dirname, '..', '..', 'manifest');

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'bot-id': { type: 'string' },
        'app-id': { type: 'string' },
        version: { type: 'string', default: DEFAULT_VERSION },
        out: { type: 'string', default: join('manifest', 'build', 'personvern-bot.zip') },
      },
    }));
  } catch (err) {
    console.error(`manifest: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const botId = values['bot-id'];
  if (!botId) {
    console.error(`manifest: --bot-id is required (the Microsoft App ID of the Azure Bot)\n${USAGE}`);
    return 2;
  }

  const manifest = fillTemplate(readFileSync(join(TEMPLATE_DIR, MANIFEST_FILE), 'utf8'), {
    botId,
    appId: values['app-id'],
    version: values.version,
  });
  const icons = {
    color: readFileSync(join(TEMPLATE_DIR, ICONS.color.file)),
    outline: readFileSync(join(TEMPLATE_DIR, ICONS.outline.file)),
  };
  const manifestVersion = String(manifest.manifestVersion);
  const errors = [...(await validateManifest(manifest, loadBundledSchema(manifestVersion))), ...validateIcons(icons)];
  if (errors.length > 0) {
    console.error(`manifest: the package is not valid (schema v${manifestVersion}):`);
    for (const error of errors) console.error(`  ${error}`);
    return 1;
  }

  const out = resolve(values.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await buildPackage(manifest, icons));
  console.log(`manifest: wrote ${out} (app ${String(manifest.id)}, bot ${botId}, version ${values.version})`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`manifest: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
