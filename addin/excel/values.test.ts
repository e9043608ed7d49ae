import { describe, it, expect } from "vitest";
import { estimateRowBytes, fromExcelValue, toExcelValue } from "./values";
import { chunkRows } from "./chunks";

describe("values for Office.js", () => {
  it("quotes formula look-alikes and text Excel would parse, leaves other text alone", () => {
    expect(toExcelValue('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(toExcelValue("+1")).toBe("'+1");
    expect(toExcelValue("-1+2")).toBe("'-1+2");
    expect(toExcelValue("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(toExcelValue("0301")).toBe("'0301");
    expect(toExcelValue("12:30")).toBe("'12:30");
    expect(toExcelValue("TRUE")).toBe("'TRUE");
    expect(toExcelValue("2025-03-01")).toBe("'2025-03-01");
    expect(toExcelValue("Storgatan 12")).toBe("Storgatan 12");
    expect(toExcelValue("Skadegörelse")).toBe("Skadegörelse");
  });

  it("turns dates into serials and null into an empty cell, and back", () => {
    expect(toExcelValue(new Date(Date.UTC(2025, 2, 14)))).toBe(45730);
    expect(toExcelValue(new Date(Date.UTC(2025, 2, 14, 12)))).toBe(45730.5);
    expect(toExcelValue(null)).toBe("");
    expect(fromExcelValue("")).toBeNull();
    expect(fromExcelValue(3)).toBe(3);
  });
});

describe("chunkRows", () => {
  it("keeps each chunk under the byte and cell budgets and covers every row once", () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [`rad ${i}`, "x".repeat(i % 50), i]);
    const chunks = chunkRows(rows, { maxBytes: 5_000, maxCells: 300 });
    expect(chunks[0][0]).toBe(0);
    expect(chunks[chunks.length - 1][1]).toBe(1000);
    for (let i = 1; i < chunks.length; i++) expect(chunks[i][0]).toBe(chunks[i - 1][1]);
    for (const [a, b] of chunks) {
      expect((b - a) * 3).toBeLessThanOrEqual(300);
      expect(JSON.stringify(rows.slice(a, b)).length).toBeLessThanOrEqual(5_000);
    }
  });

  it("refuses a single row larger than a request", () => {
    expect(() => chunkRows([["x".repeat(10_000)]], { maxBytes: 1_000, maxCells: 10 })).toThrow();
  });
});

describe("createOfficeWorkbook", () => {
  it("can be constructed where there is no Office host (Excel is looked up per batch)", async () => {
    const { createOfficeWorkbook } = await import("./office-workbook");
    const wb = createOfficeWorkbook();
    await expect(wb.listSheets()).rejects.toThrow(/Excel/);
  });
});

describe("estimateRowBytes", () => {
  it("counts every value as String() would write it, without making the strings for numbers and booleans", () => {
    const rows: unknown[][] = [[0, 7, -7, 10, 99, 100, -1000, 2 ** 53 - 1, -(2 ** 53) + 1, 1.5, -0.25, 1e21, 2 ** 60, NaN, Infinity], [true, false, null, "åäö", ""]];
    for (const row of rows) {
      const expected = 2 + row.reduce<number>((n, v) => n + (typeof v === "string" ? 3 + v.length * 3 : 1 + String(v).length), 0);
      expect(estimateRowBytes(row)).toBe(expected);
    }
  });
});
