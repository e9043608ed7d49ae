// The contract every implementation of the workbook port must pass: Office.js (under office-addin-mock),
// ExcelJS and the in-memory host. What the port cannot read back is checked through an inspector.
import { describe, it, expect } from "vitest";
import type { CellValue } from "../../shared/grid/cell";
import type { PageSetupSpec, WorkbookPort } from "../../shared/protocol/workbook";

export interface WorkbookInspector {
  /** True when the cell holds a formula (text must never become one). */
  isFormula(sheet: string, cell: string): Promise<boolean>;
  fill(sheet: string, cell: string): Promise<string | null>;
  note(sheet: string, cell: string): Promise<string | null>;
  numberFormat(sheet: string, cell: string): Promise<string | null>;
  dropdown(sheet: string, cell: string): Promise<string[] | null>;
  conditionalFormats(sheet: string): Promise<{ range: string; textEquals: string; fill: string }[]>;
  /** Charts on the sheet, native or inserted as pictures. */
  chartCount(sheet: string): Promise<number>;
  pictureCount(sheet: string): Promise<number>;
  tables(sheet: string): Promise<{ name: string; range: string }[]>;
  isHidden(sheet: string): Promise<boolean>;
  /** How the sheet prints and what is frozen, as the port's spec says it (row breaks sorted). */
  pageSetup(sheet: string): Promise<Omit<PageSetupSpec, "sheet">>;
  /** Width of a column (0-based) in characters, or null when it was never set. */
  columnWidth(sheet: string, col: number): Promise<number | null>;
  selection(): Promise<{ sheet: string; cell: string } | null>;
}

export interface ContractSubject {
  workbook: WorkbookPort;
  inspect: WorkbookInspector;
}

const MS_PER_DAY = 86_400_000;
/** Dates as Excel serials, so Office.js (serials) and ExcelJS (Date objects) compare alike. */
export function comparable(grid: CellValue[][]): CellValue[][] {
  return grid.map((row) => row.map((v) => (v instanceof Date ? v.getTime() / MS_PER_DAY + 25569 : v === "" ? null : v)));
}

export const FORMULA_LOOKALIKES = ['=HYPERLINK("http://x","y")', "+1", "-1+2", "@SUM(A1)", "=1+1", "\t=2", "-", "=", "0301", "TRUE", "1/2", "12:30"];

export function runWorkbookContract(name: string, factory: () => Promise<ContractSubject>): void {
  describe(`workbook port contract: ${name}`, () => {
    it("adds, lists, replaces and deletes sheets; a taken name is refused whatever its case", async () => {
      const { workbook, inspect } = await factory();
      const before = await workbook.listSheets();
      await workbook.addSheet("Indikator brand");
      await workbook.addSheet("_dold", { hidden: true });
      expect(await workbook.listSheets()).toEqual([...before, "Indikator brand", "_dold"]);
      expect(await inspect.isHidden("_dold")).toBe(true);
      expect(await inspect.isHidden("Indikator brand")).toBe(false);
      await expect(workbook.addSheet("INDIKATOR BRAND")).rejects.toThrow();
      await workbook.writeValues("Indikator brand", "A1", [["gammalt"]]);
      await workbook.replaceSheet("Indikator brand");
      expect((await workbook.readUsedRange("Indikator brand")).values).toEqual([]);
      await workbook.replaceSheet("Ny");
      expect(await workbook.listSheets()).toContain("Ny");
      await workbook.deleteSheet("_dold");
      await workbook.deleteSheet("finns inte");
      expect(await workbook.listSheets()).not.toContain("_dold");
    });

    it("writes values and reads back the used range", async () => {
      const { workbook } = await factory();
      await workbook.addSheet("Data");
      const date = new Date(Date.UTC(2025, 2, 14));
      await workbook.writeValues("Data", "C3", [
        ["Datum", "Antal", "Klar", "Text"],
        [date, 12, true, "Stöld"],
        [null, 2.5, false, "Skadegörelse, brand"],
      ]);
      const used = await workbook.readUsedRange("Data");
      expect(used.topLeft).toBe("C3");
      expect(comparable(used.values)).toEqual([
        ["Datum", "Antal", "Klar", "Text"],
        [45730, 12, true, "Stöld"],
        [null, 2.5, false, "Skadegörelse, brand"],
      ]);
      expect((await workbook.readUsedRange(( await workbook.listSheets())[0])).values).toBeDefined();
    });

    it("writes text literally: a formula look-alike never becomes a formula", async () => {
      const { workbook, inspect } = await factory();
      await workbook.addSheet("Farlig");
      await workbook.writeValues("Farlig", "A1", FORMULA_LOOKALIKES.map((t) => [t]));
      const used = await workbook.readUsedRange("Farlig");
      expect(used.values.map((r) => r[0])).toEqual(FORMULA_LOOKALIKES);
      for (let i = 0; i < FORMULA_LOOKALIKES.length; i++) expect(await inspect.isFormula("Farlig", `A${i + 1}`)).toBe(false);
      await workbook.writeTable({ sheet: "Farlig", at: "C2", name: "farlig", columns: [{ header: "=rubrik" }], rows: [["@SUM(A1)"], ["+1"]] });
      const again = await workbook.readUsedRange("Farlig");
      expect(again.values[1][2]).toBe("=rubrik");
      expect(await inspect.isFormula("Farlig", "C2")).toBe(false);
      expect(await inspect.isFormula("Farlig", "C3")).toBe(false);
      expect(again.values[2][2]).toBe("@SUM(A1)");
    });

    it("applies number formats per column and per range", async () => {
      const { workbook, inspect } = await factory();
      await workbook.addSheet("Format");
      await workbook.writeValues("Format", "A1", [[45730, 0.5, "x"]], ["yyyy-mm-dd", "hh:mm", undefined]);
      expect(await inspect.numberFormat("Format", "A1")).toBe("yyyy-mm-dd");
      expect(await inspect.numberFormat("Format", "B1")).toBe("hh:mm");
      await workbook.setNumberFormat("Format", "D2:D500", "0.0");
      expect(await inspect.numberFormat("Format", "D2")).toBe("0.0");
      expect(await inspect.numberFormat("Format", "D500")).toBe("0.0");
    });

    it("writes a table with header lines above it and number formats", async () => {
      const { workbook, inspect } = await factory();
      await workbook.addSheet("Tabell");
      await workbook.writeTable({
        sheet: "Tabell", at: "A4", name: "Brand per område",
        columns: [{ header: "NYKO" }, { header: "Antal", numberFormat: "0" }, { header: "Andel", numberFormat: "0.0%" }],
        rows: [["111", 4, 0.25], ["112", "..", ".."]],
        headerLines: ["Brand utomhus", "Källa: Lägesbild", "Period: 2025-03"],
      });
      const used = await workbook.readUsedRange("Tabell");
      expect(used.topLeft).toBe("A1");
      expect(used.values.map((r) => r[0])).toEqual(["Brand utomhus", "Källa: Lägesbild", "Period: 2025-03", "NYKO", "111", "112"]);
      expect(used.values[3]).toEqual(["NYKO", "Antal", "Andel"]);
      expect(used.values[5]).toEqual(["112", "..", ".."]);
      const tables = await inspect.tables("Tabell");
      expect(tables).toHaveLength(1);
      expect(tables[0].range).toBe("A4:C6");
      expect(await inspect.numberFormat("Tabell", "B5")).toBe("0");
      expect(await inspect.numberFormat("Tabell", "C6")).toBe("0.0%");
    });

    it("marks cells with fill and note and clears only its own marks", async () => {
      const { workbook, inspect } = await factory();
      await workbook.addSheet("Fel");
      await workbook.writeValues("Fel", "A1", [["a", "b"], ["c", "d"]]);
      await workbook.markCells("Fel", [{ cell: "B2", fill: "#FFC7CE", note: "Ogiltigt datum" }, { cell: "A2", fill: "#ffeb9c" }]);
      expect(await inspect.fill("Fel", "B2")).toBe("#FFC7CE");
      expect(await inspect.fill("Fel", "A2")).toBe("#FFEB9C");
      expect(await inspect.note("Fel", "B2")).toBe("Ogiltigt datum");
      expect(await inspect.fill("Fel", "A1")).toBeNull();
      await workbook.markCells("Fel", [{ cell: "A1", note: "Saknas" }, { cell: "A1", note: "Saknas i mallen" }]);
      expect(await inspect.note("Fel", "A1")).toBe("Saknas i mallen");
      await workbook.markCells("Fel", [{ cell: "A1", note: "Ersatt" }]);
      expect(await inspect.note("Fel", "A1")).toBe("Ersatt");
      await workbook.clearMarks("Fel");
      for (const c of ["A1", "A2", "B2"]) {
        expect(await inspect.fill("Fel", c)).toBeNull();
        expect(await inspect.note("Fel", c)).toBeNull();
      }
      expect((await workbook.readUsedRange("Fel")).values).toEqual([["a", "b"], ["c", "d"]]);
    });

    it("writes an empty table with one blank data row, and refuses a taken table name", async () => {
      const { workbook, inspect } = await factory();
      await workbook.addSheet("Tom");
      await workbook.writeTable({ sheet: "Tom", at: "B2", name: "tom", columns: [{ header: "Område" }, { header: "Antal" }], rows: [] });
      expect((await inspect.tables("Tom"))[0].range).toBe("B2:C3");
      expect((await workbook.readUsedRange("Tom")).values).toEqual([["Område", "Antal"]]);
      await expect(workbook.writeTable({ sheet: "Tom", at: "E2", name: "tom", columns: [{ header: "x" }], rows: [[1]] })).rejects.toThrow();
    });

    it("selects a cell and activates its sheet", async () => {
      const { workbook, inspect } = await factory();
      await workbook.addSheet("Val");
      await workbook.selectCell("Val", "C7");
      expect(await inspect.selection()).toEqual({ sheet: "Val", cell: "C7" });
      expect(await workbook.activeSheet()).toBe("Val");
    });

    it("adds dropdowns, short and long, and conditional formats", async () => {
      const { workbook, inspect } = await factory();
      await workbook.addSheet("Listor");
      await workbook.addDropdown({ sheet: "Listor", range: "D2:D1000", values: ["Godkänn", "Returnera"] });
      const long = Array.from({ length: 40 }, (_, i) => `Kategori nummer ${i + 1}, lång`);
      await workbook.addDropdown({ sheet: "Listor", range: "E2:E50", values: long });
      expect(await inspect.dropdown("Listor", "D2")).toEqual(["Godkänn", "Returnera"]);
      expect(await inspect.dropdown("Listor", "D1000")).toEqual(["Godkänn", "Returnera"]);
      expect(await inspect.dropdown("Listor", "D1001")).toBeNull();
      expect(await inspect.dropdown("Listor", "E10")).toEqual(long);
      await workbook.addConditionalFormat({ sheet: "Listor", range: "B2:C20", textEquals: "..", fill: "#D9D9D9" });
      expect(await inspect.conditionalFormats("Listor")).toEqual([{ range: "B2:C20", textEquals: "..", fill: "#D9D9D9" }]);
      expect(await workbook.listSheets()).toContain("Listor");
    });

    it("adds a chart of a table and inserts a picture", async () => {
      const { workbook, inspect } = await factory();
      await workbook.addSheet("Diagram");
      await workbook.writeTable({ sheet: "Diagram", at: "A1", name: "diagramdata", columns: [{ header: "Månad" }, { header: "Antal" }], rows: [["2025-01", 3], ["2025-02", 7], ["2025-03", 5]] });
      await workbook.addChart({ sheet: "Diagram", title: "Antal per månad", dataRange: "A1:B4", at: "D2", kind: "column" });
      expect(await inspect.chartCount("Diagram")).toBe(1);
      await workbook.addSheet("Bild");
      const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
      await workbook.insertPicture({ sheet: "Bild", at: "B2", pngBase64: png, widthPx: 16, heightPx: 16 });
      expect(await inspect.pictureCount("Bild")).toBe(1);
    });

    it("adds a chart with axis titles, and inserts a picture given as SVG (the host renders it)", async () => {
      const { workbook, inspect } = await factory();
      await workbook.addSheet("Karta");
      await workbook.writeValues("Karta", "A1", [["Period (månad)", "Hela kommunen"], ["2026-01", 4], ["2026-02", ".."], ["2026-03", 6]]);
      await workbook.addChart({ sheet: "Karta", title: "Bränder", dataRange: "A1:B4", at: "D2", kind: "line", categoryTitle: "Period (månad)", valueTitle: "antal" });
      expect(await inspect.chartCount("Karta")).toBe(1);
      // A series with its 95 % interval in two more columns: one chart still.
      await workbook.writeValues("Karta", "A10", [["Period", "Hela kommunen", "Låg (95 %)", "Hög (95 %)"], ["2026-01", 4, 1.1, 10.2], ["2026-02", ".", null, null], ["2026-03", 6, 2.2, 13.1]]);
      await workbook.addChart({ sheet: "Karta", title: "Bränder med intervall", dataRange: "A10:D13", at: "D20", kind: "line", interval: { lowColumn: 2, highColumn: 3 } });
      expect(await inspect.chartCount("Karta")).toBe(2);
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="80" viewBox="0 0 160 80"><rect width="160" height="80" fill="#BDD7E7"/><text x="8" y="40" font-size="20">Karta &amp; ..</text></svg>`;
      await workbook.addSheet("Kartbild");
      await workbook.insertPicture({ sheet: "Kartbild", at: "B2", svg, widthPx: 160, heightPx: 80 });
      expect(await inspect.pictureCount("Kartbild")).toBe(1);
    });

    it("sets how a sheet prints (landscape, fit to width, title rows, page breaks), freezes panes and sets column widths", async () => {
      const { workbook, inspect } = await factory();
      await workbook.addSheet("Utskrift");
      await workbook.writeValues("Utskrift", "A1", Array.from({ length: 60 }, (_, i) => [`Område ${i + 1}`, i]));
      await workbook.setColumnWidths("Utskrift", [24, undefined, 9.5]);
      await workbook.setPageSetup({ sheet: "Utskrift", orientation: "landscape", fitToWidth: 1, printTitleRows: { first: 6, last: 6 }, freeze: { rows: 6, columns: 1 }, rowBreaks: [50, 30] });
      await workbook.selectCell("Utskrift", "B10");
      expect(await inspect.pageSetup("Utskrift")).toEqual({ orientation: "landscape", fitToWidth: 1, printTitleRows: { first: 6, last: 6 }, freeze: { rows: 6, columns: 1 }, rowBreaks: [30, 50] });
      expect(await inspect.selection()).toEqual({ sheet: "Utskrift", cell: "B10" });
      expect(await inspect.columnWidth("Utskrift", 0)).toBeCloseTo(24, 0);
      expect(await inspect.columnWidth("Utskrift", 2)).toBeCloseTo(9.5, 0);
      expect(await inspect.columnWidth("Utskrift", 1)).toBeNull();
      // Set again: the breaks and the frozen panes are replaced, what is left out stays.
      await workbook.setPageSetup({ sheet: "Utskrift", orientation: "portrait", fitToWidth: 2, freeze: { rows: 0, columns: 2 }, rowBreaks: [12] });
      expect(await inspect.pageSetup("Utskrift")).toEqual({ orientation: "portrait", fitToWidth: 2, printTitleRows: { first: 6, last: 6 }, freeze: { rows: 0, columns: 2 }, rowBreaks: [12] });
      expect((await workbook.readUsedRange("Utskrift")).values).toHaveLength(60);
    });

    it("reads and writes settings", async () => {
      const { workbook } = await factory();
      expect(await workbook.getSetting("lagesbild.test")).toBeNull();
      await workbook.setSetting("lagesbild.test", JSON.stringify({ id: "polis-anmalningar", version: 2 }));
      await workbook.setSetting("annan", "å");
      await workbook.setSetting("lagesbild.test", "ersatt");
      expect(await workbook.getSetting("lagesbild.test")).toBe("ersatt");
      expect(await workbook.getSetting("annan")).toBe("å");
    });
  });
}
