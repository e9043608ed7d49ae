import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { csvRecords } from "../../shared/areas/csv";
import { decodeCsvBytes, detectSeparator, readCsvGrid } from "./csv-reader";

const parseCsv = (text: string, separator: string) => csvRecords(text, separator).map((r) => r.fields);

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("decodeCsvBytes", () => {
  it("reads UTF-8 with and without BOM", () => {
    expect(decodeCsvBytes(utf8("Väktare;Typ\n"))).toEqual({ text: "Väktare;Typ\n", encoding: "utf-8" });
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Å;Ö")]))).toEqual({ text: "Å;Ö", encoding: "utf-8" });
  });

  it("reads Windows-1252 when the bytes are not UTF-8", () => {
    const bytes = new Uint8Array(iconv.encode("Ordningsstörning;Nästan händelse;Åsa – €", "win1252"));
    expect(bytes.includes(0xf6)).toBe(true);
    expect(decodeCsvBytes(bytes)).toEqual({ text: "Ordningsstörning;Nästan händelse;Åsa – €", encoding: "windows-1252" });
  });

  it("reads UTF-16 LE with BOM", () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...iconv.encode("Typ\tPlats", "utf16le")]);
    expect(decodeCsvBytes(bytes)).toEqual({ text: "Typ\tPlats", encoding: "utf-16le" });
  });
});

describe("detectSeparator", () => {
  it("picks the separator that splits the header and the rows alike", () => {
    expect(detectSeparator("a;b;c\n1;2;3\n")).toBe(";");
    expect(detectSeparator("a,b,c\n1,2,3\n")).toBe(",");
    expect(detectSeparator("a\tb\n1\t2\n")).toBe("\t");
    expect(detectSeparator("a|b\n1|2\n")).toBe("|");
  });

  it("is not misled by decimal commas or separators inside quotes", () => {
    expect(detectSeparator("Antal;Andel\n3;0,5\n4;1,25\n")).toBe(";");
    expect(detectSeparator('Plats,Typ\n"Storgatan 1; lgh 1201",Klotter\n"Ågatan 2",Klotter\n')).toBe(",");
  });
});

describe("the shared CSV splitter on an export", () => {
  it("honours quotes, doubled quotes, separators and line breaks in quoted fields, and CRLF", () => {
    expect(parseCsv('a;"b;c";"say ""hi"""\r\n"multi\nline";x;\r\n', ";")).toEqual([
      ["a", "b;c", 'say "hi"'],
      ["multi\nline", "x", ""],
    ]);
  });

  it("keeps a last line without a line end", () => {
    expect(parseCsv("a;b\n1;2", ";")).toEqual([["a", "b"], ["1", "2"]]);
  });
});

describe("readCsvGrid", () => {
  it("gives a rectangular grid of text, empty cells as null, trailing empty lines dropped", () => {
    const read = readCsvGrid(utf8("Datum;Tid;Typ\n2025-03-04;14:05;Klotter\n2025-03-05;;\n;;\n\n"));
    expect(read.separator).toBe(";");
    expect(read.grid).toEqual([
      ["Datum", "Tid", "Typ"],
      ["2025-03-04", "14:05", "Klotter"],
      ["2025-03-05", null, null],
    ]);
  });

  it("reads a Windows-1252 file with ; as Swedish Excel writes it", () => {
    const text = "Rapport-ID;Datum;Typ;Plats\r\nSEC-1;2025-03-04;Ordningsstörning;Logränd 11\r\n";
    const read = readCsvGrid(new Uint8Array(iconv.encode(text, "win1252")));
    expect(read.encoding).toBe("windows-1252");
    expect(read.separator).toBe(";");
    expect(read.grid[1]).toEqual(["SEC-1", "2025-03-04", "Ordningsstörning", "Logränd 11"]);
  });
});
