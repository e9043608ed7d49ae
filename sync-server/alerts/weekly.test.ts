import { describe, expect, it } from "vitest";
import { builtinIndicator } from "../../shared/indicators/builtin";
import { hierarchyFromRows } from "../../shared/indicators/hierarchy";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { weeklySeries } from "./weekly";

const areas = hierarchyFromRows([
  { code: "1", level: 1, parent: null },
  { code: "11", level: 2, parent: "1" },
  { code: "111", level: 3, parent: "11" },
  { code: "112", level: 3, parent: "11" },
]);

const rec = (date: string, nyko: string | null, org = "polisen"): DeidentifiedRecord =>
  org === "polisen"
    ? { templateId: "polis-anmalningar", templateVersion: 1, org, date, hour: 10, period: null, categories: { brottskod: "1201" }, nyko, measures: {} }
    : { templateId: "vaktbolag-rapporter", templateVersion: 1, org, date, hour: 10, period: null, categories: { typ: "Skadegörelse" }, nyko, measures: {} };

describe("weeklySeries", () => {
  const def = builtinIndicator("skadegorelse-klotter")!;

  it("counts per ISO week and area at every level, zeros included; unlocated rows only in the total", () => {
    const t = weeklySeries([rec("2025-12-29", "111"), rec("2026-01-04", "112"), rec("2026-01-05", "111"), rec("2026-01-06", null)], [def], areas);
    expect(t.weeks).toEqual(["2026-W01", "2026-W02"]);
    const get = (level: number, nyko: string | null) => t.series.find((s) => s.level === level && s.nyko === nyko)!.counts;
    expect(get(3, "111")).toEqual([1, 1]);
    expect(get(3, "112")).toEqual([1, 0]);
    expect(get(2, "11")).toEqual([2, 1]);
    expect(get(1, "1")).toEqual([2, 1]);
    expect(get(0, null)).toEqual([2, 2]);
  });

  it("applies countOnce to cross-partner indicators", () => {
    const a = rec("2026-01-05", "111");
    const b = rec("2026-01-05", "111", "vaktbolaget");
    const t = weeklySeries([a, b], [def], areas, { countOnce: (rows) => rows.filter((r) => r !== b) });
    expect(t.series.find((s) => s.level === 3 && s.nyko === "111")!.counts).toEqual([1]);
  });

  it("leaves out aggregate and rate indicators", () => {
    const t = weeklySeries([rec("2026-01-05", "111")], [builtinIndicator("orosanmalningar-per-1000-barn")!], areas);
    expect(t.series).toEqual([]);
  });
});
