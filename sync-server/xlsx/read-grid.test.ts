// The streaming reader gives the grid the ExcelJS workbook gave (our reader before it): every demo export, and
// hand-written sheets with the cases a real export may hold.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ExcelJsWorkbook } from "../workbook/exceljs-workbook";
import { DEMO_DATA_DIR } from "../../test/fixtures/paths";
import { rawXlsx, type RawWorkbook } from "../../test/fixtures/raw-xlsx";
import { SheetScanner } from "./sheet-scanner";
import { XlsxReader, withXlsx } from "./read-grid";

const dir = mkdtempSync(join(tmpdir(), "read-grid-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let written = 0;

function writeBook(book: RawWorkbook): string {
  const path = join(dir, `book-${written++}.xlsx`);
  writeFileSync(path, rawXlsx(book));
  return path;
}

/** Both readers on every sheet of the file: the same sheets, the same used ranges. */
async function expectSameAsExcelJs(path: string): Promise<Awaited<ReturnType<XlsxReader["readUsedRange"]>>[]> {
  const old = await ExcelJsWorkbook.fromFile(path);
  return withXlsx(path, async (reader) => {
    const sheets = await old.listSheets();
    expect(reader.listSheets()).toEqual(sheets);
    const ranges = [];
    for (const sheet of sheets) {
      const expected = await old.readUsedRange(sheet);
      // ExcelJS turns a formula without a cached value into the text "[object Object]"; the new reader leaves it empty.
      for (const line of expected.values) line.forEach((v, c) => v === "[object Object]" && (line[c] = null));
      const actual = await reader.readUsedRange(sheet);
      expect(actual.topLeft).toBe(expected.topLeft);
      expect(actual.values.length).toBe(expected.values.length);
      for (let r = 0; r < expected.values.length; r++) expect(actual.values[r], `row ${r + 1} of ${sheet}`).toStrictEqual(expected.values[r]);
      ranges.push(actual);
    }
    return ranges;
  });
}

describe("the streaming xlsx reader", () => {
  const actors = join(DEMO_DATA_DIR, "actors");
  for (const file of readdirSync(actors).filter((f) => f.endsWith(".xlsx"))) {
    it(`reads the demo export ${file} as ExcelJS did`, async () => {
      const [first] = await expectSameAsExcelJs(join(actors, file));
      expect(first.values.length).toBeGreaterThan(10);
    }, 120_000);
  }

  it("reads the 200,000-row police export as ExcelJS did", async () => {
    const [grid] = await expectSameAsExcelJs(join(DEMO_DATA_DIR, "perf", "polisen-200000.xlsx"));
    expect(grid.values).toHaveLength(200_001);
  }, 600_000);

  it("reads strings: shared (plain, rich, phonetic, escaped, with entities) and inline (plain and rich)", async () => {
    const path = writeBook({
      sharedStrings: [
        "<si><t>Stöld</t></si>",
        '<si><r><t>Skade</t></r><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">görelse </t></r></si>',
        "<si><t>漢字</t><rPh sb=\"0\" eb=\"2\"><t>かんじ</t></rPh><phoneticPr fontId=\"1\"/></si>",
        "<si><t>rad1_x000D_\nrad2</t></si>",
        "<si><t>A &amp; B &lt;3&gt; &quot;c&quot; &#229;&#xE4;</t></si>",
        '<si><t xml:space="preserve">  mellanslag  </t></si>',
        "<si><t/></si>",
        "<si><t>tre\r\nrader\rhär</t></si>",
      ],
      sheets: [{
        name: "Blad1",
        body: '<sheetData><row r="1">' +
          '<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c>' +
          '<c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c><c r="H1" t="s"><v>7</v></c></row>' +
          '<row r="2"><c r="A2" t="inlineStr"><is><t>Hej &amp; hå</t></is></c>' +
          '<c r="B2" t="inlineStr"><is><r><t>Rik</t></r><r><rPr><i/></rPr><t>_x0041_ text</t></r></is></c>' +
          '<c r="C2" t="inlineStr"><is><t>_x0041_ bokstavligt</t></is></c>' +
          '<c r="D2" t="str"><v>a &amp;amp; b</v></c></row></sheetData>',
      }],
    });
    const [range] = await expectSameAsExcelJs(path);
    expect(range.values).toStrictEqual([
      ["Stöld", "Skadegörelse ", "漢字", "rad1\r\nrad2", "A & B <3> \"c\" åä", "  mellanslag  ", null, "tre\nrader\nhär"],
      ["Hej & hå", "RikA text", "_x0041_ bokstavligt", "a & b", null, null, null, null],
    ]);
  });

  it("reads numbers, booleans, errors, dates in date formats (built-in and custom) and formulas' cached values", async () => {
    const path = writeBook({
      numFmts: ['<numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>', '<numFmt numFmtId="165" formatCode="0.00&quot; dagar&quot;"/>', '<numFmt numFmtId="166" formatCode="[h]:mm"/>', '<numFmt numFmtId="167" formatCode="[Red]0.0"/>'],
      cellXfs: ['<xf numFmtId="14" applyNumberFormat="1"/>', '<xf numFmtId="164" applyNumberFormat="1"/>', '<xf numFmtId="165" applyNumberFormat="1"/>', '<xf numFmtId="166" applyNumberFormat="1"/>', '<xf numFmtId="167" applyNumberFormat="1"/>', '<xf numFmtId="2" applyNumberFormat="1"/>', '<xf numFmtId="20" applyNumberFormat="1"/>'],
      sharedStrings: ["<si><t>x</t></si>"],
      sheets: [{
        name: "Tal",
        body: '<sheetData><row r="1"><c r="A1"><v>42</v></c><c r="B1"><v>-1.5</v></c><c r="C1" t="n"><v>1E-3</v></c><c r="D1"><v>007</v></c>' +
          '<c r="E1"><v>12345678901234567890</v></c><c r="F1" s="6"><v>0.1</v></c></row>' +
          '<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>0</v></c><c r="C2" t="e"><v>#N/A</v></c><c r="D2" s="3"><v>2</v></c><c r="E2" s="5"><v>7</v></c></row>' +
          '<row r="3"><c r="A3" s="1"><v>45658</v></c><c r="B3" s="2"><v>45658.75</v></c><c r="C3" s="4"><v>0.5</v></c><c r="D3" s="7"><v>0.25</v></c><c r="E3" s="2"><v>60</v></c></row>' +
          '<row r="4"><c r="A4"><f>1+1</f><v>2</v></c><c r="B4" t="str"><f>A1&amp;"x"</f><v>42x</v></c><c r="C4" t="b"><f>TRUE()</f><v>1</v></c>' +
          '<c r="D4" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E4"><f>NOW()</f></c><c r="F4" s="2"><f>A3+1</f><v>45659</v></c></row>' +
          '<row r="5"><c r="A5"><f t="shared" ref="A5:C5" si="0">B1*2</f><v>-3</v></c><c r="B5"><f t="shared" si="0"/><v>0.002</v></c><c r="C5"><f t="shared" si="0"/></c></row></sheetData>',
      }],
    });
    const [range] = await expectSameAsExcelJs(path);
    const date = (iso: string) => new Date(iso);
    expect(range.values).toStrictEqual([
      [42, -1.5, 0.001, 7, 12345678901234567890, 0.1],
      [true, false, null, 2, 7, null],
      [date("2025-01-01T00:00:00Z"), date("2025-01-01T18:00:00Z"), date("1899-12-30T12:00:00Z"), date("1899-12-30T06:00:00Z"), date("1900-02-28T00:00:00Z"), null],
      [2, "42x", true, null, null, date("2025-01-02T00:00:00Z")],
      [-3, 0.002, null, null, null, null],
    ]);
  });

  it("reads sparse rows, empty and styled-only cells, cells without an address and merged areas", async () => {
    const path = writeBook({
      cellXfs: ['<xf numFmtId="0"/>'],
      sharedStrings: ["<si><t>Rubrik</t></si>", "<si><t></t></si>", "<si><t>dold</t></si>"],
      sheets: [{
        name: "Glest",
        body: '<sheetFormatPr defaultRowHeight="15"/><sheetData><row r="2" spans="2:6"><c r="B2" t="s"><v>0</v></c><c r="C2" s="1"/><c r="D2" t="s"><v>2</v></c></row>' +
          '<row r="3"/><row r="5"><c r="C5" s="1"></c><c r="D5" t="s"><v>1</v></c><c r="E5"><v></v></c></row>' +
          '<row r="7"><c r="B7"><v>1</v></c><c><v>2</v></c><c s="1"/><c><v>4</v></c></row>' +
          '<!-- en kommentar <c r="Z9"><v>9</v></c> --><row r="9"><c r="F9"><v>9</v></c></row></sheetData>' +
          '<mergeCells count="2"><mergeCell ref="B2:D2"/><mergeCell ref="B9:C10"/></mergeCells>',
      }],
    });
    const [range] = await expectSameAsExcelJs(path);
    expect(range.topLeft).toBe("B2");
    expect(range.values).toStrictEqual([
      ["Rubrik", "Rubrik", "Rubrik", null, null],
      [null, null, null, null, null],
      [null, null, null, null, null],
      [null, null, null, null, null],
      [null, null, null, null, null],
      [1, 2, null, 4, null],
      [null, null, null, null, null],
      [null, null, null, null, 9],
    ]);
  });

  it("counts dates from 1904 in a workbook that says so, and reads stored parts", async () => {
    const path = writeBook({
      date1904: true,
      cellXfs: ['<xf numFmtId="14" applyNumberFormat="1"/>'],
      stored: ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"],
      sheets: [{ name: "1904", body: '<sheetData><row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>44196</v></c></row></sheetData>' }],
    });
    const [range] = await expectSameAsExcelJs(path);
    expect(range.values).toStrictEqual([[new Date("1904-01-01T00:00:00Z"), new Date("2025-01-01T00:00:00Z")]]);
  });

  it("lists sheets in workbook order without the settings sheet, and finds a sheet whatever its case", async () => {
    const body = '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>';
    const path = writeBook({
      sheets: [{ name: "_lista", body, state: "hidden" }, { name: "Data & mer", body }, { name: "_lagesbild_installningar", body, state: "veryHidden" }, { name: "Tom", body: "<sheetData/>" }],
    });
    await expectSameAsExcelJs(path);
    await withXlsx(path, async (reader) => {
      expect(reader.listSheets()).toEqual(["_lista", "Data & mer", "Tom"]);
      expect(await reader.readUsedRange("data & MER")).toEqual({ topLeft: "A1", values: [[1]] });
      expect(await reader.readUsedRange("Tom")).toEqual({ topLeft: "A1", values: [] });
      await expect(reader.readUsedRange("Finns inte")).rejects.toThrow("Bladet ”Finns inte” finns inte.");
    });
  });

  it("reads the same grid whatever the sheet's text is cut into", () => {
    const xml = '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>åäö &amp; €</t></is></c><c r="C1"><f>1</f><v>3.25</v></c></row>' +
      '<row r="3"><c r="B3" t="b"><v>1</v></c></row></sheetData><mergeCells><mergeCell ref="B3:C3"/></mergeCells></worksheet>';
    const whole = new SheetScanner({ strings: ["Datum"], dateStyles: [], date1904: false });
    whole.push(xml);
    const expected = whole.finish();
    expect(expected.values).toStrictEqual([["Datum", "åäö & €", 3.25], [null, null, null], [null, true, true]]);
    for (const size of [1, 2, 3, 7, 16]) {
      const scanner = new SheetScanner({ strings: ["Datum"], dateStyles: [], date1904: false });
      for (let i = 0; i < xml.length; i += size) scanner.push(xml.slice(i, i + size));
      expect(scanner.finish(), `pieces of ${size}`).toStrictEqual(expected);
    }
  });

  it("says in Swedish what is wrong with a file that is no workbook or is cut short", async () => {
    const notZip = join(dir, "inte.xlsx");
    writeFileSync(notZip, "Datum;Brott\n2025-01-01;Stöld\n");
    await expect(XlsxReader.open(notZip)).rejects.toThrow(/är ingen \.xlsx-fil/);
    const cut = new SheetScanner({ strings: [], dateStyles: [], date1904: false });
    cut.push('<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>');
    expect(() => cut.finish()).toThrow("Bladets data tar slut mitt i (filen är skadad).");
  });
});
