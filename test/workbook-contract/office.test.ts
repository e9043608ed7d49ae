import { describe, it, expect } from "vitest";
import { OfficeWorkbook } from "../../addin/excel/office-workbook";
import { EXCEL_PAYLOAD_LIMIT, MockExcel, keyOf } from "../../addin/testing/excel-mock";
import { LIST_SHEET, rangeContains } from "../../shared/workbook/layout";
import { svgToPng } from "../../sync-server/pictures/svg-png";
import { pngSize } from "../helpers/png";
import { runWorkbookContract, type WorkbookInspector } from "./contract";

export function mockInspector(excel: MockExcel): WorkbookInspector {
  const sheet = (name: string) => {
    const s = excel.sheet(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  };
  return {
    isFormula: async (s, c) => sheet(s).cells.get(keyOf(c))?.formula !== undefined,
    fill: async (s, c) => sheet(s).fills.get(c) ?? null,
    note: async (s, c) => sheet(s).comments.get(c) ?? null,
    numberFormat: async (s, c) => sheet(s).formats.get(keyOf(c)) ?? null,
    dropdown: async (s, c) => {
      const v = [...sheet(s).validations].reverse().find((x) => rangeContains(x.range, c));
      if (!v) return null;
      if (!v.source.startsWith("=")) return v.source.split(",");
      const m = /\$([A-Z]+)\$1:\$[A-Z]+\$(\d+)$/.exec(v.source)!;
      return Array.from({ length: Number(m[2]) }, (_, i) => String(sheet(LIST_SHEET).cells.get(keyOf(`${m[1]}${i + 1}`))?.value));
    },
    conditionalFormats: async (s) =>
      sheet(s).conditionalFormats.map((cf) => ({ range: cf.range, textEquals: /,"(.*)"\)$/.exec(cf.formula)![1].replace(/""/g, '"'), fill: cf.fill })),
    chartCount: async (s) => sheet(s).charts.length,
    pictureCount: async (s) => sheet(s).shapes.length,
    tables: async (s) => sheet(s).tables.map((t) => ({ name: t.name, range: t.range })),
    isHidden: async (s) => sheet(s).visibility !== "Visible",
    selection: async () => excel.selection,
    pageSetup: async (s) => {
      const { pageLayout, freeze, rowBreaks } = sheet(s);
      const titles = /^\$(\d+):\$(\d+)$/.exec(pageLayout.printTitleRows ?? "");
      return {
        orientation: pageLayout.orientation === "Landscape" ? "landscape" : "portrait",
        fitToWidth: pageLayout.zoom?.horizontalFitToPages ?? 0,
        ...(titles ? { printTitleRows: { first: Number(titles[1]), last: Number(titles[2]) } } : {}),
        freeze,
        rowBreaks: [...rowBreaks].sort((a, b) => a - b),
      };
    },
    columnWidth: async (s, c) => {
      const pt = sheet(s).columnWidths.get(c);
      return pt === undefined ? null : (pt / 0.75 - 5) / 7;
    },
  };
}

/** Node has no canvas: SVG pictures are rendered here by the server's renderer, as the pane's canvas would. */
const renderSvg = async (svg: string, widthPx: number) => svgToPng(svg, { width: widthPx * 2 }).png.toString("base64");

runWorkbookContract("Office.js under office-addin-mock", async () => {
  const excel = new MockExcel();
  return { workbook: new OfficeWorkbook({ excel, renderSvg }), inspect: mockInspector(excel) };
});

describe("Office.js workbook under office-addin-mock", () => {
  it("makes a native chart with its title and axis titles, and renders an SVG picture before inserting it", async () => {
    const excel = new MockExcel();
    const rendered: { svg: string; widthPx: number; heightPx: number }[] = [];
    const wb = new OfficeWorkbook({
      excel,
      renderSvg: async (svg, widthPx, heightPx) => {
        rendered.push({ svg, widthPx, heightPx });
        return renderSvg(svg, widthPx);
      },
    });
    await wb.addSheet("D");
    await wb.writeValues("D", "A1", [["Period (månad)", "Hela kommunen"], ["2026-01", 3], ["2026-02", 5]]);
    await wb.addChart({ sheet: "D", title: "Bränder per månad", dataRange: "A1:B3", at: "E2", kind: "line", categoryTitle: "Period (månad)", valueTitle: "antal" });
    expect(excel.sheet("D")!.charts).toEqual([{ type: "Line", source: "A1:B3", title: "Bränder per månad", at: "E2", categoryTitle: "Period (månad)", valueTitle: "antal" }]);
    // A series with its 95 % interval: the two bound columns become dashed lines without markers, not bars or points.
    await wb.writeValues("D", "A10", [["Period", "Hela kommunen", "Låg (95 %)", "Hög (95 %)"], ["2026-01", 3, 0.6, 8.8], ["2026-02", 5, 1.6, 11.7]]);
    await wb.addChart({ sheet: "D", title: "Med intervall", dataRange: "A10:D12", at: "E10", kind: "column", interval: { lowColumn: 2, highColumn: 3 } });
    const withInterval = excel.sheet("D")!.charts[1];
    expect(withInterval).toMatchObject({ type: "ColumnClustered", source: "A10:D12" });
    expect(withInterval.styled).toEqual([
      { index: 1, chartType: "Line", lineStyle: "Dash", color: "#6CA0DC", markerStyle: "None" },
      { index: 2, chartType: "Line", lineStyle: "Dash", color: "#6CA0DC", markerStyle: "None" },
    ]);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40"><text x="4" y="24">Karta</text></svg>`;
    await wb.insertPicture({ sheet: "D", at: "E20", svg, widthPx: 80, heightPx: 40 });
    expect(rendered).toEqual([{ svg, widthPx: 80, heightPx: 40 }]);
    const [shape] = excel.sheet("D")!.shapes;
    expect(pngSize(Buffer.from(shape.base64, "base64"))).toEqual({ width: 160, height: 80 });
    expect([shape.width, shape.height]).toEqual([60, 30]); // points
  });

  it("reads and writes a 200,000-row sheet in requests under 5 MB each, suspending screen updating", async () => {
    const excel = new MockExcel();
    const wb = new OfficeWorkbook({ excel });
    const header = ["Anmälningsnummer", "Datum", "Klockslag", "Brottskod", "Brottsbenämning", "Brottsplats", "Målsägande", "Personnummer misstänkt", "Händelseförlopp"];
    const rows = Array.from({ length: 200_000 }, (_, i) => [
      `K${i + 1}`, 45658 + (i % 600), `${String(i % 24).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}`, "0301", "Skadegörelse",
      `Storgatan ${i % 90} B, 123 45 Demokommun`, "Anna Andersson", "19800101-1234", "Okänd gärningsperson krossade en ruta vid entrén under natten.",
    ]);
    await wb.addSheet("Anmälningar");
    const beforeWrite = excel.syncCount;
    await wb.writeValues("Anmälningar", "A1", [header, ...rows], [undefined, "yyyy-mm-dd"]);
    const writes = excel.requests.slice(beforeWrite);
    const beforeRead = excel.syncCount;
    const used = await wb.readUsedRange("Anmälningar");
    const reads = excel.requests.slice(beforeRead);

    expect(used.values).toHaveLength(200_001);
    expect(used.values[200_000]).toEqual(rows[199_999]);
    expect(used.values[1][2]).toBe("00:00");
    expect(excel.sheet("Anmälningar")!.formats.get(keyOf("B200001"))).toBe("yyyy-mm-dd");
    expect(writes.length).toBeGreaterThan(1);
    expect(reads.length).toBeGreaterThan(2);
    for (const r of writes) expect(r.requestBytes).toBeLessThan(EXCEL_PAYLOAD_LIMIT);
    for (const r of reads) expect(r.responseBytes).toBeLessThan(EXCEL_PAYLOAD_LIMIT);
    expect(writes.every((r) => r.suspendedScreenUpdating)).toBe(true);
    const mb = (n: number) => (n / 1_048_576).toFixed(2);
    console.log(
      `200,000 rows × 9 columns: write in ${writes.length} syncs (largest request ${mb(Math.max(...writes.map((r) => r.requestBytes)))} MB), ` +
        `read in ${reads.length} syncs (largest response ${mb(Math.max(...reads.map((r) => r.responseBytes)))} MB)`,
    );
  }, 300_000);

  it("the mock refuses a request over 5 MB, and the reader halves its chunk and carries on", async () => {
    const excel = new MockExcel();
    const wb = new OfficeWorkbook({ excel, limits: { maxBytes: 20_000_000, maxCells: 10_000_000 } });
    await wb.addSheet("Stort");
    const big = Array.from({ length: 4000 }, () => ["x".repeat(2000)]);
    await expect(wb.writeValues("Stort", "A1", big)).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    const ok = new OfficeWorkbook({ excel });
    await ok.writeValues("Stort", "A1", big);
    excel.payloadLimit = 3_000_000;
    const reader = new OfficeWorkbook({ excel, limits: { maxBytes: 20_000_000, maxCells: 10_000_000 } });
    expect((await reader.readUsedRange("Stort")).values).toHaveLength(4000);
  }, 120_000);

  it("loads before reading: office-addin-mock gives an error text for a property that was not loaded", async () => {
    const excel = new MockExcel(["Blad1"]);
    const names = await excel.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const before = (sheets as unknown as { items: unknown }).items;
      sheets.load("items/name");
      await ctx.sync();
      return { before, after: sheets.items.map((s) => s.name) };
    });
    expect(names.before).not.toEqual([]);
    expect(names.after).toEqual(["Blad1"]);
  });
});
