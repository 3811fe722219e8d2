import assert from 'node:assert/strict';
import { deadlineAfter, formatReference, norwegianDate } from '../../src/requests/references';

describe('references', () => {
  describe('formatReference', () => {
    it('pads the sequence to six digits', () => {
      assert.equal(formatReference(2026, 123), 'PV-2026-000123');
      assert.equal(formatReference(2026, 1_234_567), 'PV-2026-1234567');
    });
  });

  describe('deadlineAfter', () => {
    const cases: [receivedAt: string, deadline: string][] = [
      ['2026-03-05T10:00:00Z', '2026-04-05'],
      ['2026-01-31T10:00:00Z', '2026-02-28'],
      ['2028-01-31T10:00:00Z', '2028-02-29'],
      ['2026-03-31T10:00:00Z', '2026-04-30'],
      ['2026-12-15T10:00:00Z', '2027-01-15'],
      // 23:30 UTC on 31 December is already 1 January in Norway.
      ['2026-12-31T23:30:00Z', '2027-02-01'],
    ];
    for (const [receivedAt, deadline] of cases) {
      it(`is ${deadline} for a request received ${receivedAt}`, () => assert.equal(deadlineAfter(new Date(receivedAt)), deadline));
    }
  });

  describe('norwegianDate', () => {
    it('follows Norwegian time, summer and winter', () => {
      assert.deepEqual(norwegianDate(new Date('2026-06-30T22:30:00Z')), { year: 2026, month: 7, day: 1 });
      assert.deepEqual(norwegianDate(new Date('2026-01-31T22:30:00Z')), { year: 2026, month: 1, day: 31 });
    });
  });
});
