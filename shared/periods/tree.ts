// The period tree: half-month ⊂ month ⊂ quarter ⊂ year, and school year (July–June) over months.
// Disclosure control depends on strict nesting: two published period types that do not nest (two-week periods
// and months, or calendar years and school years over the same data) expose the days between them by difference.
import { addDays } from "./civil-date";
import { parsePeriod, periodEnd, periodOfDate, periodStart, type AnyPeriodType, type PeriodResult } from "./period";

/** Types each type nests in (including itself): every period of the key lies inside exactly one period of each. */
const NESTS_IN: Record<AnyPeriodType, readonly AnyPeriodType[]> = {
  slice: ["slice", "week", "halfmonth", "month", "quarter", "year", "schoolyear"],
  halfmonth: ["halfmonth", "month", "quarter", "year", "schoolyear"],
  month: ["month", "quarter", "year", "schoolyear"],
  quarter: ["quarter", "year", "schoolyear"],
  year: ["year"],
  schoolyear: ["schoolyear"],
  week: ["week"],
};

/** The next coarser type in the publication tree. */
const PARENT_TYPE: Record<AnyPeriodType, AnyPeriodType | null> = {
  halfmonth: "month",
  month: "quarter",
  quarter: "year",
  year: null,
  schoolyear: null,
  week: null,
  slice: null,
};

/** The next finer type in the publication tree (a school year is made of months). */
const CHILD_TYPE: Record<AnyPeriodType, AnyPeriodType | null> = {
  halfmonth: null,
  month: "halfmonth",
  quarter: "month",
  year: "quarter",
  schoolyear: "month",
  week: null,
  slice: null,
};

/** Whether every period of type `inner` lies inside a single period of type `outer`. */
export function nests(inner: AnyPeriodType, outer: AnyPeriodType): boolean {
  return NESTS_IN[inner].includes(outer);
}

/**
 * Whether two types can both be published over the same data: one must nest in the other, or one is the week and
 * the other a calendar type (half-month to year). Weeks and the calendar tree do not nest, but the cube then keeps
 * its inner cells per slice (a week cut at the half-month boundaries), which nests in both: every weekly and every
 * calendar cell is a sum of the same inner cells, so the one cover model holds the slivers between them and the
 * audit bounds them. School years stay apart (their indicators publish school years alone).
 */
export function nestingCompatible(a: AnyPeriodType, b: AnyPeriodType): boolean {
  if (nests(a, b) || nests(b, a)) return true;
  const calendar = (t: AnyPeriodType) => t === "halfmonth" || t === "month" || t === "quarter" || t === "year";
  return (a === "week" && calendar(b)) || (b === "week" && calendar(a));
}

/** Orders types finest first (by the nesting relation; ties keep their order). */
export function sortFinestFirst<T extends AnyPeriodType>(types: readonly T[]): T[] {
  // A week (7 days) is finer than a half-month though neither nests in the other.
  const rank = (t: AnyPeriodType) => (t === "week" ? 5.5 : NESTS_IN[t].length);
  return [...types].sort((a, b) => rank(b) - rank(a));
}

/** Checks that every pair of period types nests, so the set can be published over the same data. */
export function checkNestingPeriodTypes(types: readonly AnyPeriodType[]): PeriodResult<AnyPeriodType[]> {
  const issues: string[] = [];
  const unique = [...new Set(types)];
  for (let i = 0; i < unique.length; i++)
    for (let j = i + 1; j < unique.length; j++)
      if (!nestingCompatible(unique[i], unique[j]))
        issues.push(
          `Periodtyperna ${unique[i]} och ${unique[j]} nästlar inte i varandra och kan inte båda publiceras: skillnaden mellan dem röjer dagarna däremellan.`,
        );
  return issues.length === 0 ? { ok: true, value: sortFinestFirst(unique) } : { ok: false, issues };
}

/** Throws when the period types do not all nest (a guard at the edge, before anything is published). */
export function assertNestingPeriodTypes(types: readonly AnyPeriodType[]): void {
  const r = checkNestingPeriodTypes(types);
  if (!r.ok) throw new Error(r.issues.join(" "));
}

function typeOf(period: string): AnyPeriodType {
  const r = parsePeriod(period);
  if (!r.ok) throw new Error(r.issues.join(" "));
  return r.value.type;
}

/** The period of type `outer` that contains `period`, or null when its type does not nest in `outer`. */
export function containingPeriod(period: string, outer: AnyPeriodType): string | null {
  if (!nests(typeOf(period), outer)) return null;
  return periodOfDate(outer, periodStart(period));
}

/** The parent in the publication tree (half-month → month → quarter → year); null for a year, school year or week. */
export function parentPeriod(period: string): string | null {
  const parent = PARENT_TYPE[typeOf(period)];
  return parent ? containingPeriod(period, parent) : null;
}

/** The periods of type `type` overlapping the civil dates `from`..`to` (inclusive), in order. */
export function periodsBetween(type: AnyPeriodType, from: string, to: string): string[] {
  const out: string[] = [];
  if (from > to) return out;
  let p = periodOfDate(type, from);
  for (;;) {
    out.push(p);
    const next = addDays(periodEnd(p), 1);
    if (next > to) return out;
    p = periodOfDate(type, next);
  }
}

/** The periods of type `inner` that make up `period`; empty when `inner` does not nest in its type. */
export function periodsWithin(period: string, inner: AnyPeriodType): string[] {
  if (!nests(inner, typeOf(period))) return [];
  return periodsBetween(inner, periodStart(period), periodEnd(period));
}

/** The children in the tree: year → quarters, quarter → months, school year → months, month → half-months. */
export function childPeriods(period: string): string[] {
  const child = CHILD_TYPE[typeOf(period)];
  return child ? periodsWithin(period, child) : [];
}

/** The half-months overlapping `from`..`to`. */
export function halfMonthsBetween(from: string, to: string): string[] {
  return periodsBetween("halfmonth", from, to);
}

/** The chain of ancestors of a period in the publication tree, nearest first. */
export function ancestorPeriods(period: string): string[] {
  const out: string[] = [];
  for (let p = parentPeriod(period); p !== null; p = parentPeriod(p)) out.push(p);
  return out;
}
