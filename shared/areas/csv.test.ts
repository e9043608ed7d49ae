import { describe, expect, it } from "vitest";
import { columnIndex, parseCsv } from "./csv";

describe("parseCsv", () => {
  it("reads a semicolon file with BOM, CRLF, blank lines and quoted fields, keeping line numbers", () => {
    const text = '\ufeffNamn;Nummer\r\n"Storgatan; norra";1\r\n\r\n"Citat ""x""";2\n"två\nrader";3';
    const t = parseCsv(text);
    expect(t.header).toEqual(["namn", "nummer"]);
    expect(t.rows).toEqual([
      { line: 2, fields: ["Storgatan; norra", "1"] },
      { line: 4, fields: ['Citat "x"', "2"] },
      { line: 5, fields: ["två\nrader", "3"] },
    ]);
  });

  it("reports missing columns", () => {
    expect(columnIndex(["a", "c"], ["a", "b", "c"])).toEqual({ index: { a: 0, c: 1 }, missing: ["b"] });
  });
});
