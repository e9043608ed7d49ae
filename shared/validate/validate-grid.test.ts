import { describe, expect, it } from "vitest";
import { builtinTemplate } from "../templates/builtin";
import { findHeader, pickTemplate } from "./header";
import { validateGrid } from "./validate-grid";
import { BUILTIN_TEMPLATES } from "../templates/builtin";
import { templateSchema } from "../templates/schema";

const police = builtinTemplate("polis-anmalningar")!;

const header = ["Anmälningsnummer", "Datum", "Klockslag", "Brottskod", "Brottsbenämning", "Brottsplats", "Målsägande", "Personnummer misstänkt", "Händelseförlopp"];

describe("header matching", () => {
  it("finds the header row below title rows, insensitive to case, accents and spaces", () => {
    const grid = [
      ["Anmälningar januari", null],
      [null, null],
      ["anmalningsnummer", " DATUM ", "klockslag", "brottskod", "Brotts benämning", "Brottsplats", "Extra kolumn"],
      ["K1", 45658, "10:00", "0601", "Stöld", "Hallontorget 5", "x"],
    ];
    const h = findHeader(grid, police)!;
    expect(h.headerRow).toBe(2);
    expect(h.columns.get("datum")).toBe(1);
    expect(h.columns.get("brottsbenamning")).toBe(4);
    expect(h.unknown).toEqual([{ col: 6, header: "Extra kolumn" }]);
    expect(h.missing).toEqual([]);
  });
  it("reports missing required columns", () => {
    const grid = [["Anmälningsnummer", "Klockslag", "Brottsplats"], ["K1", "10:00", "x"]];
    const h = findHeader(grid, police)!;
    expect(h.missing.map((c) => c.key).sort()).toEqual(["brottskod", "datum"]);
    const v = validateGrid(grid, police, h);
    expect(v.issues.filter((i) => i.code === "column-missing")).toHaveLength(2);
  });
  it("picks the built-in template whose headers fit", () => {
    expect(pickTemplate([header], BUILTIN_TEMPLATES)?.template.id).toBe("polis-anmalningar");
    expect(pickTemplate([["Månad", "NYKO", "Antal orosanmälningar", "Antal barn 0-17"]], BUILTIN_TEMPLATES)?.template.id).toBe("socialtjanst-orosanmalningar");
    expect(pickTemplate([["Rapport-ID", "Datum", "Tid", "Typ", "Plats"]], BUILTIN_TEMPLATES)?.template.id).toBe("vaktbolag-rapporter");
    expect(pickTemplate([["Foo", "Bar"]], BUILTIN_TEMPLATES)).toBeNull();
  });
});

describe("validateGrid", () => {
  it("validates every cell and names the cell in A1", () => {
    const grid = [
      header,
      ["K1", 45658, "00:24", "1203", "skadegörelse  genom brand", "Hallontorget 5", "", "", ""],
      ["K2", "04/03/2025", "25:00", "9999", "Stöld", "Smedjevägen 37", "", "", ""],
      ["K3", null, "10:00", "0601", "Stöld", "Smedjevägen 37", "", "", ""],
    ];
    const h = findHeader(grid, police)!;
    const v = validateGrid(grid, police, h);
    expect(v.rows[0].values).toMatchObject({ datum: "2025-01-01", klockslag: 24, brottskod: "1203", brottsbenamning: "Skadegörelse genom brand" });
    expect(v.rows[0].invalid).toBe(false);
    const byCell = Object.fromEntries(v.issues.map((i) => [i.cell, i.code]));
    expect(byCell).toEqual({ B3: "date-ambiguous", C3: "time-invalid", D3: "enum-unknown", B4: "required-missing" });
    const b3 = v.issues.find((i) => i.cell === "B3")!;
    expect(b3).toMatchObject({ row: 3, column: "Datum", severity: "error" });
    expect(b3.message).toContain("ÅÅÅÅ-MM-DD");
  });
  it("accepts enum synonyms case- and space-insensitively", () => {
    const rescue = builtinTemplate("raddningstjanst-insatser")!;
    const grid = [["Datum", "Händelsetyp", "Anlagd"], [45658, "  BILBRAND ", "j"], [45658, "Brand i det fria", "vet ej"]];
    const v = validateGrid(grid, rescue, findHeader(grid, rescue)!);
    expect(v.rows.map((r) => [r.values.handelsetyp, r.values.anlagd])).toEqual([["Brand i fordon", "Ja"], ["Brand utomhus", "Okänd"]]);
    expect(v.issues).toEqual([]);
  });
  it("flags exact duplicate rows and skips blank rows", () => {
    const grid = [header, ["K1", 45658, "10:00", "0601", "Stöld", "A 1"], [null, null], ["K1", 45658, "10:00", "0601", "Stöld", "A 1"]];
    const v = validateGrid(grid, police, findHeader(grid, police)!);
    expect(v.rows).toHaveLength(2);
    expect(v.issues).toEqual([expect.objectContaining({ code: "duplicate-row", cell: "A4", severity: "warning" })]);
  });
  it("requires a required free-text column and reads a row whose only filled cells are free text", () => {
    const strict = templateSchema.parse({ ...police, columns: police.columns.map((c) => (c.key === "brottsplats" ? { ...c, required: true } : c)) });
    const grid = [header, ["K1", 45658, "10:00", "0601", "Stöld", "Storgatan 1"], ["K2", 45658, "10:00", "0601", "Stöld", "  "], [null, null, null, null, null, null, "Anna"], [null, null, null, null, null, null, ""]];
    const v = validateGrid(grid, strict, findHeader(grid, strict)!);
    expect(v.rows.map((r) => [r.sheetRow, r.invalid, r.values.brottsplats])).toEqual([[2, false, undefined], [3, true, undefined], [4, true, undefined]]);
    expect(v.issues.map((i) => [i.cell, i.code])).toEqual([["F3", "required-missing"], ["B4", "required-missing"], ["D4", "required-missing"], ["F4", "required-missing"]]);
  });
  it("names the first equal row for every copy, each after its row's other findings, in row order", () => {
    const a = ["K1", 45658, "10:00", "0601", "Stöld", "A 1"];
    const bad = ["K2", "skräp", "10:00", "0601", "Stöld", "A 1"];
    const grid = [header, a, bad, [...a], ["K1", new Date(Date.UTC(2025, 0, 1)), "10:00", "0601", "Stöld", "A 1"], [...bad], ["K3", 45658, "25:00", "0601", "Stöld", "A 1"], [...a]];
    const v = validateGrid(grid, police, findHeader(grid, police)!);
    expect(v.issues.map((i) => [i.cell, i.code, i.message])).toEqual([
      ["B3", "date-invalid", expect.stringContaining("skräp")],
      ["A4", "duplicate-row", "Rad 4 är en exakt kopia av rad 2."],
      ["B6", "date-invalid", expect.stringContaining("skräp")],
      ["A6", "duplicate-row", "Rad 6 är en exakt kopia av rad 3."],
      ["C7", "time-invalid", expect.any(String)],
      ["A8", "duplicate-row", "Rad 8 är en exakt kopia av rad 2."],
    ]);
  });
});
