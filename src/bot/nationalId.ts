/**
 * Finds Norwegian national identity numbers (fødselsnummer, D-nummer, H-nummer) in free text so
 * they can be removed before anything is echoed, stored or logged.
 */
import { idNumberContainsBirthDate, isValidCheckDigits, possibleBirthDateOfIdNumber } from 'norwegian-national-id-validator';

/** Eleven digits, optionally grouped by single spaces, dots or hyphens ("311299 87688"). */
const CANDIDATE = /(?<![\d])\d(?:[ .-]?\d){10}(?![\d])/g;
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
  const redacted = text.replace(CANDIDATE, (match) => {
    if (!isNationalId(match.replace(/[ .-]/g, ''))) return match;
    found++;
    return REDACTED_ID;
  });
  return { text: redacted, found };
}
