// The period a record belongs to: an event row by its date (half-month), an aggregate row by its `period` field
// (month `2025-03`, school year `2024/25` or calendar year `2025`).
import { halfMonthOf, parsePeriod, type AnyPeriodType } from "./period";
import { periodsWithin } from "./tree";

/** The fields of a DeidentifiedRecord that place it in time. */
export interface DatedRow {
  date: string | null;
  period: string | null;
}

export interface RecordPeriod {
  type: AnyPeriodType;
  period: string;
}

/** The finest period a record can be placed in, or null when it has neither a date nor a valid period. */
export function recordPeriod(row: DatedRow): RecordPeriod | null {
  if (row.date !== null) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(row.date)) return null;
    return { type: "halfmonth", period: halfMonthOf(row.date) };
  }
  if (row.period === null) return null;
  const p = parsePeriod(row.period);
  if (!p.ok || (p.value.type !== "month" && p.value.type !== "schoolyear" && p.value.type !== "year")) return null;
  return { type: p.value.type, period: row.period };
}

/**
 * The half-months that a set of records covers, in order: an event row's half-month, and every half-month of an
 * aggregate row's month or school year (a monthly submission covers both halves of its month).
 */
export function halfMonthsOf(rows: Iterable<DatedRow>): string[] {
  const seen = new Set<string>();
  const periods = new Set<string>();
  for (const row of rows) {
    const rp = recordPeriod(row);
    if (!rp) continue;
    if (rp.type === "halfmonth") seen.add(rp.period);
    else periods.add(rp.period);
  }
  for (const p of periods) for (const h of periodsWithin(p, "halfmonth")) seen.add(h);
  return [...seen].sort();
}
