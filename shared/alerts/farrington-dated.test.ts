import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { datedReferenceDay, datedReferenceWeeks } from "./blocks";
import { farringtonFlexible } from "./farrington";

// R's farringtonFlexible on a dated weekly sts (epochAsDate = TRUE), written by test/fixtures/alerts/dated-farrington.R.
interface DatedReference {
  surveillance: string;
  settings: { w: number; noPeriods: number; weightsThreshold: number; pastWeeksNotIncluded: number; pThresholdTrend: number; trend: boolean; alpha: number; powertrans: "2/3"; limit54: [number, number]; frequency: number };
  epochs: string[];
  observed: number[];
  runs: { b: number; range: [number, number]; expected: (number | null)[]; upperbound: (number | null)[]; alarm: (boolean | null)[] }[];
}
const reference = JSON.parse(readFileSync(new URL("../../test/fixtures/alerts/dated-farrington.json", import.meta.url), "utf8")) as DatedReference;

const day = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

describe("reference weeks of a dated weekly series", () => {
  it("takes the week holding the same date a year back, not the week with the same ISO number", () => {
    // 2027-W01 starts on Monday 2027-01-04; a year back is 2026-01-04 (a Sunday): the nearest Monday is 2026-01-05,
    // in 2026-W02. Matching by week number (2026-W01) would compare with a week shifted by one, because 2026 has W53.
    expect(day(datedReferenceDay("2027-01-04", 1))).toBe("2026-01-05");
    const epochs = Array.from({ length: 200 }, (_, i) => day(Date.UTC(2024, 0, 1) / 86_400_000 + 7 * i)); // 2024-W01…
    const k = epochs.indexOf("2027-01-04") + 1;
    expect(datedReferenceWeeks(epochs, k, 1)).toEqual([k, epochs.indexOf("2026-01-05") + 1]);
    // Three years back the calendar has drifted by more than three days from 3·52 weeks: R takes 157 weeks.
    expect(datedReferenceWeeks(epochs, k, 3)[3]).toBe(k - 157);
    // A 29 February is taken as 1 March of the year before, then moved to the nearest same weekday.
    expect(day(datedReferenceDay("2028-02-29", 1))).toBe("2027-03-02");
  });

  it("refuses a reference week before the series", () => {
    const epochs = Array.from({ length: 40 }, (_, i) => day(Date.UTC(2026, 0, 5) / 86_400_000 + 7 * i));
    expect(() => datedReferenceWeeks(epochs, 40, 1)).toThrow(/reference values did not exist/);
  });
});

describe("farringtonFlexible on a dated series reproduces R", () => {
  it(`was computed by surveillance ${reference.surveillance} over weeks after a 53-week year`, () => {
    const last = reference.epochs.at(-1)!;
    expect(last > "2027-01-04").toBe(true);
    expect(reference.epochs.includes("2026-12-28")).toBe(true); // 2026-W53
  });
  for (const run of reference.runs) {
    it(`b = ${run.b}`, () => {
      const s = reference.settings;
      const options = { ...s, b: run.b, range: run.range } as const;
      const dated = farringtonFlexible(reference.observed, { ...options, epochs: reference.epochs });
      expect(dated.alarm).toEqual(run.alarm);
      run.expected.forEach((e, i) => {
        if (e === null) expect(dated.expected[i]).toBeNull();
        else expect(Math.abs(dated.expected[i]! - e) / e).toBeLessThan(1e-8);
      });
      run.upperbound.forEach((u, i) => {
        if (u === null) expect(dated.upperbound[i]).toBeNull();
        else expect(Math.abs(dated.upperbound[i]! - u) / u).toBeLessThan(1e-8);
      });
      // Indexed by week number instead (k − 52·i), the three-year reference misses R's for some weeks.
      const undated = farringtonFlexible(reference.observed, options);
      const differs = run.upperbound.some((u, i) => u !== null && undated.upperbound[i] !== null && Math.abs(undated.upperbound[i]! - u) / u > 1e-6);
      expect(differs).toBe(run.b === 3);
    });
  }
});
