import { describe, it, expect } from "vitest";
import { cellsOfRange, excelTableName, inlineListFormula, listSheetReference, rangeContains, sheetNameProblem, tableLayout } from "./layout";

describe("workbook layout", () => {
  it("puts header lines above the table and moves the table down when they do not fit", () => {
    const base = { sheet: "S", name: "t", columns: [{ header: "a" }, { header: "b" }], rows: [[1, 2], [3, 4]] };
    expect(tableLayout({ ...base, at: "A5", headerLines: ["x", "y"] })).toMatchObject({ linesRow: 2, headerRow: 4, range: "A5:B7" });
    expect(tableLayout({ ...base, at: "B1", headerLines: ["x", "y", "z"] })).toMatchObject({ linesRow: 0, headerRow: 3, at: "B4", range: "B4:C6" });
    expect(tableLayout({ ...base, at: "A1", rows: [] })).toMatchObject({ range: "A1:B2", dataRowCount: 1 });
  });

  it("makes valid table names", () => {
    expect(excelTableName("Skadegörelse per område")).toBe("Skadegorelse_per_omrade");
    expect(excelTableName("2025 brand")).toBe("T_2025_brand");
    expect(excelTableName("AB12")).toBe("T_AB12");
  });

  it("checks sheet names", () => {
    expect(sheetNameProblem("Anmälningar")).toBeNull();
    expect(sheetNameProblem("a/b")).not.toBeNull();
    expect(sheetNameProblem("x".repeat(32))).not.toBeNull();
  });

  it("uses an inline list when it fits and a list sheet otherwise", () => {
    expect(inlineListFormula(["Ja", "Nej"])).toBe('"Ja,Nej"');
    expect(inlineListFormula(["a,b"])).toBeNull();
    expect(inlineListFormula(Array.from({ length: 60 }, (_, i) => `värde ${i}`))).toBeNull();
    expect(listSheetReference(1, 3)).toBe("'_lagesbild_listor'!$B$1:$B$3");
  });

  it("enumerates and tests ranges", () => {
    expect(cellsOfRange("B2:C3")).toEqual(["B2", "C2", "B3", "C3"]);
    expect(rangeContains("D2:D100", "D50")).toBe(true);
    expect(rangeContains("D2:D100", "E50")).toBe(false);
  });
});
