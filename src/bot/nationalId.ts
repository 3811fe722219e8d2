/**
 * Finds Norwegian national identity numbers (fødselsnummer, D-nummer, H-nummer) in free text so
 * they can be removed before anything is echoed, stored or logged.
 */
import { idNumberContainsBirthDate, isValidCheckDigits, possibleBirthDateOfIdNumber } from 'norwegian-national-id-validator';

const FIRST_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2, 1];
const SECOND_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2, 1];

export const REDACTED_ID = '[fødselsnummer fjernet]';

/**
 * Numbers issued from 2032 relax the first control digit: the weighted sum including it may leave
 * remainder 0, 1, 2 or 3 mod 11 (the second control digit is unchanged). The validator library
 * predates this, so the relaxed rule is checked here when the library's strict one fails.
 */
function hasValidControlDigits(id: string): boolean {
  if (isValidCheckDigits(id)) return true;
  return weightedSum(id, FIRST_WEIGHTS) % 11 <= 3 && weightedSum(id, SECOND_WEIGHTS) % 11 === 0;
}

function weightedSum(id: string, weights: number[]): number {
  return weights.reduce((sum, w, i) => sum + w * Number(id[i]), 0);
}

/**
 * A fødselsnummer, D-nummer, H-nummer (or FH-nummer) with valid control digits and, where it
 * holds one, a real calendar date. Unlike the library's validator it does not reject birth dates
 * in the future: for redaction, a number that merely looks issued is still personal data.
 */
export function isNationalId(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || !hasValidControlDigits(digits)) return false;
  return !idNumberContainsBirthDate(digits) || possibleBirthDateOfIdNumber(digits) !== undefined;
}

/** The text with every valid national identity number replaced, and how many there were. */
export function redactNationalIds(text: string): { text: string; found: number } {
  let found = 0;
  let out = '';
  let copied = 0;
  // Try every digit group as a start, so a leading run of other digits ("12345 290296 00013")
  // cannot hide the number after it.
  for (let p = 0; p < text.length; p++) {
    if (!isDigit(text[p]) || isDigit(text[p - 1])) continue;
    const match = matchIdAt(text, p);
    if (!match || !isNationalId(match.digits)) continue;
    out += text.slice(copied, p) + REDACTED_ID;
    copied = match.end;
    found++;
    p = match.end - 1;
  }
  return { text: out + text.slice(copied), found };
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isSeparator = (c: string | undefined) => c === ' ' || c === '.' || c === '-';

/** Eleven digits from `from`, with single separators between them, not followed by another digit. */
function matchIdAt(text: string, from: number): { digits: string; end: number } | undefined {
  let digits = '';
  let i = from;
  while (digits.length < 11 && i < text.length) {
    const c = text[i];
    if (isDigit(c)) {
      digits += c;
      i++;
    } else if (isSeparator(c) && digits.length > 0 && isDigit(text[i + 1])) {
      i++;
    } else break;
  }
  if (digits.length !== 11 || isDigit(text[i])) return undefined;
  return { digits, end: i };
}
