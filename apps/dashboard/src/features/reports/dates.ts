import { LIMA } from '@app/format';

/** Today on the Lima calendar as `YYYY-MM-DD` (the API's report days are Lima days). */
export function limaToday(now: Date = new Date()): string {
  return now.toLocaleDateString('en-CA', { timeZone: LIMA });
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A `YYYY-MM-DD` day as an instant inside that Lima day, for `formatDate` (midnight UTC is the day before in Lima). */
export function dayInstant(day: string): string {
  return `${day}T12:00:00Z`;
}

/** The API's default range: 365 days back to 90 days ahead. */
export function defaultRange(today: string = limaToday()): { from: string; to: string } {
  return { from: addDays(today, -365), to: addDays(today, 90) };
}
