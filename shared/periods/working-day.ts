// Swedish working days: not Saturday or Sunday, not a public holiday (lag 1989:253 om allmänna helgdagar), and not
// midsommarafton, julafton or nyårsafton, which lag (1930:173) om beräkning av lagstadgad tid treats like holidays.
// Used for the deadline of a request for public documents (the next working day by default).
import { addDays, civilDate, isoWeekday } from "./civil-date";

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return civilDate(year, month, day);
}

/** The first date from `from` (inclusive) that falls on ISO weekday `weekday` (1 = Monday … 7 = Sunday). */
function firstWeekdayFrom(from: string, weekday: number): string {
  return addDays(from, (weekday - isoWeekday(from) + 7) % 7);
}

/** The days of a year that are not working days besides weekends, with their Swedish names. */
export function swedishHolidays(year: number): Map<string, string> {
  const easter = easterSunday(year);
  const out = new Map<string, string>([
    [civilDate(year, 1, 1), "Nyårsdagen"],
    [civilDate(year, 1, 6), "Trettondedag jul"],
    [addDays(easter, -2), "Långfredagen"],
    [easter, "Påskdagen"],
    [addDays(easter, 1), "Annandag påsk"],
    [civilDate(year, 5, 1), "Första maj"],
    [addDays(easter, 39), "Kristi himmelsfärds dag"],
    [addDays(easter, 49), "Pingstdagen"],
    [civilDate(year, 6, 6), "Sveriges nationaldag"],
    [addDays(firstWeekdayFrom(civilDate(year, 6, 20), 6), -1), "Midsommarafton"],
    [firstWeekdayFrom(civilDate(year, 6, 20), 6), "Midsommardagen"],
    [firstWeekdayFrom(civilDate(year, 10, 31), 6), "Alla helgons dag"],
    [civilDate(year, 12, 24), "Julafton"],
    [civilDate(year, 12, 25), "Juldagen"],
    [civilDate(year, 12, 26), "Annandag jul"],
    [civilDate(year, 12, 31), "Nyårsafton"],
  ]);
  return out;
}

const cache = new Map<number, Map<string, string>>();

/** True for Monday–Friday that is not a Swedish holiday (or midsommar-, jul- or nyårsafton). */
export function isWorkingDay(date: string): boolean {
  if (isoWeekday(date) >= 6) return false;
  const year = Number(date.slice(0, 4));
  let holidays = cache.get(year);
  if (!holidays) cache.set(year, (holidays = swedishHolidays(year)));
  return !holidays.has(date);
}

/** The first working day after `date` (never `date` itself). */
export function nextWorkingDay(date: string): string {
  let d = addDays(date, 1);
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}
