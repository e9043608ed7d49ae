// Civil (calendar) dates as `YYYY-MM-DD` strings and the arithmetic on them. No time zone is involved:
// a civil date is a day on the wall calendar of Europe/Stockholm, computed with UTC arithmetic only.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses `YYYY-MM-DD`, or null when it is not a real calendar date. */
export function parseCivilDate(text: string): CivilDate | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isCivilDate(text: string): boolean {
  return parseCivilDate(text) !== null;
}

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
  const d = parseCivilDate(text);
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
