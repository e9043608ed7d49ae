import { describe, expect, it } from "vitest";
import type { DeliveryCell } from "../protocol/delivery";
import { evaluateIntervention, monthsBefore, percentText, qt } from "./evaluate";
import { SYNTHETIC_INDICATOR, syntheticIntervention } from "./synthetic";

const titles = { [SYNTHETIC_INDICATOR]: "Skadegörelsen" };

describe("evaluateIntervention", () => {
  it("recovers a planted 30 % decrease: the estimate lies in its interval and the interval covers the truth", () => {
    let covered = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const { intervention, cells } = syntheticIntervention({ seed, rateRatio: 0.7, baseline: 12 });
      const r = evaluateIntervention(intervention, cells, { titles }).results[0];
      expect(r.estimate).not.toBeNull();
      expect(r.low!).toBeLessThanOrEqual(r.estimate!);
      expect(r.estimate!).toBeLessThanOrEqual(r.high!);
      if (r.low! <= -0.3 && -0.3 <= r.high!) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(17);
  });

  it("says the decrease in the plain sentence of the issue, with the interval", () => {
    const { intervention, cells } = syntheticIntervention({ seed: 3, rateRatio: 0.6, baseline: 15 });
    const r = evaluateIntervention(intervention, cells, { titles }).results[0];
    expect(r.verdict).toBe("decrease");
    expect(r.periodType).toBe("month");
    expect(r.before?.periods).toHaveLength(12);
    expect(r.after?.periods).toHaveLength(12);
    expect(r.cells).toEqual({ used: 288, suppressed: 0, missing: 0 });
    const pct = (x: number) => Math.round(x * 100);
    expect(r.sentence).toBe(
      `Skadegörelsen minskade med ${pct(-r.estimate!)} % (95 % KI ${pct(-r.high!)}–${pct(-r.low!)} %) i insatsområdena jämfört med övriga områden.`,
    );
  });

  it("with no effect the interval covers zero in most seeds and the sentence says no clear change", () => {
    let covers = 0;
    let sentence = "";
    for (let seed = 1; seed <= 20; seed++) {
      const { intervention, cells } = syntheticIntervention({ seed: 100 + seed, rateRatio: 1 });
      const r = evaluateIntervention(intervention, cells, { titles }).results[0];
      if (r.low! <= 0 && 0 <= r.high!) {
        covers++;
        expect(r.verdict).toBe("no-clear-change");
        sentence = r.sentence;
      }
    }
    expect(covers).toBeGreaterThanOrEqual(17);
    expect(sentence).toMatch(/^Ingen säker förändring av skadegörelsen i insatsområdena jämfört med övriga områden: skattningen −?\d+ % \(95 % KI −?\d+ till −?\d+ %\)\.$/);
  });

  it("widens the interval under overdispersion (quasi-Poisson scale above 1)", () => {
    const plain = evaluateIntervention(...args(syntheticIntervention({ seed: 7, rateRatio: 0.8 }))).results[0];
    const over = evaluateIntervention(...args(syntheticIntervention({ seed: 7, rateRatio: 0.8, size: 2 }))).results[0];
    expect(over.dispersion!).toBeGreaterThan(1.5);
    expect(Math.log(1 + over.high!) - Math.log(1 + over.low!)).toBeGreaterThan(Math.log(1 + plain.high!) - Math.log(1 + plain.low!));
  });

  it("leaves suppressed and missing cells out and counts them", () => {
    const { intervention, cells } = syntheticIntervention({ seed: 5, rateRatio: 0.8, baseline: 4, threshold: 3, missingShare: 0.05 });
    const r = evaluateIntervention(intervention, cells, { titles }).results[0];
    const inWindows = cells.length;
    expect(r.cells.used + r.cells.suppressed + r.cells.missing).toBe(inWindows);
    expect(r.cells.suppressed).toBe(cells.filter((c) => c.status === "suppressed").length);
    expect(r.cells.missing).toBe(cells.filter((c) => c.status === "missing").length);
    expect(r.cells.suppressed).toBeGreaterThan(0);
    // A suppressed cell's hidden count has no way in: the same cells with another hidden value give the same result.
    const tampered = cells.map((c): DeliveryCell => (c.status === "suppressed" ? { ...c, value: 2 } : c));
    expect(evaluateIntervention(intervention, tampered, { titles }).results[0].estimate).toBe(r.estimate);
  });

  it("uses the picked comparison areas and says so", () => {
    const { intervention, cells } = syntheticIntervention({ seed: 9, rateRatio: 1.5, baseline: 15 });
    const r = evaluateIntervention({ ...intervention, comparisonAreas: ["110", "111", "112"] }, cells, { titles }).results[0];
    expect(r.comparisonAreas).toEqual(["110", "111", "112"]);
    expect(r.comparisonIsAllOthers).toBe(false);
    expect(r.verdict).toBe("increase");
    expect(r.sentence).toMatch(/^Skadegörelsen ökade med \d+ % \(95 % KI \d+–\d+ %\) i insatsområdena jämfört med jämförelseområdena\.$/);
  });

  it("is insufficient, and says why, without published values on both sides of the start", () => {
    const { intervention, cells } = syntheticIntervention({ seed: 1, rateRatio: 1 });
    const beforeOnly = cells.filter((c) => c.period < "2026-01");
    const r = evaluateIntervention(intervention, beforeOnly, { titles }).results[0];
    expect(r.verdict).toBe("insufficient");
    expect(r.estimate).toBeNull();
    expect(r.sentence).toContain("för lite publicerat underlag");
    const noComparison = evaluateIntervention({ ...intervention, comparisonAreas: ["101"] }, cells, { titles }).results[0];
    expect(noComparison.sentence).toContain("inga jämförelseområden");
  });

  it("chooses the period type that leaves out the fewest cells", () => {
    const { intervention, cells } = syntheticIntervention({ seed: 2, rateRatio: 1, baseline: 3, threshold: 3 });
    // Quarterly sums of the same months, all published (counts large enough).
    const quarters = new Map<string, DeliveryCell>();
    const full = syntheticIntervention({ seed: 2, rateRatio: 1, baseline: 3 }).cells;
    for (const c of full) {
      const [y, m] = c.period.split("-").map(Number);
      const key = `${c.nyko}|${y}-Q${Math.ceil(m / 3)}`;
      const q = quarters.get(key) ?? { ...c, periodType: "quarter" as const, period: `${y}-Q${Math.ceil(m / 3)}`, value: 0 };
      q.value = (q.value ?? 0) + (c.value ?? 0);
      quarters.set(key, q);
    }
    const r = evaluateIntervention(intervention, [...cells, ...quarters.values()], { titles }).results[0];
    expect(r.periodType).toBe("quarter");
    expect(r.cells.suppressed).toBe(0);
    expect(evaluateIntervention(intervention, [...cells, ...quarters.values()], { titles, periodType: "month" }).results[0].periodType).toBe("month");
  });

  it("gives a series for the chart: mean per area in the target and comparison areas per period", () => {
    const { intervention, cells } = syntheticIntervention({ seed: 4, rateRatio: 0.7 });
    const r = evaluateIntervention(intervention, cells, { titles }).results[0];
    expect(r.series).toHaveLength(24);
    const jan = r.series.find((p) => p.period === "2026-01")!;
    expect(jan.phase).toBe("after");
    const targetJan = cells.filter((c) => c.period === "2026-01" && intervention.areas.includes(c.nyko!)).map((c) => c.value!);
    expect(jan.target).toBeCloseTo(targetJan.reduce((s, v) => s + v, 0) / targetJan.length, 10);
  });
});

describe("helpers", () => {
  it("monthsBefore clamps to the month's length", () => {
    expect(monthsBefore("2026-03-31", 1)).toBe("2026-02-28");
    expect(monthsBefore("2026-01-15", 12)).toBe("2025-01-15");
  });
  it("qt matches known t quantiles", () => {
    expect(qt(0.975, 10)).toBeCloseTo(2.228139, 5);
    expect(qt(0.975, 1e9)).toBeCloseTo(1.959964, 5);
  });
  it("percentText writes a Swedish minus", () => {
    expect(percentText(-0.184)).toBe("−18");
    expect(percentText(0.3)).toBe("30");
  });
});

function args(d: { intervention: Parameters<typeof evaluateIntervention>[0]; cells: DeliveryCell[] }): Parameters<typeof evaluateIntervention> {
  return [d.intervention, d.cells, { titles }];
}
