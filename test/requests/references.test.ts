import assert from 'node:assert/strict';
import { deadlineAfter, formatReference, isWorkingDay, norwegianDate } from '../../src/requests/references';

describe('references', () => {
  describe('formatReference', () => {
    it('pads the sequence to six digits', () => {
      assert.equal(formatReference(2026, 123), 'PV-2026-000123');
      assert.equal(formatReference(2026, 1_234_567), 'PV-2026-1234567');
    });
  });

  describe('deadlineAfter', () => {
    const cases: [receivedAt: string, deadline: string][] = [
      // 5 April 2026 is Easter Sunday, 6 April Easter Monday.
      ['2026-03-05T10:00:00Z', '2026-04-07'],
      ['2026-03-10T10:00:00Z', '2026-04-10'],
      // 28 February 2026 is a Saturday.
      ['2026-01-31T10:00:00Z', '2026-03-02'],
      ['2028-01-31T10:00:00Z', '2028-02-29'],
      // 17 May 2026 is a Sunday, and Constitution Day; 18 May a Monday.
      ['2026-04-17T10:00:00Z', '2026-05-18'],
      // 25 and 26 December are holidays, 27 December 2026 a Sunday.
      ['2026-11-25T10:00:00Z', '2026-12-28'],
      ['2026-03-31T10:00:00Z', '2026-04-30'],
      ['2026-12-15T10:00:00Z', '2027-01-15'],
      // 23:30 UTC on 31 December is already 1 January in Norway.
      ['2026-12-31T23:30:00Z', '2027-02-01'],
    ];
    for (const [receivedAt, deadline] of cases) {
      it(`is ${deadline} for a request received ${receivedAt}`, () => assert.equal(deadlineAfter(new Date(receivedAt)), deadline));
    }
  });

  describe('isWorkingDay', () => {
    it('knows weekends and the moving holidays (Ascension Day 2027 is 6 May)', () => {
      assert.equal(isWorkingDay({ year: 2027, month: 5, day: 6 }), false);
      assert.equal(isWorkingDay({ year: 2027, month: 5, day: 7 }), true);
      assert.equal(isWorkingDay({ year: 2026, month: 11, day: 28 }), false);
      assert.equal(isWorkingDay({ year: 2026, month: 12, day: 24 }), true, 'Christmas Eve is not a public holiday');
    });
  });

  describe('norwegianDate', () => {
    it('follows Norwegian time, summer and winter', () => {
      assert.deepEqual(norwegianDate(new Date('2026-06-30T22:30:00Z')), { year: 2026, month: 7, day: 1 });
      assert.deepEqual(norwegianDate(new Date('2026-01-31T22:30:00Z')), { year: 2026, month: 1, day: 31 });
    });
  });
});
