import { describe, expect, it } from "vitest";
import { builtinIndicator } from "../../shared/indicators/builtin";
import type { IndicatorCube } from "../../shared/indicators/cube";
import type { IndicatorDefinition } from "../../shared/indicators/schema";
import { cellBase, lastYearPeriod, previousPeriod } from "./uncertainty-marks";

const cubeOf = (definition: IndicatorDefinition) => ({ definition }) as unknown as IndicatorCube;

describe("the base of a cell's interval", () => {
  it("counts have the value as base; rates over the population and summed denominators have theirs", () => {
    expect(cellBase(cubeOf(builtinIndicator("skadegorelse-klotter")!), null)).toEqual({ kind: "count" });
    expect(cellBase(cubeOf(builtinIndicator("ofullstandiga-betyg-ak9")!), 120)).toEqual({ kind: "share", n: 120, factor: 100 });
    const perPopulation = { ...builtinIndicator("skadegorelse-klotter")!, denominator: { kind: "population", band: "totalt" }, factor: "per1000" } as IndicatorDefinition;
    expect(cellBase(cubeOf(perPopulation), 5400)).toEqual({ kind: "rate", exposure: 5400, factor: 1000 });
  });
  it("a rate over a mean headcount (not a published cell) gets no interval: it would tell the denominator", () => {
    expect(cellBase(cubeOf(builtinIndicator("orosanmalningar-per-1000-barn")!), 800)).toBeNull();
    expect(cellBase(cubeOf(builtinIndicator("ofullstandiga-betyg-ak9")!), 0)).toBeNull();
  });
});

describe("the periods a change is judged against", () => {
  it("previous period and the same period a year before", () => {
    expect(previousPeriod("2026-03-H1", "halfmonth")).toBe("2026-02-H2");
    expect(previousPeriod("2026-01", "month")).toBe("2025-12");
    expect(previousPeriod("2026-Q1", "quarter")).toBe("2025-Q4");
    expect(previousPeriod("2025/26", "schoolyear")).toBe("2024/25");
    expect(lastYearPeriod("2026-03-H2", "halfmonth")).toBe("2025-03-H2");
    expect(lastYearPeriod("2026-Q3", "quarter")).toBe("2025-Q3");
    expect(previousPeriod("2026-W01", "week")).toBe("2025-W52");
    expect(lastYearPeriod("2026-W53", "week")).toBe("2025-W52");
    expect(lastYearPeriod("2026-W09", "week")).toBe("2025-W09");
  });
});
