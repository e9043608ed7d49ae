// Period strings of every type: parse, format, validate, the period of a date, and a period's first and last day.
//   halfmonth  `2026-03-H1` (1st–15th) / `2026-03-H2` (16th–end)
//   month      `2026-03`
//   quarter    `2026-Q1`
//   year       `2026`
//   schoolyear `2025/26` (1 July 2025 – 30 June 2026), only for school data
//   week       `2026-W09`, the ISO week (Monday–Sunday): alert series, and the weekly delivery (README)
//   slice      `2026-11-30/2026-11-30`, internal only: a week cut at the half-month boundaries (the day range where a
//              week and a half-month overlap), the cube's leaf period when weekly cells are published
import type { PeriodType } from "../protocol/delivery";
import { daysInMonth, parseIsoDate } from "../protocol/iso-date";
import { addDays, civilDate, dayNumber, fromDayNumber, isoWeekday } from "./civil-date";

export type { PeriodType };
/** Published period types plus the internal slice (week ∩ half-month). */
export type AnyPeriodType = PeriodType | "slice";

export const PUBLISHED_PERIOD_TYPES: readonly PeriodType[] = ["halfmonth", "month", "quarter", "year", "schoolyear", "week"];
export const ALL_PERIOD_TYPES: readonly AnyPeriodType[] = [...PUBLISHED_PERIOD_TYPES, "slice"];

/** A period split into its numbers. Fields not used by a type are 0. */
export interface PeriodParts {
  type: AnyPeriodType;
  /** Calendar year; for a school year the year it starts (2025 for `2025/26`); for an ISO week the ISO year. */
  year: number;
  /** Month 1–12 (halfmonth, month). */
  month: number;
  /** Half 1–2 (halfmonth), quarter 1–4 (quarter), week 1–53 (week). */
  index: number;
  /** A slice's first and last day (slice only). */
  days?: { first: string; last: string };
}

const PATTERNS: readonly [AnyPeriodType, RegExp][] = [
  ["halfmonth", /^(\d{4})-(0[1-9]|1[0-2])-H([12])$/],
  ["month", /^(\d{4})-(0[1-9]|1[0-2])$/],
  ["quarter", /^(\d{4})-Q([1-4])$/],
  ["year", /^(\d{4})$/],
  ["schoolyear", /^(\d{4})\/(\d{2})$/],
  ["week", /^(\d{4})-W(\d{2})$/],
  ["slice", /^(\d{4})-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}$/],
];

export type PeriodResult<T> = { ok: true; value: T } | { ok: false; issues: string[] };

/** Parses a period string of any type (or of `expected`). */
export function parsePeriod(text: string, expected?: AnyPeriodType): PeriodResult<PeriodParts> {
  for (const [type, re] of PATTERNS) {
    if (expected && expected !== type) continue;
    const m = re.exec(text);
    if (!m) continue;
    const year = Number(m[1]);
    if (type === "halfmonth") return { ok: true, value: { type, year, month: Number(m[2]), index: Number(m[3]) } };
    if (type === "month") return { ok: true, value: { type, year, month: Number(m[2]), index: 0 } };
    if (type === "quarter") return { ok: true, value: { type, year, month: 0, index: Number(m[2]) } };
    if (type === "year") return { ok: true, value: { type, year, month: 0, index: 0 } };
    if (type === "schoolyear") {
      if (Number(m[2]) !== (year + 1) % 100) return { ok: false, issues: [`Läsåret ${text} ska omfatta två på varandra följande år, till exempel ${year}/${String((year + 1) % 100).padStart(2, "0")}.`] };
      return { ok: true, value: { type, year, month: 0, index: 0 } };
    }
    if (type === "slice") {
      const [first, last] = text.split("/");
      if (!parseIsoDate(first) || !parseIsoDate(last) || sliceOf(first) !== text) return { ok: false, issues: [`"${text}" är ingen del av en vecka inom en halvmånad.`] };
      return { ok: true, value: { type, year, month: Number(first.slice(5, 7)), index: 0, days: { first, last } } };
    }
    const week = Number(m[2]);
    if (week < 1 || week > isoWeeksInYear(year)) return { ok: false, issues: [`Vecka ${week} finns inte år ${year}.`] };
    return { ok: true, value: { type, year, month: 0, index: week } };
  }
  return { ok: false, issues: [expected ? `"${text}" är inte en period av typen ${expected}.` : `"${text}" är inte en giltig period.`] };
}

/** The type of a period string, or null when it is not a valid period. */
export function periodTypeOf(text: string): AnyPeriodType | null {
  const r = parsePeriod(text);
  return r.ok ? r.value.type : null;
}

export function isValidPeriod(text: string, type?: AnyPeriodType): boolean {
  return parsePeriod(text, type).ok;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

export function formatPeriod(p: PeriodParts): string {
  switch (p.type) {
    case "halfmonth":
      return `${p.year}-${pad2(p.month)}-H${p.index}`;
    case "month":
      return `${p.year}-${pad2(p.month)}`;
    case "quarter":
      return `${p.year}-Q${p.index}`;
    case "year":
      return String(p.year);
    case "schoolyear":
      return `${p.year}/${pad2((p.year + 1) % 100)}`;
    case "week":
      return `${p.year}-W${pad2(p.index)}`;
    case "slice":
      if (!p.days) throw new Error("a slice needs its days");
      return `${p.days.first}/${p.days.last}`;
  }
}

function mustParse(text: string): PeriodParts {
  const r = parsePeriod(text);
  if (!r.ok) throw new Error(r.issues.join(" "));
  return r.value;
}

/** The number of ISO weeks (52 or 53) of an ISO year. */
export function isoWeeksInYear(year: number): number {
  // A year has 53 weeks when 1 January is a Thursday, or a Wednesday in a leap year.
  const jan1 = isoWeekday(civilDate(year, 1, 1));
  const leap = daysInMonth(year, 2) === 29;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/** Monday of ISO week 1 of an ISO year. */
function isoWeekOneMonday(year: number): number {
  const jan4 = dayNumber(civilDate(year, 1, 4));
  return jan4 - (isoWeekday(civilDate(year, 1, 4)) - 1);
}

/** The period of `type` that contains the civil date `date` (`YYYY-MM-DD`). */
export function periodOfDate(type: AnyPeriodType, date: string): string {
  const d = parseIsoDate(date);
  if (!d) throw new Error(`not a date: ${date}`);
  switch (type) {
    case "halfmonth":
      return `${d.year}-${pad2(d.month)}-H${d.day <= 15 ? 1 : 2}`;
    case "month":
      return `${d.year}-${pad2(d.month)}`;
    case "quarter":
      return `${d.year}-Q${Math.ceil(d.month / 3)}`;
    case "year":
      return String(d.year);
    case "schoolyear":
      return formatPeriod({ type, year: d.month >= 7 ? d.year : d.year - 1, month: 0, index: 0 });
    case "week": {
      // The ISO year is the year of the Thursday of the date's week.
      const thursday = dayNumber(date) - isoWeekday(date) + 4;
      const isoYear = Number(fromDayNumber(thursday).slice(0, 4));
      const week = Math.floor((thursday - isoWeekOneMonday(isoYear)) / 7) + 1;
      return `${isoYear}-W${pad2(week)}`;
    }
    case "slice":
      return sliceOf(date);
  }
}

/** The slice containing a date: the days its ISO week and its half-month have in common. */
function sliceOf(date: string): string {
  const monday = addDays(date, 1 - isoWeekday(date));
  const sunday = addDays(monday, 6);
  const d = parseIsoDate(date)!;
  const hStart = civilDate(d.year, d.month, d.day <= 15 ? 1 : 16);
  const hEnd = civilDate(d.year, d.month, d.day <= 15 ? 15 : daysInMonth(d.year, d.month));
  return `${monday > hStart ? monday : hStart}/${sunday < hEnd ? sunday : hEnd}`;
}

export const halfMonthOf = (date: string) => periodOfDate("halfmonth", date);
export const monthOf = (date: string) => periodOfDate("month", date);
export const quarterOf = (date: string) => periodOfDate("quarter", date);
export const yearOf = (date: string) => periodOfDate("year", date);
export const schoolYearOf = (date: string) => periodOfDate("schoolyear", date);
export const isoWeekOf = (date: string) => periodOfDate("week", date);

/** First day of a period, `YYYY-MM-DD`. */
export function periodStart(period: string): string {
  const p = mustParse(period);
  switch (p.type) {
    case "halfmonth":
      return civilDate(p.year, p.month, p.index === 1 ? 1 : 16);
    case "month":
      return civilDate(p.year, p.month, 1);
    case "quarter":
      return civilDate(p.year, (p.index - 1) * 3 + 1, 1);
    case "year":
      return civilDate(p.year, 1, 1);
    case "schoolyear":
      return civilDate(p.year, 7, 1);
    case "week":
      return fromDayNumber(isoWeekOneMonday(p.year) + (p.index - 1) * 7);
    case "slice":
      return p.days!.first;
  }
}

/** Last day of a period (inclusive), `YYYY-MM-DD`. */
export function periodEnd(period: string): string {
  const p = mustParse(period);
  switch (p.type) {
    case "halfmonth":
      return civilDate(p.year, p.month, p.index === 1 ? 15 : daysInMonth(p.year, p.month));
    case "month":
      return civilDate(p.year, p.month, daysInMonth(p.year, p.month));
    case "quarter":
      return civilDate(p.year, p.index * 3, daysInMonth(p.year, p.index * 3));
    case "year":
      return civilDate(p.year, 12, 31);
    case "schoolyear":
      return civilDate(p.year + 1, 6, 30);
    case "week":
      return addDays(periodStart(period), 6);
    case "slice":
      return p.days!.last;
  }
}

/** The day after a period's last day: the period ends at 00:00 Stockholm time on this date. */
export function periodEndExclusive(period: string): string {
  return addDays(periodEnd(period), 1);
}

/** Whether the civil date lies within the period. */
export function periodContainsDate(period: string, date: string): boolean {
  return periodStart(period) <= date && date <= periodEnd(period);
}

/** Periods sort correctly as strings within one type; this orders them by start (then by end) across types. */
export function comparePeriods(a: string, b: string): number {
  const s = periodStart(a).localeCompare(periodStart(b));
  return s !== 0 ? s : periodEnd(a).localeCompare(periodEnd(b));
}
