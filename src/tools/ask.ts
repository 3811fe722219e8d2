/**
 * `npm run ask -- --municipality stranda "Kven er personvernombodet?" [--json]`: prints what a
 * resident would see (or, with --json, the reply activities).
 */
import { parseArgs } from 'node:util';
import { loadContent } from '../content/load';
import { InProcessBot } from './inProcess';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { municipality: { type: 'string', short: 'm' }, json: { type: 'boolean', default: false }, content: { type: 'string', default: 'content' } },
});
const question = positionals.join(' ').trim();
if (!values.municipality || !question) {
  console.error('Usage: npm run ask -- --municipality <id> "<question>" [--json]');
  process.exit(2);
}
async function main(municipality: string): Promise<void> {
  const bot = new InProcessBot(loadContent(values.content));
  const replies = await bot.ask(municipality, question);
  if (values.json) console.log(JSON.stringify(replies, null, 2));
  else for (const r of replies) console.log(`${r.text ?? ''}\n  [outcome: ${r.channelData?.outcome}, sources: ${(r.channelData?.sources ?? []).join(', ') || '–'}]\n`);
}

main(values.municipality).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
