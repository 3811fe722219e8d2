import assert from 'node:assert/strict';
import { isNationalId, REDACTED_ID, redactNationalIds } from '../../src/bot/nationalId';

describe('nationalId', () => {
  describe('isNationalId', () => {
    it('accepts fødselsnummer, D-nummer and H-nummer with valid control digits', () => {
      assert.ok(isNationalId('29029600013'), 'fødselsnummer');
      assert.ok(isNationalId('31129987688'), 'fødselsnummer with a birth date the library thinks is in the future');
      assert.ok(isNationalId(withControlDigits('410180361')), 'D-nummer (day + 40)');
    });
    it('accepts an H-nummer (month + 40)', () => {
      // 01.01.80 as H-nummer: month 01 → 41; control digits computed for 014180123.
      assert.ok(isNationalId(withControlDigits('014180123')));
    });
    it('accepts numbers under the 2032 rules, where the first control digit may leave remainder 1–3', () => {
      const relaxed = relaxedNumber('150765005');
      assert.ok(relaxed, 'found a relaxed number to test with');
      assert.ok(isNationalId(relaxed));
    });
    it('rejects wrong control digits, impossible dates and other digit strings', () => {
      assert.equal(isNationalId('29029600014'), false);
      assert.equal(isNationalId('32139900000'), false);
      assert.equal(isNationalId('12345678901'), false);
      assert.equal(isNationalId('9018805812'), false);
    });
  });

  describe('redactNationalIds', () => {
    it('removes a number written with or without spaces', () => {
      assert.deepEqual(redactNationalIds('Mitt nr er 29029600013.'), { text: `Mitt nr er ${REDACTED_ID}.`, found: 1 });
      assert.equal(redactNationalIds('nr 290296 00013 og 290 296 000 13').found, 2);
    });
    it('finds a number after a run of other digits', () => {
      assert.deepEqual(redactNationalIds('saksnr 12345 290296 00013'), { text: `saksnr 12345 ${REDACTED_ID}`, found: 1 });
      assert.equal(redactNationalIds('00 290296000.13').found, 1);
    });
    it('leaves phone numbers, dates and invalid numbers alone', () => {
      const text = 'Ring 901 88 058 eller 56575000 innen 30 dager, saksnr 12345678901.';
      assert.deepEqual(redactNationalIds(text), { text, found: 0 });
    });
  });
});

const FIRST = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const SECOND = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
const sum = (digits: string, weights: number[]) => weights.reduce((s, w, i) => s + w * Number(digits[i]), 0);

/** Appends standard control digits to nine digits (tests only; the production code uses the library). */
function withControlDigits(nine: string): string {
  const k1 = (11 - (sum(nine, FIRST) % 11)) % 11;
  const ten = nine + String(k1);
  const k2 = (11 - (sum(ten, SECOND) % 11)) % 11;
  return ten + String(k2);
}

/** A number valid only under the 2032 rule: first control digit leaving remainder 1–3. */
function relaxedNumber(nine: string): string | undefined {
  for (let k1 = 0; k1 <= 9; k1++) {
    const remainder = (sum(nine, FIRST) + k1) % 11;
    if (remainder < 1 || remainder > 3) continue;
    const ten = nine + String(k1);
    const k2 = (11 - (sum(ten, SECOND) % 11)) % 11;
    if (k2 < 10) return ten + String(k2);
  }
  return undefined;
}
