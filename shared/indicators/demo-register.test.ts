// The cube over the demo municipality's NYKO register (read with a tiny local parser, independent of shared/areas).
import { DEMO_DATA_DIR } from "../../test/fixtures/paths";
import { join } from "node:path";
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import type { DeidentifiedRecord } from "../protocol/record";
import { BUILTIN_INDICATORS } from "./builtin";
import { buildCube } from "./cube";
import { hierarchyFromRows, UNLOCATED } from "./hierarchy";

const csv = readFileSync(join(DEMO_DATA_DIR, "nyko-omraden.csv"), "utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/).slice(1);
const rows = csv.map((line) => {
  const [code, level, , parent] = line.split(";");
  return { code, level: Number(level), parent: parent || null };
});
const register = hierarchyFromRows(rows);

// A deterministic pseudo-random stream (so the test is reproducible).
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe("cube over the demo register", () => {
  const leaves = register.codesAtLevel(3);
  const rnd = lcg(7);
  const records: DeidentifiedRecord[] = [];
  const kods = ["0301", "0601", "0701", "0801", "1201", "1203", "1301", "1701", "1702", "STORM"];
  for (let k = 0; k < 3000; k++) {
    const day = Math.floor(rnd() * 365);
    const date = new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const nyko = rnd() < 0.02 ? null : leaves[Math.floor(rnd() * leaves.length)];
    records.push({ templateId: "polis-anmalningar", templateVersion: 1, org: "polisen", date, hour: null, period: null, categories: { brottskod: kods[Math.floor(rnd() * kods.length)] }, nyko, measures: {} });
  }
  const cube = buildCube(records, BUILTIN_INDICATORS, register, { range: { from: "2025-01-01", to: "2025-12-31" } });

  it("has 38 level-3 areas, 8 districts and the municipality for each event indicator", () => {
    expect(leaves).toHaveLength(38);
    expect(register.codesAtLevel(1)).toHaveLength(8);
    const ic = cube.get("tillgreppsbrott");
    if (!ic) throw new Error("missing");
    const slots = 1 + 8 + register.codesAtLevel(2).length + 38;
    expect(slots).toBe(62);
    expect(ic.cells).toHaveLength((24 + 12 + 4 + 1) * slots);
  });

  it("rolls every level up to the same municipality total for each period (plus unlocated rows at level 0)", () => {
    for (const ic of cube.indicators) {
      if (ic.definition.id === "ofullstandiga-betyg-ak9" || ic.definition.id === "orosanmalningar-per-1000-barn") continue;
      for (const t of ic.periodTypes)
        for (const p of ic.periods.get(t) ?? []) {
          const at = (level: number) => ic.cells.filter((c) => c.level === level && c.period === p).reduce((s, c) => s + c.numerator, 0);
          const whole = ic.cellIndex(null, t, p);
          const unlocated = ic.members(whole).filter((k) => ic.inner.leaves[ic.inner.leaf[k]] === UNLOCATED).reduce((s, k) => s + ic.inner.numerator[k], 0);
          expect(at(1)).toBe(at(2));
          expect(at(2)).toBe(at(3));
          expect(at(0)).toBe(at(3) + unlocated);
        }
    }
  });

  it("counts each police row once per indicator it matches", () => {
    const year = (id: string) => {
      const ic = cube.get(id);
      if (!ic) throw new Error(id);
      return ic.cells[ic.cellIndex(null, "year", "2025")].numerator;
    };
    const count = (codes: string[]) => records.filter((r) => codes.includes(r.categories.brottskod)).length;
    expect(year("strategiska-brott")).toBe(count(["0801", "0701", "1701", "1702"]));
    expect(year("tillgreppsbrott")).toBe(count(["0601", "0701"]));
    expect(year("storm-utan-anmalan")).toBe(count(["STORM"]));
    expect(year("anlagda-brander")).toBe(count(["1203", "1301"]));
    expect(year("skadegorelse-klotter")).toBe(count(["1201"]));
    expect(year("ordningsstorningar")).toBe(0); // STORM rows here carry no brottsbenämning
  });
});
