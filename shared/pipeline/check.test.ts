import { describe, expect, it } from "vitest";
import { demoRegisters } from "../../test/fixtures/areas/demo";
import { toWireRecord } from "../protocol/record";
import { BUILTIN_TEMPLATES, builtinTemplate } from "../templates/builtin";
import { templateSchema } from "../templates/schema";
import { checkGrid, startCheck } from "./check";

const registers = demoRegisters();
const header = ["Anmälningsnummer", "Datum", "Klockslag", "Brottskod", "Brottsbenämning", "Brottsplats", "Målsägande", "Personnummer misstänkt", "Händelseförlopp", "Egen kolumn"];

describe("checkGrid", () => {
  it("keeps only closed columns, strips the rest, and locates to NYKO-3", () => {
    const grid = [
      ["Polisens export", null],
      header,
      ["K1", 45658, "21:47", "1203", "Skadegörelse genom brand", "Hjortstigen 13, 151 71 Demostad", "Anna A", "19850101-1234", "Ring 070-123 45 67", "x"],
      ["K2", 45659, "08:05", "0601", "Stöld", "Okändagatan 1", "", "", "", ""],
    ];
    const r = checkGrid(grid, { templates: BUILTIN_TEMPLATES, org: "polisen", registers });
    expect(r.template).toEqual({ id: "polis-anmalningar", version: 1 });
    expect(r.headerRow).toBe(2);
    expect(r.canSubmit).toBe(true);
    expect(r.stripped).toEqual(["Anmälningsnummer", "Brottsplats", "Målsägande", "Personnummer misstänkt", "Händelseförlopp", "Egen kolumn"]);
    expect(r.issues.find((i) => i.code === "column-unknown")?.message).toContain("Egen kolumn");
    expect(r.records.map(toWireRecord)).toEqual([
      { templateId: "polis-anmalningar", templateVersion: 1, org: "polisen", date: "2025-01-01", hour: 21, period: null,
        categories: { brottskod: "1203", brottsbenamning: "Skadegörelse genom brand" }, nyko: "111", measures: {} },
      { templateId: "polis-anmalningar", templateVersion: 1, org: "polisen", date: "2025-01-02", hour: 8, period: null,
        categories: { brottskod: "0601", brottsbenamning: "Stöld" }, nyko: null, measures: {} },
    ]);
    expect(r.records.map((x) => x.sourceRow)).toEqual([3, 4]);
    expect(r.unlocated).toEqual([{ row: 4, cell: "F4", value: "Okändagatan 1", reason: "unknown-street" }]);
    expect(r.located).toBe(1);
  });

  it("blocks a sheet whose kept value looks like an identity number (defence in depth)", () => {
    const base = builtinTemplate("vaktbolag-rapporter")!;
    const careless = templateSchema.parse({
      ...base,
      columns: base.columns.map((c) => (c.key === "typ" ? { ...c, values: [...(c.values ?? []), { value: "19850101-1236", synonyms: [] }] } : c)),
    });
    // 19850101-1236 is a valid personnummer (check digit 6).
    const grid = [["Datum", "Typ", "Plats"], [45658, "19850101-1236", "Hjortstigen 13"], [45658, "Klotter", "Hjortstigen 13"]];
    const r = checkGrid(grid, { templates: [careless], org: "vaktbolaget", registers });
    expect(r.canSubmit).toBe(false);
    expect(r.issues.filter((i) => i.code === "identifying-value")).toEqual([expect.objectContaining({ cell: "B2", severity: "error" })]);
    expect(r.records.map((x) => x.categories.typ)).toEqual(["Klotter"]);
  });

  it("refuses an unknown NYKO code in an aggregate sheet and cuts known ones to level 3", () => {
    const grid = [["Månad", "NYKO", "Antal orosanmälningar", "Antal barn 0-17"], ["2025-01", "111", 3, 627], ["2025-01", "999", 1, 10], ["2025-01", "11", 2, 100]];
    const r = checkGrid(grid, { templates: BUILTIN_TEMPLATES, org: "socialtjansten", registers });
    expect(r.issues.filter((i) => i.severity === "error")).toEqual([expect.objectContaining({ cell: "B3", code: "nyko-unknown" })]);
    expect(r.records.map((x) => [x.period, x.nyko, x.measures])).toEqual([
      ["2025-01", "111", { orosanmalningar: 3, barn_0_17: 627 }],
      ["2025-01", "11", { orosanmalningar: 2, barn_0_17: 100 }],
    ]);
  });

  it("says so when no template fits", () => {
    const r = checkGrid([["Foo", "Bar"], [1, 2]], { templates: BUILTIN_TEMPLATES, org: "x", registers });
    expect(r.canSubmit).toBe(false);
    expect(r.issues[0].code).toBe("template-no-match");
  });
});

describe("startCheck", () => {
  it("fed in steps, gives exactly what checkGrid gives for the whole grid (issues, copies of rows, records)", () => {
    const rows = [
      ["K1", 45658, "21:47", "1203", "Skadegörelse genom brand", "Hjortstigen 13", "", "", "", ""],
      ["K2", "04/03/2025", "08:05", "0601", "Stöld", "Okändagatan 1", "", "", "", ""],
      ["K3", 45659, "25:61", "0601", "Stöld", "", "", "19850101-1236", "", ""],
      ["K1", 45658, "21:47", "1203", "Skadegörelse genom brand", "Hjortstigen 13", "", "", "", ""],
      [null, null, null, null, null, null, null, null, null, null],
      ["K5", 45660, "10:00", "9999", "Stöld", "Hjortstigen 13", "", "", "", ""],
    ];
    const grid = [header, ...rows, ...rows, ...rows];
    const options = { templates: BUILTIN_TEMPLATES, org: "polisen", registers };
    const whole = checkGrid(grid, options);
    for (const step of [1, 2, 5, 7]) {
      const check = startCheck(grid, options);
      for (let end = 0; end < grid.length; end += step) check.feed(end);
      check.feed(3); // a step back checks nothing again
      expect(check.finish()).toEqual(whole);
    }
    expect(whole.issues.some((i) => i.code === "duplicate-row")).toBe(true);
  });
});
