/**
 * CSV for Excel as Norwegian offices use it: UTF-8 with a BOM (or Excel guesses the encoding and
 * breaks æøå), semicolons (the list separator of Norwegian Excel), CRLF, every field quoted, and
 * text that a spreadsheet would run as a formula (= + - @, tab, CR) prefixed with ' (OWASP's
 * CSV injection advice). Numbers are written as they are.
 */
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
const BOM = '\uFEFF';
const SEPARATOR = ';';

export type CsvValue = string | number | undefined;

export function csvCell(value: CsvValue): string {
  if (value === undefined) return '""';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return BOM + [header, ...rows].map((row) => row.map(csvCell).join(SEPARATOR)).join('\r\n') + '\r\n';
}
