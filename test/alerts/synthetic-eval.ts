// How the product's alarm rule fares on synthetic municipalities, at NYKO-3 × half-month: the share of cells outside
// the planted escalations that carry an alarm, and which planted escalations are flagged within two half-months of
// their start. Two paths: the subscribers' marks (the rule on the half-month series) and the huvudman's weekly table
// (the rule on the dated ISO-week series; a week's alarm is carried by the half-month holding its Thursday).
import { addDays } from "../../shared/periods/civil-date";
import { periodOfDate, periodStart } from "../../shared/periods/period";
import { alarmVerdicts, persistenceWindow, type AlarmRuleOptions } from "../../shared/alerts/rule";
import { HALF_MONTHS_PER_YEAR } from "../../sync-server/alerts/marks";
import { aggregate, periodGrid, type Escalation, type SyntheticMunicipality } from "./synthetic";

const minDate = (a: string, b: string) => (a < b ? a : b);

export type AlarmPath = "halfmonth" | "weekly";

export interface IndicatorFigures {
  indicator: string;
  /** Judged half-month cells outside the escalations, and those of them with an alarm. */
  quietCells: number;
  quietAlarms: number;
  /** Planted escalations of at least twice the baseline lasting two weeks or more, and those flagged in time. */
  goalEscalations: number;
  goalFlagged: number;
  /** Every judged escalation with whether it was flagged in time. */
  escalations: { escalation: Escalation; flagged: boolean }[];
}

/** Half-month cells (indices) an escalation touches. */
function touched(halfIndexOf: (date: string) => number, e: Escalation): number[] {
  const first = halfIndexOf(e.from);
  const last = halfIndexOf(addDays(e.from, e.days - 1));
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** In time: an alarm in the half-month where the escalation starts or the next one. */
export const FLAG_WITHIN_HALF_MONTHS = 2;

/** `rule`: settings other than the product's (to compare variants); the product's by default. */
export function evaluate(m: SyntheticMunicipality, path: AlarmPath, rule: Omit<AlarmRuleOptions, "frequency" | "dates" | "range"> = {}): IndicatorFigures[] {
  const halves = periodGrid(m, "halfmonth");
  const weeks = path === "weekly" ? periodGrid(m, "week") : null;
  const halfIndex = new Map(halves.periods.map((p, i) => [p, i]));
  const halfIndexOf = (date: string) => halfIndex.get(periodOfDate("halfmonth", date))!;
  // The half-month that carries each week's verdict: the one holding its Thursday.
  const lastDay = addDays(m.start, m.days - 1);
  const weekToHalf = weeks ? weeks.periods.map((w) => halfIndexOf(minDate(addDays(periodStart(w), 3), lastDay))) : null;
  const byIndicator = new Map<string, IndicatorFigures>();
  for (const s of m.series) {
    let fig = byIndicator.get(s.indicator);
    if (!fig) byIndicator.set(s.indicator, (fig = { indicator: s.indicator, quietCells: 0, quietAlarms: 0, goalEscalations: 0, goalFlagged: 0, escalations: [] }));
    // Judged and alarmed half-month cells of this series.
    const judged = new Set<number>();
    const alarmed = new Set<number>();
    if (weeks && weekToHalf) {
      const counts = aggregate(weeks, s.daily);
      for (const v of alarmVerdicts(counts, { ...rule, frequency: 52, dates: weeks.firstDays })) {
        const h = weekToHalf[v.index - 1];
        judged.add(h);
        if (v.alarm) alarmed.add(h);
      }
    } else {
      const counts = aggregate(halves, s.daily);
      for (const v of alarmVerdicts(counts, { ...rule, frequency: HALF_MONTHS_PER_YEAR })) {
        judged.add(v.index - 1);
        if (v.alarm) alarmed.add(v.index - 1);
      }
    }
    const mine = m.escalations.filter((e) => e.indicator === s.indicator && e.area === s.area);
    // Outside: not touched by an escalation, nor the half-month right after one, nor one holding a week whose
    // persistence window still reaches into the escalation (up to 3 weeks after it on the weekly path).
    const tail = 7 * ((rule.maxWindow ?? persistenceWindow(weeks ? 52 : HALF_MONTHS_PER_YEAR)) - 1);
    const excluded = new Set<number>();
    for (const e of mine) {
      for (const h of touched(halfIndexOf, e)) excluded.add(h).add(h + 1);
      if (weeks) for (const h of touched(halfIndexOf, { ...e, days: e.days + tail })) excluded.add(h);
    }
    for (const h of judged) {
      if (excluded.has(h)) continue;
      fig.quietCells++;
      if (alarmed.has(h)) fig.quietAlarms++;
    }
    for (const e of mine) {
      const first = halfIndexOf(e.from);
      if (!judged.has(first)) continue;
      let flagged = false;
      for (let h = first; h < first + FLAG_WITHIN_HALF_MONTHS; h++) if (alarmed.has(h)) flagged = true;
      fig.escalations.push({ escalation: e, flagged });
      if (e.factor >= 2 && e.days >= 14) {
        fig.goalEscalations++;
        if (flagged) fig.goalFlagged++;
      }
    }
  }
  return [...byIndicator.values()];
}
