import { describe, expect, it } from "vitest";
import { demoRegisters, demoText } from "../../test/fixtures/areas/demo";
import { MINI_NYKO, MINI_POPULATION } from "../../test/fixtures/areas/mini";
import { loadNykoRegister } from "./nyko-register";
import { loadPopulation, type PopulationTable } from "./population";

const nykoResult = loadNykoRegister(MINI_NYKO);
if (!nykoResult.ok) throw new Error("mini register");
const nyko = nykoResult.value;

function table(text: string): PopulationTable {
  const r = loadPopulation(text, nyko);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

describe("population", () => {
  const pop = table(MINI_POPULATION);

  it("gives a level-3 area's figure for the year", () => {
    expect(pop.bands).toEqual(["totalt", "alder_0_17"]);
    expect(pop.populationFor("7001", 2024, "totalt")).toEqual({ value: 100, yearUsed: 2024, stoodIn: false });
    expect(pop.populationFor("7001", 2025, "alder_0_17")).toEqual({ value: 22, yearUsed: 2025, stoodIn: false });
  });

  it("uses the latest earlier year and says so", () => {
    expect(pop.populationFor("7001", 2027, "totalt")).toEqual({ value: 110, yearUsed: 2025, stoodIn: true });
    expect(pop.populationFor("7001", 2023, "totalt")).toBeNull();
  });

  it("sums children for coarser areas", () => {
    expect(pop.populationFor("70", 2025, "totalt")).toEqual({ value: 160, yearUsed: 2025, stoodIn: false });
    expect(pop.populationFor("8", 2025, "totalt")).toEqual({ value: 20, yearUsed: 2023, stoodIn: true });
    // 7002 has no figures for 2024, so neither has its parent.
    expect(pop.populationFor("70", 2024, "totalt")).toBeNull();
  });

  it("returns null for an unknown band, an unknown code or a finer area without figures", () => {
    expect(pop.populationFor("7001", 2025, "alder_65_")).toBeNull();
    expect(pop.populationFor("999", 2025, "totalt")).toBeNull();
    expect(pop.populationFor("700101", 2025, "totalt")).toBeNull();
  });

  it("adds the demo's level-3 figures up to level 1", () => {
    const reg = demoRegisters();
    const population = reg.population;
    if (!population) throw new Error("no population");
    const levelOne = reg.nyko.codesAtLevel(1).map((c) => population.populationFor(c, 2025, "totalt")?.value ?? 0);
    const levelThree = reg.nyko.codesAtLevel(3).map((c) => population.populationFor(c, 2025, "totalt")?.value ?? 0);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(levelOne)).toBe(sum(levelThree));
    const fileTotal = sum(
      demoText("befolkning.csv")
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => l.split(";"))
        .filter((f) => f[1] === "2025")
        .map((f) => Number(f[2])),
    );
    expect(sum(levelOne)).toBe(fileTotal);
    expect(fileTotal).toBeGreaterThan(0);
  });

  it("returns issues with line numbers for bad rows", () => {
    const r = loadPopulation(["nyko;ar;totalt", "7001;2025;100", "999;2025;1", "7001;25;1", "7002;2025;x", "7001;2025;3"].join("\n"), nyko);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => [i.line, i.code])).toEqual([
      [3, "unknown-nyko"],
      [4, "bad-year"],
      [5, "bad-value"],
      [6, "duplicate-row"],
    ]);
  });
});
