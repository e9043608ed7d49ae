// Weekly alerts for one series (one indicator in one area): EARS C1–C3 while
// the history is shorter than two years, the improved Farrington method
// (Noufaily settings) once two years exist.

import { earsC, type EarsMethod } from "./ears";
import { farringtonFlexible, type FarringtonOptions } from "./farrington";

export type AlertMethodKind = "none" | "ears" | "farrington";

export interface AlertMethodChoice {
  kind: AlertMethodKind;
  /** Years back for Farrington (2 or 3 with the defaults). */
  b?: number;
}

/** The Farrington settings of Noufaily et al. (2013), as in the reference. */
export const NOUFAILY_SETTINGS = {
  w: 3,
  noPeriods: 10,
  weightsThreshold: 2.58,
  pastWeeksNotIncluded: 26,
  pThresholdTrend: 0.05,
  trend: true,
  thresholdMethod: "delta",
  alpha: 0.01,
  powertrans: "2/3",
  limit54: [5, 4],
} as const satisfies FarringtonOptions;

export interface SeriesAlertOptions {
  /** Weeks per year, default 52. */
  frequency?: number;
  /** EARS methods used while the history is short; an alarm from any counts. Default C1, C2, C3. */
  earsMethods?: readonly EarsMethod[];
  /**
   * EARS minSigma, default 0 as in R. With 0, a sparse series whose baseline
   * weeks are all zero alarms on any single case; 0.5–1 avoids that.
   */
  earsMinSigma?: number;
  /** Farrington settings; default NOUFAILY_SETTINGS. `b` is capped by the history. */
  farrington?: Omit<FarringtonOptions, "range" | "frequency" | "b">;
  /** Largest number of years back for Farrington, default 3. */
  maxYearsBack?: number;
  /** 1-based weeks to evaluate, default all. */
  range?: readonly [number, number];
}

export interface WeekAlert {
  /** 1-based week index in the series. */
  week: number;
  method: AlertMethodKind;
  /** Null where the method gives no verdict (too little history, or R's NA). */
  alarm: boolean | null;
  /** The count above which the week alarms (for EARS the lowest bound of the methods used). */
  upperbound: number | null;
  /** Farrington's predicted count (null for EARS). */
  expected: number | null;
  /** EARS detail per method. */
  ears?: Partial<Record<EarsMethod, { upperbound: number | null; alarm: boolean | null }>>;
}

const EARS_LAGS: Record<EarsMethod, number> = { C1: 7, C2: 9, C3: 11 };

/**
 * Which method to use for a week preceded by `historyWeeks` weeks of data:
 * Farrington once there are two years plus its half-window (so that b = 2
 * reference windows fit), EARS while there is at least the C1 baseline,
 * otherwise none.
 */
export function chooseAlertMethod(
  historyWeeks: number,
  options: { frequency?: number; w?: number; maxYearsBack?: number } = {},
): AlertMethodChoice {
  const frequency = options.frequency ?? 52;
  const w = options.w ?? NOUFAILY_SETTINGS.w;
  const maxYearsBack = options.maxYearsBack ?? 3;
  const years = Math.floor((historyWeeks - w) / frequency);
  if (years >= 2) return { kind: "farrington", b: Math.min(years, maxYearsBack) };
  if (historyWeeks >= EARS_LAGS.C1) return { kind: "ears" };
  return { kind: "none" };
}

function earsWeek(observed: readonly number[], week: number, methods: readonly EarsMethod[], minSigma: number): WeekAlert {
  const detail: WeekAlert["ears"] = {};
  const bounds: number[] = [];
  let alarm: boolean | null = null;
  for (const method of methods) {
    if (week - 1 < EARS_LAGS[method]) continue;
    const r = earsC(observed, { method, minSigma, range: [week, week] });
    detail[method] = { upperbound: r.upperbound[0], alarm: r.alarm[0] };
    if (r.upperbound[0] !== null) bounds.push(r.upperbound[0]);
    if (r.alarm[0] !== null) alarm = (alarm ?? false) || r.alarm[0];
  }
  return {
    week,
    method: "ears",
    alarm,
    upperbound: bounds.length > 0 ? Math.min(...bounds) : null,
    expected: null,
    ears: detail,
  };
}

/** Alerts for each week of `observed` (weekly counts, oldest first). */
export function alertsForSeries(observed: readonly number[], options: SeriesAlertOptions = {}): WeekAlert[] {
  const frequency = options.frequency ?? 52;
  const earsMethods = options.earsMethods ?? ["C1", "C2", "C3"];
  const settings = { ...NOUFAILY_SETTINGS, ...options.farrington };
  const [start, end] = options.range ?? [1, observed.length];
  const out: WeekAlert[] = [];
  let week = start;
  while (week <= end) {
    const choice = chooseAlertMethod(week - 1, { frequency, w: settings.w, maxYearsBack: options.maxYearsBack });
    if (choice.kind === "none") {
      out.push({ week, method: "none", alarm: null, upperbound: null, expected: null });
      week++;
    } else if (choice.kind === "ears") {
      out.push(earsWeek(observed, week, earsMethods, options.earsMinSigma ?? 0));
      week++;
    } else {
      // One Farrington call for the run of weeks that share the same b.
      let last = week;
      while (last < end && chooseAlertMethod(last, { frequency, w: settings.w, maxYearsBack: options.maxYearsBack }).b === choice.b) {
        last++;
      }
      const r = farringtonFlexible(observed, {
        ...settings,
        b: choice.b,
        frequency,
        range: [week, last],
        skipWeeksWithoutEnoughCases: true,
      });
      for (let i = 0; i <= last - week; i++) {
        out.push({
          week: week + i,
          method: "farrington",
          alarm: r.alarm[i],
          upperbound: r.upperbound[i],
          expected: r.expected[i],
        });
      }
      week = last + 1;
    }
  }
  return out;
}
