import { describe, it, expect } from "vitest";
import { hierarchyFromRows } from "./hierarchy";
import { populationLookup } from "./population";

const areas = hierarchyFromRows([
  { code: "1", level: 1, parent: null },
  { code: "11", level: 2, parent: "1" },
  { code: "2", level: 1, parent: null },
]);

describe("populationLookup", () => {
  const figures: Record<string, number> = { "1": 1200, "11": 1200, "2": 800 };
  const source = { populationFor: (nyko: string, year: number) => (year >= 2025 && figures[nyko] !== undefined ? { value: figures[nyko] } : null) };
  it("passes areas through and sums the level-1 areas for the municipality", () => {
    const lookup = populationLookup(source, areas);
    expect(lookup("11", 2026, "totalt")).toBe(1200);
    expect(lookup(null, 2026, "totalt")).toBe(2000);
  });
  it("returns null when figures are missing", () => {
    const lookup = populationLookup(source, areas);
    expect(lookup(null, 2020, "totalt")).toBeNull();
    expect(lookup("99", 2026, "totalt")).toBeNull();
  });
});
