// Contract check: shared/areas' NYKO register and population table plug straight into the cube.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import type { DeidentifiedRecord } from "../protocol/record";
import { loadNykoRegister } from "../areas/nyko-register";
import { loadPopulation } from "../areas/population";
import { buildCube } from "./cube";
import type { AreaHierarchy } from "./hierarchy";
import { populationLookup } from "./population";
import { indicatorDefinitionSchema } from "./schema";

import { DEMO_DATA_DIR as DEMO } from "../../test/fixtures/paths";

describe("shared/areas as the cube's register", () => {
  const loaded = loadNykoRegister(readFileSync(`${DEMO}/nyko-omraden.csv`, "utf8"));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const register: AreaHierarchy = loaded.value;
  const pop = loadPopulation(readFileSync(`${DEMO}/befolkning.csv`, "utf8"), loaded.value);
  if (!pop.ok) throw new Error(JSON.stringify(pop.issues));

  it("computes a population rate per 1,000 with the register's figures", () => {
    const def = indicatorDefinitionSchema.parse({
      id: "stold-per-1000",
      version: 1,
      title: "Stölder per 1 000 invånare",
      description: "Test.",
      unit: "per 1 000 invånare",
      numerator: { kind: "count", match: [{ templateId: "polis-anmalningar", where: { brottskod: ["0601"] } }] },
      denominator: { kind: "population", band: "totalt" },
      factor: "per1000",
      periodTypes: ["month", "year"],
      grain: { level: 3, periodType: "month" },
    });
    const leaf = register.codesAtLevel(3)[0];
    const records: DeidentifiedRecord[] = [1, 2, 3].map((d) => ({
      templateId: "polis-anmalningar",
      templateVersion: 1,
      org: "polisen",
      date: `2025-03-0${d}`,
      hour: null,
      period: null,
      categories: { brottskod: "0601" },
      nyko: leaf,
      measures: {},
    }));
    const lookup = populationLookup(pop.value, register);
    const ic = buildCube(records, [def], register, { population: lookup, range: { from: "2025-01-01", to: "2025-12-31" } }).indicators[0];
    const population = pop.value.populationFor(leaf, 2025, "totalt")?.value ?? NaN;
    const total = register.codesAtLevel(1).reduce((s, c) => s + (pop.value.populationFor(c, 2025, "totalt")?.value ?? NaN), 0);
    expect(population).toBeGreaterThan(0);
    expect(ic.cells[ic.cellIndex(leaf, "month", "2025-03")].value).toBeCloseTo((3 / population) * 1000, 10);
    expect(ic.cells[ic.cellIndex(null, "year", "2025")].value).toBeCloseTo((3 / total) * 1000, 10);
    expect(ic.cells[ic.cellIndex(null, "year", "2025")].denominator).toBe(total);
  });
});
