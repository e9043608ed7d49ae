// Reference weeks and the design data of one Farrington fit, as
// surveillance's algo.farrington.data.glm and blocks() build them.
//
// For the week k under consideration, the reference weeks are k − freq·i for
// i = 1…b in a series indexed by week number (an sts object without dates).
// In a dated weekly series (epochs given) they are chosen by date, as R does
// for an sts object with epochAsDate: the same calendar date i years back,
// moved to the nearest day with the current week's weekday (so that a year
// with ISO week 53 does not shift the weeks of the year before by one). Each gets a window of ±w weeks labelled with level `noPeriods`
// (as does the current week with its w predecessors). With noPeriods > 1, the
// weeks between two consecutive windows are split into noPeriods − 1 blocks
// of near-equal length labelled 1…noPeriods − 1 (the Noufaily variant). The
// last `pastWeeksNotIncluded` weeks and the current week are left out.

/** A week number that R would treat as an index; 0 is skipped, negative ones are an error. */
function checkIndex(i: number): boolean {
  if (i < 0) throw new Error("Not enough past data for the requested b, w and noPeriods");
  return i > 0;
}

/** R's `from:to` (descending when from > to), 1-based. */
function rSeq(from: number, to: number): number[] {
  const out: number[] = [];
  if (from <= to) for (let i = from; i <= to; i++) out.push(i);
  else for (let i = from; i >= to; i--) out.push(i);
  return out;
}

/** Assigns `value` to the 1-based positions from…to of `vec`, as R's `vec[from:to] <- value`. */
function assign<T>(vec: T[], from: number, to: number, value: T): void {
  const idx = rSeq(from, to);
  if (idx.some((i) => i < 0) && idx.some((i) => i > 0)) {
    throw new Error("Not enough past data for the requested b, w and noPeriods");
  }
  for (const i of idx) if (checkIndex(i)) vec[i - 1] = value;
}

/** The current week and its reference weeks, latest first: k, k − freq, …, k − b·freq. */
export function referenceWeeks(k: number, b: number, freq: number): number[] {
  return Array.from({ length: b + 1 }, (_, i) => k - i * freq);
}

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/**
 * algo.farrington.referencetimepoints for a weekly series with dates: the date `years` years before `date`
 * (seq(…, by = "-1 year"): the same month and day, 29 February becoming 1 March), moved to the closest day with
 * the same weekday as `date`. Returned as a day number (days since 1970-01-01).
 */
export function datedReferenceDay(date: string, years: number): number {
  const [y, m, d] = date.split("-").map(Number);
  const ref = Date.UTC(y - years, m - 1, d) / DAY_MS;
  const weekday = (day: number) => (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; Sunday = 0 as R's %w
  const a = ref - (weekday(ref) - weekday(dayNumber(date)));
  const b = a + (a > ref ? -7 : 7);
  return Math.abs(a - ref) > Math.abs(b - ref) ? b : a;
}

/**
 * The current week and its reference weeks (1-based indices, latest first) of a dated weekly series, as R's blocks()
 * finds them: the positions whose date is one of the reference dates.
 */
export function datedReferenceWeeks(epochs: readonly string[], k: number, b: number): number[] {
  const index = new Map(epochs.map((e, i) => [dayNumber(e), i + 1]));
  const refs = [k];
  for (let i = 1; i <= b; i++) {
    const at = index.get(datedReferenceDay(epochs[k - 1], i));
    if (at === undefined) throw new Error("Some reference values did not exist (index<1).");
    refs.push(at);
  }
  return refs;
}

/**
 * The period factor for every week of a series of length `n` when week `k`
 * is considered; null for weeks outside the windows and blocks. `refs`
 * (the current week and its reference weeks, latest first) defaults to the
 * undated k − freq·i.
 */
export function blockFactors(n: number, k: number, b: number, w: number, noPeriods: number, freq: number, refs: readonly number[] = referenceWeeks(k, b, freq)): (number | null)[] {
  const factors: (number | null)[] = new Array<number | null>(n).fill(null);
  if (refs.some((r) => r < 1)) {
    throw new Error("Some reference time points did not exist; decrease b or postpone the range");
  }
  assign(factors, k - w, k, noPeriods);
  for (let i = 1; i <= b; i++) {
    const refWeek = refs[i];
    assign(factors, refWeek - w, refWeek + w, noPeriods);
    if (noPeriods !== 1) {
      const period = refs[i - 1] - 2 * w - 1 - refWeek;
      if (period < noPeriods - (2 * w + 1)) throw new Error("Number of factors too big");
      const blockLength = Math.floor(period / (noPeriods - 1));
      const rest = period - blockLength * (noPeriods - 1);
      const lengths = new Array<number>(noPeriods - 1).fill(blockLength).map((l, j) => (j < rest ? l + 1 : l));
      let cum = 0;
      for (let j = 1; j <= noPeriods - 1; j++) {
        const from = refWeek + w + 1 + cum;
        cum += lengths[j - 1];
        assign(factors, from, refWeek + w + 1 + cum - 1, j);
      }
    }
  }
  return factors;
}

export interface FarringtonData {
  /** Week numbers (1-based) used as the time covariate. */
  wtime: number[];
  /** Period factor of each row. */
  seasgroups: number[];
  response: number[];
}

export interface FarringtonDataOptions {
  b: number;
  w: number;
  noPeriods: number;
  pastWeeksNotIncluded: number;
  freq: number;
  /** Dates (YYYY-MM-DD) of the weeks, for a dated series: reference weeks by date. */
  epochs?: readonly string[];
}

/** The rows of the GLM for week k (1-based) of `observed`; missing counts (NaN) are dropped. */
export function farringtonData(observed: readonly number[], k: number, o: FarringtonDataOptions): FarringtonData {
  const refs = o.epochs ? datedReferenceWeeks(o.epochs, k, o.b) : referenceWeeks(k, o.b, o.freq);
  const blocks = blockFactors(observed.length, k, o.b, o.w, o.noPeriods, o.freq, refs);
  const used = [...blocks];
  assign(used, k - o.pastWeeksNotIncluded, k, null);
  const data: FarringtonData = { wtime: [], seasgroups: [], response: [] };
  used.forEach((f, i) => {
    if (f === null || !Number.isFinite(observed[i])) return;
    data.wtime.push(i + 1);
    data.seasgroups.push(f);
    data.response.push(observed[i]);
  });
  return data;
}
