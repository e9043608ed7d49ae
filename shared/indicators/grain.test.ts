import { describe, it, expect } from "vitest";
import type { DeidentifiedRecord } from "../protocol/record";
import { buildCube } from "./cube";
import { grainText, publishableCells, suggestGrain, withinGrain } from "./grain";
import { hierarchyFromRows } from "./hierarchy";
import { indicatorDefinitionSchema } from "./schema";

const areas = hierarchyFromRows([
  { code: "1", level: 1, parent: null },
  { code: "11", level: 2, parent: "1" },
  { code: "111", level: 3, parent: "11" },
  { code: "112", level: 3, parent: "11" },
]);
const def = indicatorDefinitionSchema.parse({
  id: "klotter",
  version: 1,
  title: "Klotter",
  description: "Klotter.",
  unit: "antal",
  numerator: { kind: "count", match: [{ templateId: "vakt" }] },
  periodTypes: ["halfmonth", "month", "quarter", "year"],
  grain: { level: 2, periodType: "month" },
});
const rec = (date: string, nyko: string): DeidentifiedRecord => ({
  templateId: "vakt",
  templateVersion: 1,
  org: "vaktbolaget",
  date,
  hour: null,
  period: null,
  categories: {},
  nyko,
  measures: {},
});

describe("grain", () => {
  it("publishes the grain's level and period type and everything coarser", () => {
    const grain = { level: 2, periodType: "month" as const };
    expect(withinGrain({ level: 2, periodType: "month" }, grain)).toBe(true);
    expect(withinGrain({ level: 0, periodType: "year" }, grain)).toBe(true);
    expect(withinGrain({ level: 3, periodType: "month" }, grain)).toBe(false);
    expect(withinGrain({ level: 1, periodType: "halfmonth" }, grain)).toBe(false);
    const ic = buildCube([rec("2026-01-01", "111"), rec("2026-12-31", "112")], [def], areas).indicators[0];
    const cells = publishableCells(ic);
    expect(cells.every((c) => c.level <= 2 && c.periodType !== "halfmonth")).toBe(true);
    // levels 0, 1, 2 (one area each) × (12 months + 4 quarters + 1 year)
    expect(cells).toHaveLength(3 * 17);
  });

  it("suggests the finest grain at which few non-zero cells are small", () => {
    // Every half-month of 2026: 111 gets 3 rows (never small), 112 gets 1 row (always small).
    const rows: DeidentifiedRecord[] = [];
    for (let m = 1; m <= 12; m++)
      for (const d of ["05", "20"]) {
        const date = `2026-${String(m).padStart(2, "0")}-${d}`;
        rows.push(rec(date, "111"), rec(date, "111"), rec(date, "111"), rec(date, "112"));
      }
    const ic = buildCube(rows, [def], areas).indicators[0];
    // Level 3: half of the cells (112) hold 1 per half-month and 2 per month, too many small cells until quarters
    // (6 per quarter). Level 2 half-months hold 4: none small. So NYKO-3 per quarter with NYKO-2 per half-month.
    expect(suggestGrain(ic, 3, 0.1)).toEqual({ grain: { level: 3, periodType: "quarter", steps: [{ level: 2, periodType: "halfmonth" }] }, smallShare: 0, smallShareOfNonZero: 0 });
    expect(suggestGrain(ic, 3, 0.5)).toEqual({ grain: { level: 3, periodType: "halfmonth" }, smallShare: 0.5, smallShareOfNonZero: 0.5 });
    // Threshold 5: level 2 half-months (4) are small, its months (8) are not; level 3 quarters (6 and 18) are not.
    expect(suggestGrain(ic, 5, 0.1).grain).toEqual({ level: 3, periodType: "quarter", steps: [{ level: 2, periodType: "month" }] });
  });

  it("publishes a staircase: each step's level per its finer period, and the grain's level only per its own", () => {
    const grain = indicatorDefinitionSchema.parse({ ...def, grain: { level: 3, periodType: "quarter", steps: [{ level: 2, periodType: "month" }, { level: 1, periodType: "halfmonth" }] } }).grain;
    expect(withinGrain({ level: 3, periodType: "quarter" }, grain)).toBe(true);
    expect(withinGrain({ level: 3, periodType: "month" }, grain)).toBe(false);
    expect(withinGrain({ level: 2, periodType: "month" }, grain)).toBe(true);
    expect(withinGrain({ level: 2, periodType: "halfmonth" }, grain)).toBe(false);
    expect(withinGrain({ level: 1, periodType: "halfmonth" }, grain)).toBe(true);
    expect(withinGrain({ level: 0, periodType: "halfmonth" }, grain)).toBe(true);
    expect(grainText(grain)).toBe("NYKO-3 per kvartal, NYKO-2 per månad, NYKO-1 per halvmånad");
  });

  it("refuses steps that add nothing or do not nest, in Swedish", () => {
    const bad = (steps: unknown) => indicatorDefinitionSchema.safeParse({ ...def, grain: { level: 2, periodType: "month", steps } });
    expect(bad([{ level: 1, periodType: "halfmonth" }]).success).toBe(true);
    const same = bad([{ level: 1, periodType: "month" }]);
    expect(same.success).toBe(false);
    expect(same.error?.issues[0]).toMatchObject({ path: ["grain", "steps", 0] });
    expect(same.error?.issues[0].message).toMatch(/finare period/);
    expect(bad([{ level: 2, periodType: "halfmonth" }]).error?.issues[0].message).toMatch(/grövre nivåer/);
    expect(bad([{ level: 1, periodType: "schoolyear" }]).error?.issues[0].message).toMatch(/finns inte bland/);
  });

  it("judges a sparse indicator by its non-zero cells, and falls back to the coarsest grain", () => {
    // One row in each of three months of 2026 in area 111: almost every cell is zero, every non-zero one is 1.
    const ic = buildCube([rec("2026-01-01", "111"), rec("2026-05-05", "111"), rec("2026-12-31", "111")], [def], areas).indicators[0];
    const s = suggestGrain(ic, 3, 0.15);
    // Level 3 per year (cells 3 and 0) is the first candidate with no small non-zero cell.
    expect(s.grain).toEqual({ level: 3, periodType: "year" });
    expect(s.smallShareOfNonZero).toBe(0);
    const strict = suggestGrain(ic, 5, 0.15); // 3 < 5 everywhere: nothing passes, so the coarsest candidate
    expect(strict.grain).toEqual({ level: 1, periodType: "year" });
    expect(strict.smallShareOfNonZero).toBe(1);
  });
});
