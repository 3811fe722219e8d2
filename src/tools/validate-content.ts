/** `npm run validate:content [-- file.yaml …]`: validates content files, printing each file's problems. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { generalSchema } from '../content/schema';
import { GENERAL_FILE, loadContent, parseContent, parseMunicipality } from '../content/load';

const files = process.argv.slice(2);
try {
  if (files.length === 0) {
    const { municipalities, general } = loadContent('content');
    console.log(`content: ${municipalities.length} municipalities, ${general.entries.length} general entries — valid`);
  }
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const name = basename(file);
    if (name === GENERAL_FILE) parseContent(name, text, generalSchema);
    else parseMunicipality(name, text);
    console.log(`${name}: valid`);
  }
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
