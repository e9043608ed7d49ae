// The numbers of the yearly analysis, made only from published, disclosure-controlled delivery cells: a year's value
// per indicator and area (the published year cell, or the sum of published quarter, month or half-month cells that
// tile the months compared), the same months of the year before, and the months of a trend series. A sum is a number
// only when every part is a published number: one suppressed part makes it `..`, one missing part `saknas`; so the
// report shows nothing that the published cells do not already give away (a sum of published values reveals nothing
// new). A part the delivery has no cell for at all (before the delivery's first period, or a grain it does not
// publish) makes the sum "none": the months are not covered, whatever the other parts say, so a `..` or `saknas`
// always means that the covered months hold a protected or unreported part. Rates and shares (`per1000`, `percent`)
// are not summed: only a published year cell gives their year value. The one rule for a year's value from published
// cells: the yearly analysis and the delivery's sheet "Trygghet och händelser" (shared/workbook/safety-sheet.ts) use it.
import { cellStatus, type DeliveryCell, type PeriodType } from "../protocol/delivery";

/** The months the report compares: January up to `lastMonth` of `year`, against the same months of `year - 1`. */
export interface YearWindow {
  year: number;
  /** 1–12; 12 is the whole year. */
  lastMonth: number;
}

/**
 * The months of `year` every expected partner has reported (from `completeThrough`, e.g. "2026-10-H2"), or null when
 * not even January is complete. A half-reported month does not count.
 */
export function yearWindow(year: number, completeThrough: string | null): YearWindow | null {
  if (!completeThrough) return null;
  const m = /^(\d{4})-(\d{2})-H([12])$/.exec(completeThrough);
  if (!m) return null;
  const y = Number(m[1]);
  if (y > year) return { year, lastMonth: 12 };
  if (y < year) return null;
  const lastMonth = Number(m[2]) - (m[3] === "1" ? 1 : 0);
  return lastMonth >= 1 ? { year, lastMonth } : null;
}

const MONTH_NAMES = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

/** "2026" for a whole year, else "januari–oktober 2026" (or "januari 2026"). */
export function windowText(year: number, lastMonth: number): string {
  if (lastMonth === 12) return String(year);
  return lastMonth === 1 ? `januari ${year}` : `januari–${MONTH_NAMES[lastMonth - 1]} ${year}`;
}

/** A value made of published cells. */
export type YearValue =
  | {
      status: "value";
      value: number;
      /** The published interval, when the value is one published cell that carries it. */
      low?: number;
      high?: number;
      /** How many published cells were summed (1: the cell itself). */
      parts: number;
    }
  | { status: "suppressed" }
  | { status: "missing" }
  /** Nothing published to make it from (the indicator is not published at this level or period). */
  | { status: "none" };

/** The published cells of a report, looked up by indicator, area and period. */
export class PublishedCells {
  private readonly byKey = new Map<string, DeliveryCell>();
  constructor(cells: Iterable<DeliveryCell>) {
    for (const c of cells) this.byKey.set(PublishedCells.key(c.indicator, c.nyko, c.periodType, c.period), c);
  }
  private static key(indicator: string, nyko: string | null, type: PeriodType, period: string): string {
    return `${indicator}|${nyko ?? ""}|${type}|${period}`;
  }
  get(indicator: string, nyko: string | null, type: PeriodType, period: string): DeliveryCell | undefined {
    return this.byKey.get(PublishedCells.key(indicator, nyko, type, period));
  }
}

const pad = (n: number) => String(n).padStart(2, "0");

/** One cell as a value: a published number, `..`, `saknas`, or none. */
function single(c: DeliveryCell | undefined): YearValue {
  if (!c) return { status: "none" };
  const s = cellStatus(c);
  if (s !== "value") return { status: s };
  if (c.value === null) return { status: "none" };
  return { status: "value", value: c.value, parts: 1, ...(c.low !== undefined && c.high !== undefined ? { low: c.low, high: c.high } : {}) };
}

/**
 * The sum of parts: a number when all are numbers; none when any part is none (the parts do not cover the span);
 * else missing before suppressed.
 */
function sum(parts: YearValue[]): YearValue {
  if (parts.length === 0 || parts.some((p) => p.status === "none")) return { status: "none" };
  if (parts.every((p) => p.status === "value")) {
    const values = parts as Extract<YearValue, { status: "value" }>[];
    if (values.length === 1) return values[0];
    return { status: "value", value: values.reduce((a, p) => a + p.value, 0), parts: values.reduce((a, p) => a + p.parts, 0) };
  }
  return { status: parts.some((p) => p.status === "missing") ? "missing" : "suppressed" };
}

/** A unit's own cell when it is a number; else its finer parts when they all are; else what the cell (or parts) say. */
function cellOrParts(own: YearValue, parts: () => YearValue): YearValue {
  if (own.status === "value") return own;
  const finer = parts();
  if (finer.status === "value") return finer;
  return own.status !== "none" ? own : finer;
}

/** A month: its cell, or its two half-months. */
export function monthValue(cells: PublishedCells, indicator: string, nyko: string | null, year: number, month: number): YearValue {
  const p = `${year}-${pad(month)}`;
  return cellOrParts(single(cells.get(indicator, nyko, "month", p)), () =>
    sum([single(cells.get(indicator, nyko, "halfmonth", `${p}-H1`)), single(cells.get(indicator, nyko, "halfmonth", `${p}-H2`))]),
  );
}

/**
 * The value of January–`lastMonth` of `year` for one indicator and area (`nyko` null: the municipality). A whole year
 * is its published year cell when there is one; otherwise (and for part of a year) the published quarters inside the
 * months, with months (or their half-months) for the rest. `summable` false (rates, shares): only the year cell.
 */
export function yearValue(cells: PublishedCells, indicator: string, nyko: string | null, window: YearWindow, summable: boolean): YearValue {
  const { year, lastMonth } = window;
  const own = lastMonth === 12 ? single(cells.get(indicator, nyko, "year", String(year))) : ({ status: "none" } as YearValue);
  if (!summable) return own;
  return cellOrParts(own, () => {
    const parts: YearValue[] = [];
    for (let q = 1; (q - 1) * 3 < lastMonth; q++) {
      const months = [1, 2, 3].map((k) => (q - 1) * 3 + k).filter((m) => m <= lastMonth);
      const byMonths = () => sum(months.map((m) => monthValue(cells, indicator, nyko, year, m)));
      parts.push(months.length === 3 ? cellOrParts(single(cells.get(indicator, nyko, "quarter", `${year}-Q${q}`)), byMonths) : byMonths());
    }
    return sum(parts);
  });
}

/** The months of a trend: January of `from` up to `lastMonth` of `to`, as `YYYY-MM`. */
export function trendMonths(from: number, to: number, lastMonth: number): { year: number; month: number; period: string }[] {
  const out: { year: number; month: number; period: string }[] = [];
  for (let y = from; y <= to; y++) for (let m = 1; m <= (y === to ? lastMonth : 12); m++) out.push({ year: y, month: m, period: `${y}-${pad(m)}` });
  return out;
}
