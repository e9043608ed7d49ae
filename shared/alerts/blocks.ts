// Reference weeks and the design data of one Farrington fit, as
// surveillance's algo.farrington.data.glm and blocks() build them for a
// series indexed by week number (an sts object without dates).
//
// For the week k under consideration, the reference weeks are k − freq·i for
// i = 1…b. Each gets a window of ±w weeks labelled with level `noPeriods`
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

/**
 * The period factor for every week of a series of length `n` when week `k`
 * is considered; null for weeks outside the windows and blocks.
 */
export function blockFactors(n: number, k: number, b: number, w: number, noPeriods: number, freq: number): (number | null)[] {
  const factors: (number | null)[] = new Array<number | null>(n).fill(null);
  const refs = referenceWeeks(k, b, freq);
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
}

/** The rows of the GLM for week k (1-based) of `observed`; missing counts (NaN) are dropped. */
export function farringtonData(observed: readonly number[], k: number, o: FarringtonDataOptions): FarringtonData {
  const blocks = blockFactors(observed.length, k, o.b, o.w, o.noPeriods, o.freq);
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
