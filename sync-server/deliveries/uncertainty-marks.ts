// Intervals, "osäker" marks and change marks on a reader's delivery cells (issue 15 §1). Every figure is computed from
// the value the reader is sent and a base that is public (the population register) or modelled as published by the
// round's disclosure control (a submitted denominator summed over time: its own cell in the cover model). Suppressed
// and missing cells get nothing; a rate whose denominator is not public (a mean headcount) gets no interval, since the
// interval would tell its denominator.
import type { Cube, IndicatorCube } from "../../shared/indicators/cube";
import { FACTOR_MULTIPLIER } from "../../shared/indicators/schema";
import { addDays } from "../../shared/periods/civil-date";
import { isoWeeksInYear, periodOfDate, periodStart } from "../../shared/periods/period";
import { cellStatus, type DeliveryCell } from "../../shared/protocol/delivery";
import { cellUncertainty, changeMark, type CellBase, type UncertaintyOptions } from "../../shared/stats/cell-uncertainty";

/** The base of a cube cell's value, or null when its value may not carry an interval. */
export function cellBase(ic: IndicatorCube, denominator: number | null): CellBase | null {
  const d = ic.definition.denominator;
  if (d === undefined) return { kind: "count" };
  if (d.kind === "measure" && d.overTime !== "sum") return null;
  if (denominator === null || !(denominator > 0)) return null;
  const factor = FACTOR_MULTIPLIER[ic.definition.factor];
  return ic.definition.factor === "percent" ? { kind: "share", n: denominator, factor } : { kind: "rate", exposure: denominator, factor };
}

/** The period of the same type just before `period`. */
export function previousPeriod(period: string, type: DeliveryCell["periodType"]): string {
  return periodOfDate(type, addDays(periodStart(period), -1));
}

/** The period of the same type a year before `period`. */
export function lastYearPeriod(period: string, type: DeliveryCell["periodType"]): string {
  if (type === "week") {
    // The same ISO week number a year before (week 53 → 52 in a year without one).
    const year = Number(period.slice(0, 4)) - 1;
    const week = Math.min(Number(period.slice(6)), isoWeeksInYear(year));
    return `${year}-W${String(week).padStart(2, "0")}`;
  }
  const start = periodStart(period);
  return periodOfDate(type, `${String(Number(start.slice(0, 4)) - 1).padStart(4, "0")}${start.slice(4)}`);
}

const keyOf = (c: Pick<DeliveryCell, "indicator" | "periodType" | "nyko" | "period">): string => `${c.indicator}|${c.periodType}|${c.nyko ?? ""}|${c.period}`;

/**
 * Returns the cells with `low`, `high` and `uncertain` on every published value that can carry them, and `change`
 * on the latest published period of each indicator and period type (against the previous period and the same
 * period a year before, when both are published in the same delivery).
 */
export function uncertaintyMarks(cells: readonly DeliveryCell[], cube: Cube, options: UncertaintyOptions): DeliveryCell[] {
  const bases = new Map<string, CellBase | null>();
  const baseOf = (c: DeliveryCell): CellBase | null => {
    const k = keyOf(c);
    if (bases.has(k)) return bases.get(k)!;
    const ic = cube.get(c.indicator);
    const at = ic ? ic.cellIndex(c.nyko, c.periodType, c.period) : -1;
    const base = ic && at >= 0 ? cellBase(ic, ic.cells[at].denominator) : null;
    bases.set(k, base);
    return base;
  };
  const published = (c: DeliveryCell | undefined): c is DeliveryCell & { value: number } => c !== undefined && cellStatus(c) === "value" && c.value !== null;
  const byKey = new Map<string, DeliveryCell>();
  const latest = new Map<string, string>();
  for (const c of cells) {
    byKey.set(keyOf(c), c);
    if (!published(c)) continue;
    const k = `${c.indicator}|${c.periodType}`;
    const seen = latest.get(k);
    if (seen === undefined || c.period > seen) latest.set(k, c.period);
  }
  return cells.map((c) => {
    const { low: _l, high: _h, uncertain: _u, change: _c, ...rest } = c;
    const out: DeliveryCell = rest;
    if (!published(c)) return out;
    const base = baseOf(c);
    if (!base) return out;
    const u = cellUncertainty(c.value, base, options);
    if (u) Object.assign(out, u);
    if (latest.get(`${c.indicator}|${c.periodType}`) !== c.period) return out;
    const against = (period: string) => {
      const other = byKey.get(keyOf({ ...c, period }));
      if (!published(other)) return undefined;
      const otherBase = baseOf(other);
      return otherBase ? changeMark({ value: other.value, base: otherBase }, { value: c.value, base }, options.level) ?? undefined : undefined;
    };
    const previous = against(previousPeriod(c.period, c.periodType));
    const lastYear = c.periodType === "year" || c.periodType === "schoolyear" ? undefined : against(lastYearPeriod(c.period, c.periodType));
    if (previous || lastYear) out.change = { ...(previous ? { previous } : {}), ...(lastYear ? { lastYear } : {}) };
    return out;
  });
}
