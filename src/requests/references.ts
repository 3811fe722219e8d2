/**
 * Reference numbers and answer deadlines. Both follow the calendar in Norway (Europe/Oslo): a
 * request sent at 00:30 on 1 January Norwegian time belongs to the new year, whatever the
 * server's time zone.
 */

import Holidays from 'date-holidays';

export const REFERENCE_TIME_ZONE = 'Europe/Oslo';

/** A calendar date; month 1–12. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const dateParts = new Intl.DateTimeFormat('en-GB', { timeZone: REFERENCE_TIME_ZONE, year: 'numeric', month: 'numeric', day: 'numeric' });

/** The date in Norway at `instant`. */
export function norwegianDate(instant: Date): CalendarDate {
  const parts = Object.fromEntries(dateParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

/** yyyy-mm-dd. */
export function isoDate({ year, month, day }: CalendarDate): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Norway's public holidays (helligdager: Easter, Whitsun, Ascension, 1 and 17 May, Christmas, New Year). */
const holidays = new Holidays('NO');

/** Not a Saturday, Sunday or public holiday in Norway. */
export function isWorkingDay(date: CalendarDate): boolean {
  // Midday UTC is the same date in Norway, summer or winter.
  const instant = new Date(Date.UTC(date.year, date.month - 1, date.day, 12));
  const weekday = instant.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const found = holidays.isHoliday(instant);
  return !(found && found.some((h) => h.type === 'public'));
}

function nextDay({ year, month, day }: CalendarDate): CalendarDate {
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/**
 * One calendar month after receipt (GDPR Art. 12(3)): the same day next month, or that month's
 * last day when it has no such day (31 January → 28/29 February), as Regulation 1182/71 counts
 * periods in months; a period ending on a Saturday, Sunday or public holiday ends with the next
 * working day (its Art. 3(4)), so a request of 5 March 2026 is due on 7 April, after Easter.
 */
export function deadlineAfter(receivedAt: Date): string {
  const { year, month, day } = norwegianDate(receivedAt);
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  let deadline: CalendarDate = { ...next, day: Math.min(day, daysInMonth(next.year, next.month)) };
  while (!isWorkingDay(deadline)) deadline = nextDay(deadline);
  return isoDate(deadline);
}

/** PV-2026-000123; the sequence restarts at 1 each year and grows past six digits if it must. */
export function formatReference(year: number, sequence: number): string {
  return `PV-${year}-${String(sequence).padStart(6, '0')}`;
}

export const REFERENCE_PATTERN = /^PV-\d{4}-\d{6,}$/;

const dateTimeText = new Intl.DateTimeFormat('sv-SE', { timeZone: REFERENCE_TIME_ZONE, dateStyle: 'short', timeStyle: 'short' });

/** "2026-03-05 11:12", Norwegian time: how staff read a time of receipt. */
export function norwegianDateTime(instant: Date): string {
  return dateTimeText.format(instant);
}
