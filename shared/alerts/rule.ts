// The product's alarm rule for one series of counts (one indicator in one area), built on the R-reproducing EARS
// and Farrington functions. Per period it gives the expected count, how unusual the observed count is (an exact
// count-based tail probability) and whether it alarms.
//
// - Expected count and its variance:
//   * once a year of history (plus the half-window) exists: farringtonFlexible (Noufaily settings, b = the years
//     available up to 3) with the power transformation "none", so that its bound is mean + z·sqrt(variance) and
//     the predictive variance mu0·(phi + se²/mu0) can be read back from it. Seasonal by construction (the same
//     weeks of past years), a trend only with three years, past outbreaks down-weighted;
//   * before that: the EARS baseline (7 periods: C1's right before the current one while the history is short, C2's
//     with a gap of two once there is room) with a Jeffreys floor for all-zero baselines, the variance
//     max(sd², mean) inflated by the estimation error of the mean (no minSigma is needed: the variance of a count is
//     at least its mean, and fewer than minCount cases never alarm).
// - How unusual: P(Y ≥ observed) under a negative binomial (Poisson when not overdispersed) with that mean and
//   variance: exact for the small counts of small areas, where normal approximations alarm far too often.
// - Alarm (multiplicity and persistence): the period alone is very unusual (p < alpha, a level sized for thousands of
//   area × period cells), or the period and the ones right before it together are: the last 2 periods, and for
//   weekly series also the last 3 and 4 weeks (a scan over up to 4 weeks, so that a sparse series that stays at two
//   or three times its level for a few weeks adds up to a clear signal although no week alone is one). The windows
//   share persistenceAlpha (Bonferroni: each is judged at persistenceAlpha / (number of windows)), so scanning more
//   windows does not raise the false-alarm rate. In both cases with at least `minCount` cases and at least `minRatio` times the expected count (for the
//   window: the window's sum against its expected sum). Fewer cases or a smaller rise never alarm.

import { countThreshold, countUpperTail } from "./counts";
import { meanAndSd } from "./ears";
import { farringtonFlexible } from "./farrington";
import { NOUFAILY_SETTINGS } from "./series";
import { qnorm } from "./stats";

export interface AlarmRuleOptions {
  /** Periods per year: 52 for ISO weeks, 24 for half-months. */
  frequency: number;
  /**
   * First day (YYYY-MM-DD) of each period, for a dated weekly series: Farrington's reference weeks are then chosen by
   * date (the same weekday nearest one year back), as R's surveillance does for a date-indexed series.
   */
  dates?: readonly string[];
  /** One-sided level for a single period, default ALARM_RULE.alpha. */
  alpha?: number;
  /**
   * One-sided level for consecutive periods together, default ALARM_RULE.persistenceAlpha; shared by the windows of
   * 2 … maxWindow periods (each judged at persistenceAlpha / (maxWindow − 1)).
   */
  persistenceAlpha?: number;
  /** Longest window of consecutive periods judged together, default persistenceWindow(frequency). */
  maxWindow?: number;
  /** Fewest cases in the period that can alarm, default ALARM_RULE.minCount. */
  minCount?: number;
  /** Smallest ratio observed / expected that can alarm, default ALARM_RULE.minRatio. */
  minRatio?: number;
  /** 1-based, inclusive periods to judge; default all. Earlier periods still serve as history. */
  range?: readonly [number, number];
}

/** The product's settings (measured in the alerts benchmark on synthetic municipalities). */
export const ALARM_RULE = { alpha: 0.001, persistenceAlpha: 0.005, minCount: 3, minRatio: 1.5 } as const;

export interface AlarmVerdict {
  /** 1-based period index in the series. */
  index: number;
  /** "C1"/"C2": the EARS baseline window used (C2 leaves a gap of two periods once there is room for it). */
  method: "C1" | "C2" | "farrington";
  observed: number;
  expected: number;
  variance: number;
  /** The smallest count that alarms on its own in this period. */
  threshold: number;
  /** P(Y ≥ observed) under the expected distribution. */
  pValue: number;
  /**
   * The smallest P(sum ≥ observed sum) over the windows of the last 2 … maxWindow periods (current included) whose
   * periods all have a baseline; null when the previous period has none.
   */
  persistencePValue: number | null;
  /** The number of periods (2 … maxWindow) of that window, null when there is none. */
  persistenceWindow: number | null;
  alarm: boolean;
  /** Why it alarms: the period alone, or it together with the previous one. */
  reason: "single" | "persistent" | null;
}

/**
 * The longest window of consecutive periods judged together: 4 weeks for weekly series, 2 periods otherwise (two
 * half-months already span a month, and an escalation is to be flagged within two half-months of its start).
 */
export function persistenceWindow(frequency: number): number {
  return frequency === 52 ? 4 : 2;
}

/** EARS baseline: 7 periods; C1 right before the current one while the history is short, C2 (a gap of two) after. */
const EARS_BASELINE = 7;
const EARS_GAP = 2;

/** Farrington settings per frequency: ±w periods around the same time of past years, the recent half-year left out. */
export function farringtonSettings(frequency: number): { w: number; pastWeeksNotIncluded: number; noPeriods: number } {
  if (frequency === 52) return { w: NOUFAILY_SETTINGS.w, pastWeeksNotIncluded: NOUFAILY_SETTINGS.pastWeeksNotIncluded, noPeriods: NOUFAILY_SETTINGS.noPeriods };
  return { w: Math.max(1, Math.round((NOUFAILY_SETTINGS.w * frequency) / 52)), pastWeeksNotIncluded: Math.round((26 * frequency) / 52), noPeriods: NOUFAILY_SETTINGS.noPeriods };
}

/** Years of reference available for period t (1-based): the windows t − y·freq ± w must lie in the series. */
function yearsBack(t: number, frequency: number, w: number, dated: boolean): number {
  // A dated reference can lie one period further back (53 weeks), so keep one period spare.
  const spare = dated ? 1 : 0;
  return Math.min(3, Math.floor((t - 1 - w - spare) / frequency));
}

interface Baseline {
  method: AlarmVerdict["method"];
  expected: number;
  variance: number;
}

function earsBaseline(counts: readonly number[], t: number): Baseline | null {
  const history = t - 1;
  if (history < EARS_BASELINE) return null;
  const gap = Math.min(EARS_GAP, history - EARS_BASELINE);
  const window = counts.slice(history - gap - EARS_BASELINE, history - gap);
  const { mean, sd } = meanAndSd(window);
  // Jeffreys: a baseline of zeros still means a small positive rate.
  const expected = Math.max(mean, 0.5 / EARS_BASELINE);
  const variance = Math.max(sd * sd, expected) * (1 + 1 / EARS_BASELINE);
  return { method: gap === EARS_GAP ? "C2" : "C1", expected, variance };
}

const FARRINGTON_ALPHA = 0.05;

/** The screen before a Farrington fit: a period this ordinary against the recent weeks is not fitted. */
export const SCREEN_ALPHA = 0.05;

/** The screen for the persistence test: the period and the ones before it together against the recent weeks. */
function persistentScreen(counts: readonly number[], t: number, maxWindow: number): boolean {
  let y = 0, mu = 0, v = 0;
  for (let k = 1; k <= maxWindow && t - k + 1 >= 1; k++) {
    const b = earsBaseline(counts, t - k + 1);
    if (!b) return false;
    y += counts[t - k];
    mu += b.expected;
    v += b.variance;
    if (k >= 2 && countUpperTail(y, mu, v) < SCREEN_ALPHA) return true;
  }
  return false;
}

/** Farrington's expected counts and predictive variances for periods from…to (all with the same b). */
function farringtonBaselines(counts: readonly number[], from: number, to: number, b: number, o: AlarmRuleOptions): (Baseline | null)[] {
  const s = farringtonSettings(o.frequency);
  const r = farringtonFlexible(counts, {
    ...NOUFAILY_SETTINGS,
    ...s,
    b,
    frequency: o.frequency,
    epochs: o.dates,
    powertrans: "none",
    alpha: FARRINGTON_ALPHA,
    limit54: [0, 4],
    range: [from, to],
  });
  const z = qnorm(1 - FARRINGTON_ALPHA);
  return r.expected.map((mu, i) => {
    const u = r.upperbound[i];
    if (mu === null || u === null || !(mu > 0) || !Number.isFinite(u)) return null;
    const sd = (u - mu) / z;
    return { method: "farrington", expected: mu, variance: Math.max(sd * sd, mu) };
  });
}

/**
 * Baselines for the periods from…to. Farrington is fitted only where `fit` says so (a period that could alarm, or
 * the one before it); the others get the cheap EARS baseline, which is only shown, never alarmed on.
 */
function baselines(counts: readonly number[], from: number, to: number, o: AlarmRuleOptions, fit: (t: number) => boolean): (Baseline | null)[] {
  const w = farringtonSettings(o.frequency).w;
  const dated = o.dates !== undefined;
  const out: (Baseline | null)[] = [];
  let t = from;
  while (t <= to) {
    const b = yearsBack(t, o.frequency, w, dated);
    if (b < 1 || !fit(t)) {
      out.push(earsBaseline(counts, t));
      t++;
      continue;
    }
    let last = t;
    while (last < to && fit(last + 1) && yearsBack(last + 1, o.frequency, w, dated) === b) last++;
    const fitted = farringtonBaselines(counts, t, last, b, o);
    fitted.forEach((f, i) => out.push(f ?? earsBaseline(counts, t + i)));
    t = last + 1;
  }
  return out;
}

/** The rule's verdict for every judged period that has a baseline. */
export function alarmVerdicts(counts: readonly number[], options: AlarmRuleOptions): AlarmVerdict[] {
  const alpha = options.alpha ?? ALARM_RULE.alpha;
  const persistenceAlpha = options.persistenceAlpha ?? ALARM_RULE.persistenceAlpha;
  const minCount = options.minCount ?? ALARM_RULE.minCount;
  const minRatio = options.minRatio ?? ALARM_RULE.minRatio;
  const maxWindow = Math.max(1, options.maxWindow ?? persistenceWindow(options.frequency));
  const windowAlpha = persistenceAlpha / Math.max(1, maxWindow - 1);
  if (options.dates && options.dates.length !== counts.length) throw new Error("One date per period is needed");
  const [start, end] = options.range ?? [1, counts.length];
  if (end < start || counts.length === 0) return [];
  // The periods before the range too, for the persistence test of the first judged periods.
  const from = Math.max(1, start - (maxWindow - 1));
  // Fewer than minCount cases never alarm, nor does a period that is ordinary against the recent weeks (the cheap
  // EARS baseline, P ≥ SCREEN_ALPHA, alone and in every window): Farrington is fitted only for periods that pass
  // this screen, and the periods of their windows (for the persistence test).
  const couldAlarm = (t: number) => {
    if (t < start || t > end || counts[t - 1] < minCount) return false;
    const recent = earsBaseline(counts, t);
    return recent === null || countUpperTail(counts[t - 1], recent.expected, recent.variance) < SCREEN_ALPHA || persistentScreen(counts, t, maxWindow);
  };
  const fit = (t: number) => {
    for (let j = 0; j < maxWindow; j++) if (couldAlarm(t + j)) return true;
    return false;
  };
  const base = baselines(counts, from, end, options, fit);
  const out: AlarmVerdict[] = [];
  for (let t = start; t <= end; t++) {
    const cur = base[t - from];
    if (!cur) continue;
    const y = counts[t - 1];
    const pValue = countUpperTail(y, cur.expected, cur.variance);
    // Windows of the last k = 2 … maxWindow periods: the smallest P among those that rise enough (the sum at least
    // minRatio times its expected sum), else the smallest P among all.
    let persistencePValue: number | null = null;
    let persistenceWindowLength: number | null = null;
    let risingP: number | null = null;
    let risingK: number | null = null;
    let ySum = y, muSum = cur.expected, vSum = cur.variance;
    for (let k = 2; k <= maxWindow; k++) {
      const b = t - k + 1 >= from ? base[t - k + 1 - from] : null;
      if (!b) break;
      ySum += counts[t - k];
      muSum += b.expected;
      vSum += b.variance;
      const p = countUpperTail(ySum, muSum, vSum);
      if (persistencePValue === null || p < persistencePValue) [persistencePValue, persistenceWindowLength] = [p, k];
      if (ySum >= minRatio * muSum && (risingP === null || p < risingP)) [risingP, risingK] = [p, k];
    }
    const worthReading = y >= minCount && y >= minRatio * cur.expected;
    const single = worthReading && pValue < alpha;
    const persistent = worthReading && y > cur.expected && risingP !== null && risingP < windowAlpha;
    if (persistent) [persistencePValue, persistenceWindowLength] = [risingP, risingK];
    out.push({
      index: t,
      method: cur.method,
      observed: y,
      expected: cur.expected,
      variance: cur.variance,
      threshold: Math.max(minCount, Math.ceil(minRatio * cur.expected), countThreshold(alpha, cur.expected, cur.variance)),
      pValue,
      persistencePValue,
      persistenceWindow: persistenceWindowLength,
      alarm: single || persistent,
      reason: single ? "single" : persistent ? "persistent" : null,
    });
  }
  return out;
}
