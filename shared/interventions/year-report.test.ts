import { describe, expect, it } from "vitest";
import type { Intervention } from "../protocol/interventions";
import { activeInYear, yearReportInterventions } from "./year-report";
import { SYNTHETIC_INDICATOR, syntheticIntervention } from "./synthetic";

const base: Intervention = {
  id: 1, version: 1, status: "active", owner: "kommunen", createdAt: "2026-01-01T00:00:00Z", changedAt: "2026-01-01T00:00:00Z",
  name: "Klottersanering", kind: "klotter-sanering", orgs: ["kommunen"], areas: [], level: 3, startDate: "2026-01-01", endDate: "2026-12-31",
  description: "", indicators: [SYNTHETIC_INDICATOR], comparisonAreas: [],
};

describe("the yearly report's interventions", () => {
  it("takes those running some time in the year, not archived ones", () => {
    expect(activeInYear(base, 2026)).toBe(true);
    expect(activeInYear(base, 2025)).toBe(false);
    expect(activeInYear({ ...base, endDate: null }, 2030)).toBe(true);
    expect(activeInYear({ ...base, status: "archived" }, 2026)).toBe(false);
  });

  it("evaluates each on the cells the server gives for it, with the sentence and the first indicator's figures", async () => {
    const { intervention, cells } = syntheticIntervention({ seed: 2, rateRatio: 0.6, baseline: 12 });
    const list = [{ ...base, areas: intervention.areas }, { ...base, id: 2, startDate: "2027-02-01", endDate: null, areas: intervention.areas }];
    const asked: number[] = [];
    const out = await yearReportInterventions(list, async (id) => {
      asked.push(id);
      return { interventionId: id, version: 1, source: "", definitions: [{ id: SYNTHETIC_INDICATOR, version: 1, title: "Skadegörelsen", unit: "antal", factor: "none", description: "" }], cells };
    }, 2026);
    expect(asked).toEqual([1]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ name: "Klottersanering", kind: "Klottersanering och städning", indicators: ["Skadegörelsen"], start: "2026-01-01" });
    expect(out[0].evaluation).toMatch(/^Skadegörelsen minskade med \d+ %/);
    expect(out[0].estimate!).toBeLessThan(0);
    expect(out[0].low!).toBeLessThan(out[0].high!);
  });
});
