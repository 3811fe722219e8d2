/**
 * `npm run import -- <notice.txt|.html> --id <id> [--force]`: writes a draft content/<id>.yaml
 * from a privacy notice, to be reviewed by hand before it is served.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { importNotice } from '../content/importer';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { id: { type: 'string' }, force: { type: 'boolean', default: false }, out: { type: 'string', default: 'content' } },
});
const file = positionals[0];
if (!file || !values.id) {
  console.error('Usage: npm run import -- <notice.txt|notice.html> --id <municipality-id> [--force]');
  process.exit(2);
}
const target = resolve(values.out, `${values.id}.yaml`);
if (existsSync(target) && !values.force) {
  console.error(`import: ${target} exists; it may hold reviewed content. Use --force to overwrite.`);
  process.exit(1);
}
const source = readFileSync(file, 'utf8');
const draft = importNotice(source, values.id, /\.html?$/i.test(file) || /^\s*</.test(source));
const header = `# Draft imported from ${join(file)}. Review: name, url, controller, contacts, topics, questions.\n`;
writeFileSync(target, header + stringify(draft, { lineWidth: 0 }));
console.log(`import: wrote ${target} with ${draft.sections.length} sections (${draft.name}, ${draft.målform})`);
