import { describe, expect, it } from "vitest";
import { countThreshold, countUpperTail, poissonUpperTail } from "./counts";
import { strongestFirst } from "./order";
import { ALARM_RULE, alarmVerdicts, persistenceWindow } from "./rule";

describe("count tails", () => {
  it("gives exact Poisson and negative binomial tails (values from R's ppois/pnbinom)", () => {
    expect(poissonUpperTail(0, 2)).toBe(1);
    expect(poissonUpperTail(3, 1)).toBeCloseTo(0.0803013970713942, 12); // ppois(2, 1, lower = FALSE)
    expect(poissonUpperTail(20, 6) / 5.18016893701196e-06).toBeCloseTo(1, 9); // ppois(19, 6, lower = FALSE)
    // pnbinom(9, size = 4, mu = 4, lower = FALSE): mean 4, variance 4 + 16/4 = 8.
    expect(countUpperTail(10, 4, 8)).toBeCloseTo(0.046142578125, 10);
    // Not overdispersed: the Poisson tail.
    expect(countUpperTail(3, 1, 1)).toBeCloseTo(poissonUpperTail(3, 1), 12);
  });

  it("finds the smallest count that is that unusual", () => {
    const c = countThreshold(0.001, 6, 6);
    expect(poissonUpperTail(c, 6)).toBeLessThan(0.001);
    expect(poissonUpperTail(c - 1, 6)).toBeGreaterThanOrEqual(0.001);
    expect(c).toBe(16); // R: min(which(ppois(0:40 - 1, 6, lower = FALSE) < 0.001)) - 1
  });
});

const steady = (n: number, values: readonly number[]) => Array.from({ length: n }, (_, i) => values[i % values.length]);

describe("the product's alarm rule", () => {
  it("judges nothing before seven periods of history and uses the EARS baseline (C1, then C2) while the history is short", () => {
    const counts = [...steady(12, [4, 5, 6, 5]), 16];
    const v = alarmVerdicts(counts, { frequency: 52 });
    expect(v[0].index).toBe(8);
    expect(v.map((x) => x.method)).toEqual(["C1", "C1", "C2", "C2", "C2", "C2"]);
    const last = v.at(-1)!;
    expect(last).toMatchObject({ index: 13, observed: 16, alarm: true, reason: "single" });
    expect(last.expected).toBeCloseTo(5, 0);
    expect(last.threshold).toBeLessThanOrEqual(16);
    expect(v.slice(0, -1).every((x) => !x.alarm)).toBe(true);
  });

  it("never alarms on fewer than three cases or less than 1.5 times the expected count", () => {
    expect(alarmVerdicts([...steady(10, [0]), 2], { frequency: 52 }).at(-1)!.alarm).toBe(false);
    expect(alarmVerdicts([...steady(10, [0]), 3], { frequency: 52 }).at(-1)!.alarm).toBe(true);
    // A large, steady count: 140 after 100 is very unlikely, but only 1.4 times the expected: not worth reading.
    const big = alarmVerdicts([...steady(12, [98, 100, 102]), 140], { frequency: 52 }).at(-1)!;
    expect(big.pValue).toBeLessThan(ALARM_RULE.alpha);
    expect(big.alarm).toBe(false);
  });

  it("flags a moderate rise that lasts: two periods together when neither alone is unusual enough", () => {
    const base = steady(20, [5, 6, 4, 5, 6, 5, 4]);
    const one = alarmVerdicts([...base, 11], { frequency: 52 }).at(-1)!;
    expect(one.alarm).toBe(false);
    const two = alarmVerdicts([...base, 11, 12], { frequency: 52 }).at(-1)!;
    expect(two.pValue).toBeGreaterThan(ALARM_RULE.alpha);
    expect(two.persistencePValue!).toBeLessThan(ALARM_RULE.persistenceAlpha);
    expect(two).toMatchObject({ alarm: true, reason: "persistent" });
  });

  it("for a sparse weekly series, flags a rise that only adds up over three or four weeks (the windows sharing the level)", () => {
    const counts = [...steady(30, [1, 0, 1, 1, 0, 1, 0]), 3, 2, 3, 3];
    // Two weeks together never reach the level: judged over at most two periods, no week alarms.
    expect(alarmVerdicts(counts, { frequency: 52, maxWindow: 2 }).slice(-4).some((x) => x.alarm)).toBe(false);
    const v = alarmVerdicts(counts, { frequency: 52 }).slice(-4);
    expect(v.map((x) => x.alarm)).toEqual([false, false, true, true]);
    expect(v[2]).toMatchObject({ reason: "persistent", persistenceWindow: 3 });
    // Each of the three windows (2, 3 and 4 weeks) is judged at a third of the persistence level.
    expect(v[2].persistencePValue!).toBeLessThan(ALARM_RULE.persistenceAlpha / 3);
    expect(v[2].pValue).toBeGreaterThan(0.01);
    // Half-month series judge at most two periods together (their default window).
    expect(persistenceWindow(24)).toBe(2);
    expect(alarmVerdicts(counts, { frequency: 24 }).slice(-4).some((x) => x.alarm)).toBe(false);
  });

  it("uses the seasonal Farrington baseline once a year of history exists, for a period the recent weeks find unusual", () => {
    const year = Array.from({ length: 52 }, (_, w) => (w >= 22 && w < 34 ? 14 : 5));
    const counts = [...year, ...year.slice(0, 30)];
    const v = alarmVerdicts(counts, { frequency: 52, range: [53, 82] });
    // The summer rise (week 23 of the second year) is unusual against the recent weeks, but it is last summer's
    // level: Farrington expects it and it does not alarm. (Against the recent weeks alone it is very unusual.)
    const onset = v.find((x) => x.index === 52 + 23)!;
    expect(onset.method).toBe("farrington");
    expect(onset.expected).toBeGreaterThan(10);
    expect(onset.alarm).toBe(false);
    expect(alarmVerdicts(counts.slice(52), { frequency: 52 }).find((x) => x.index === 23)!.pValue).toBeLessThan(0.01);
    // Ordinary weeks keep the cheap EARS baseline (no fit needed) and never alarm.
    expect(v.filter((x) => x.method !== "farrington").every((x) => !x.alarm)).toBe(true);
  });

  it("with dates, takes Farrington's reference weeks by date", () => {
    const counts = [...steady(119, [5, 6, 4, 5, 7]), 19];
    const dates = counts.map((_, i) => new Date(Date.UTC(2025, 0, 6) + 7 * i * 86_400_000).toISOString().slice(0, 10));
    const last = alarmVerdicts(counts, { frequency: 52, dates, range: [110, 120] }).at(-1)!;
    expect(last).toMatchObject({ index: 120, method: "farrington", alarm: true });
    expect(() => alarmVerdicts(counts, { frequency: 52, dates: dates.slice(1) })).toThrow(/One date per period/);
  });

  it("orders rows strongest first, then the latest week", () => {
    const rows = [{ pValue: 0.01, week: "2026-W10" }, { pValue: null, week: "2026-W12" }, { pValue: 0.0001, week: "2026-W09" }, { pValue: 0.01, week: "2026-W11" }];
    expect([...rows].sort(strongestFirst).map((r) => r.week)).toEqual(["2026-W09", "2026-W11", "2026-W10", "2026-W12"]);
  });
});
