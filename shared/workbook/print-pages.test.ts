import { describe, expect, it } from "vitest";
import { A4, columnWidthPt, estimatePrintedPages, printScale, rowsCovered, rowsPerPage } from "./print-pages";

describe("estimatePrintedPages", () => {
  const narrow = { orientation: "landscape" as const, fitToWidth: 1, columnWidths: [15, 20, 6, 9, 9] };

  it("measures columns and pictures as Excel does", () => {
    expect(columnWidthPt(undefined)).toBe(48); // the default 8.43 characters: 64 px
    expect(columnWidthPt(10)).toBe(56.25);
    expect(rowsCovered(288)).toBe(15);
  });

  it("prints a narrow sheet at full size: a landscape page holds its printable height in rows of 15 pt", () => {
    expect(printScale(narrow)).toBe(1);
    const perPage = Math.floor(A4.widthPt / 15);
    expect(rowsPerPage(1, narrow)).toBe(perPage);
    expect(estimatePrintedPages({ ...narrow, rows: perPage })).toBe(1);
    expect(estimatePrintedPages({ ...narrow, rows: perPage + 1 })).toBe(2);
    expect(estimatePrintedPages({ ...narrow, rows: 0 })).toBe(0);
  });

  it("scales a wide sheet down to one page wide, and more rows fit on each page", () => {
    const wide = { ...narrow, columnWidths: Array(30).fill(12) };
    const scale = printScale(wide);
    expect(scale).toBeLessThan(1);
    expect(scale).toBeGreaterThanOrEqual(0.1);
    expect(rowsPerPage(scale, wide)).toBeGreaterThan(rowsPerPage(1, wide));
    // Without fit to width, the same sheet prints at 100 %.
    expect(printScale({ ...wide, fitToWidth: 0 })).toBe(1);
    // A picture reaching past the columns counts too.
    expect(printScale({ ...narrow, extraWidthPt: 2000 })).toBeLessThan(printScale(narrow));
  });

  it("repeats the title rows on every page after they appear, which leaves less room below them", () => {
    const perPage = rowsPerPage(1, narrow);
    const rows = perPage * 4;
    const plain = estimatePrintedPages({ ...narrow, rows });
    const titled = estimatePrintedPages({ ...narrow, rows, printTitleRows: { first: 1, last: 3 } });
    expect(plain).toBe(4);
    expect(titled).toBe(1 + Math.ceil((rows - perPage) / (perPage - 3)));
  });

  it("starts a page at each manual break, and ignores breaks past the last row", () => {
    const perPage = rowsPerPage(1, narrow);
    expect(estimatePrintedPages({ ...narrow, rows: 20, rowBreaks: [5, 12] })).toBe(3);
    expect(estimatePrintedPages({ ...narrow, rows: 20, rowBreaks: [21, 400, 1] })).toBe(1);
    // Rows 1–4, then a full page from row 5, then the rest.
    expect(estimatePrintedPages({ ...narrow, rows: perPage + 10, rowBreaks: [5] })).toBe(3);
    // Portrait holds more rows than landscape.
    expect(rowsPerPage(1, { orientation: "portrait" })).toBeGreaterThan(rowsPerPage(1, narrow));
  });
});
