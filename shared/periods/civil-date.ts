// Civil (calendar) dates as `YYYY-MM-DD` strings and the arithmetic on them; parsing is shared/protocol/iso-date.
// No time zone is involved:// a civil date is a day on the wall calendar of Europe/Stockholm, computed with UTC arithmetic only.
import { parseIsoDate, type CivilDate } from "../protocol/iso-date";

const DAY_MS = 86_400_000;

const pad2 = (n: number) => String(n).padStart(2, "0");
const pad4 = (n: number) => String(n).padStart(4, "0");

export function formatCivilDate(d: CivilDate): string {
  return `${pad4(d.year)}-${pad2(d.month)}-${pad2(d.day)}`;
}

export function civilDate(year: number, month: number, day: number): string {
  return formatCivilDate({ year, month, day });
}

/** Days since 1970-01-01 of a civil date (for ordering and arithmetic). */
export function dayNumber(text: string): number {
  const d = parseIsoDate(text);
  if (!d) throw new Error(`not a date: ${text}`);
  return Date.UTC(d.year, d.month - 1, d.day) / DAY_MS;
}

export function fromDayNumber(n: number): string {
  const t = new Date(n * DAY_MS);
  return civilDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function addDays(text: string, days: number): string {
  return fromDayNumber(dayNumber(text) + days);
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function isoWeekday(text: string): number {
  const wd = new Date(dayNumber(text) * DAY_MS).getUTCDay();
  return wd === 0 ? 7 : wd;
}
