/**
 * Calendar dates as staff mean them: days in Norway (Europe/Oslo), whatever the server's zone.
 * A period "from 2026-03-01 to 2026-03-31" covers both days whole.
 */
import { isoDate, norwegianDate, REFERENCE_TIME_ZONE } from '../requests/references';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}

/** Today's date in Norway. */
export function norwegianToday(now: Date): string {
  return isoDate(norwegianDate(now));
}

/** yyyy-mm-dd plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: REFERENCE_TIME_ZONE, timeZoneName: 'longOffset' });

/** Norway's offset from UTC at an instant, in ms (+1 h in winter, +2 h in summer). */
function osloOffsetMs(instant: number): number {
  const name = offsetFormat.formatToParts(new Date(instant)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000;
}

/** The instant a day starts in Norway. */
export function startOfNorwegianDay(date: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  // The offset at the guess is right except within hours of a DST change; the second look fixes that.
  const guess = utcMidnight - osloOffsetMs(utcMidnight);
  return new Date(utcMidnight - osloOffsetMs(guess));
}
