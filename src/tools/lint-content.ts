/**
 * `npm run lint:content [-- --content dir] [--json] [--html file] [--strict]`: shows each
 * municipality whether its notice tells what GDPR Art. 13 requires, its outdated statements and
 * content-quality findings (src/lint/).
 *
 * Exit code: 0 (a notice's gaps are the municipality's to fix, not a build failure); 1 when
 * content fails to load, or with `--strict` when a quality error exists (a question variant in
 * two sections, a malformed contact); 2 on a wrong option.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadContent } from '../content/load';
import { formatReport } from '../lint/format';
import { findingValues, findLines } from '../lint/locate';
import { lintContent, strictErrors } from '../lint/report';
import type { ContentReport } from '../lint/types';
import { renderContentReport } from '../server/pages/contentReportPage';

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

const USAGE = 'usage: npm run lint:content -- [--content <dir>] [--json] [--html <file>] [--strict]\n';

/** `content/stranda.yaml:12, 40: error questions-duplicate …`, naming the lines to fix. */
function strictLines(report: ContentReport, dir: string): string[] {
  return strictErrors(report).map((f) => {
    const file = join(dir, `${f.municipality}.yaml`);
    let lines: number[] = [];
    try {
      lines = findLines(readFileSync(file, 'utf8'), findingValues(f));
    } catch {
      // The file was read a moment ago; without it, the finding is still named by place.
    }
    const where = lines.length > 0 ? `${file}:${lines.join(', ')}` : file;
    return `${where}: error ${f.check} [${f.place}] ${f.message}${f.excerpt ? ` «${f.excerpt}»` : ''}`;
  });
}

export function main(argv: string[], output: Output): number {
  let values: { content: string; json: boolean; html?: string; strict: boolean; help: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        content: { type: 'string', default: 'content' },
        json: { type: 'boolean', default: false },
        html: { type: 'string' },
        strict: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    output.err(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    output.out(USAGE);
    return 0;
  }

  let report: ContentReport;
  try {
    report = lintContent(loadContent(values.content));
  } catch (err) {
    output.err(`${(err as Error).message}\n`);
    return 1;
  }

  output.out(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  if (values.html) {
    writeFileSync(values.html, renderContentReport(report));
    output.err(`lint:content: wrote ${values.html}\n`);
  }
  if (values.strict) {
    const errors = strictLines(report, values.content);
    if (errors.length > 0) {
      output.err(`lint:content --strict: ${errors.length} quality error${errors.length === 1 ? '' : 's'}\n${errors.join('\n')}\n`);
      return 1;
    }
    output.err('lint:content --strict: no quality errors\n');
  }
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
}
