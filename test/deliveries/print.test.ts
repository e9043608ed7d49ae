// A year's delivery prints in tens of pages: the demo's full picture (every partner's history approved, one round),
// polisen's latest delivery written to an .xlsx by `lagesbild fetch`'s own file writer, and the pages that file
// prints on estimated from the file itself (shared/workbook/print-pages.ts). Each sheet prints landscape, one page
// wide, with its title on every page, and shows the area names in full.
import request from "supertest";
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normaliseCell } from "../../shared/grid/cell";
import type { Delivery } from "../../shared/protocol/delivery";
import { estimatePrintedPages, printScale } from "../../shared/workbook/print-pages";
import { SAFETY_SHEET } from "../../shared/workbook/safety-sheet";
import { writeDeliveryFile } from "../../sync-server/cli/fetch";
import { testConfig } from "../../sync-server/config";
import { createLogger } from "../../sync-server/logger";
import { DEMO_DIR } from "../../sync-server/seed/demo-dir";
import { seedDemoPicture } from "../../sync-server/seed/picture";
import { printedSheets, type PrintedSheet } from "../helpers/xlsx-print";
import { makeServer, type TestServer } from "../helpers/server";

let s: TestServer;
let delivery: Delivery;
let names: Map<string, string>;
let file: string;
let sheets: PrintedSheet[];
const dir = mkdtempSync(join(tmpdir(), "lb-print-"));

beforeAll(async () => {
  s = makeServer({ start: "2026-11-20T09:00:00Z" });
  await seedDemoPicture({ db: s.db, config: testConfig(), clock: s.clock, logger: createLogger("silent") }, s.deps, DEMO_DIR);
  const latest = await request(s.app).get("/api/deliveries/latest").set(await s.as("polisen"));
  const areas = await request(s.app).get("/api/registers/nyko-areas").set(await s.as("polisen"));
  delivery = latest.body as Delivery;
  names = new Map((areas.body.areas as { code: string; name: string }[]).map((a) => [a.code, a.name]));
  file = join(dir, "polisen.xlsx");
  await writeDeliveryFile(delivery, file, names);
  sheets = await printedSheets(new Uint8Array(readFileSync(file)));
}, 600_000);

afterAll(() => {
  s?.db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a year's delivery on paper", () => {
  it("prints in tens of pages, where one row per area and period would take hundreds", () => {
    expect(delivery.cells.length).toBeGreaterThan(5000);
    const total = sheets.reduce((n, x) => n + x.pages, 0);
    // The long form as it was: one row per cell under six header lines, 7 columns of default width, no print setup.
    const byIndicator = new Map<string, number>();
    for (const c of delivery.cells) byIndicator.set(c.indicator, (byIndicator.get(c.indicator) ?? 0) + 1);
    const longForm = [...byIndicator.values()].reduce((n, cells) => n + estimatePrintedPages({ orientation: "portrait", columnWidths: Array(7).fill(undefined), rows: 6 + cells }), 0);
    console.log(`polisen's delivery (${delivery.cells.length} cells, ${sheets.length} sheets): ${total} pages; ${longForm} in the long form`);
    // One sheet per indicator, the overview, and "Trygghet och händelser" (the demo's surveys have published shares).
    expect(sheets.length).toBe(byIndicator.size + 2);
    expect(sheets.map((x) => x.name)).toContain(SAFETY_SHEET);
    expect(total).toBeGreaterThanOrEqual(10);
    expect(total).toBeLessThan(100);
    expect(longForm).toBeGreaterThan(100);
  });

  it("sets every sheet landscape, one page wide, with a title row on every page", () => {
    for (const sheet of sheets) {
      expect(sheet.shape, sheet.name).toMatchObject({ orientation: "landscape", fitToWidth: 1, printTitleRows: { first: expect.any(Number) } });
      // Fit to width keeps the print readable (no sheet below 60 % of full size) and no sheet runs long.
      expect(printScale(sheet.shape), sheet.name).toBeGreaterThanOrEqual(0.6);
      expect(sheet.pages, sheet.name).toBeLessThanOrEqual(12);
    }
  });

  it("starts every page break of an indicator sheet with a block's title and header row, or with the chart", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    for (const sheet of sheets.filter((x) => x.name !== "Leverans" && x.name !== SAFETY_SHEET)) {
      const ws = wb.getWorksheet(sheet.name)!;
      const at = (r: number, c: number) => normaliseCell(ws.getRow(r).getCell(c).value);
      expect(sheet.shape.rowBreaks!.length, sheet.name).toBeGreaterThan(0);
      for (const b of sheet.shape.rowBreaks!.filter((r) => r <= sheet.shape.rows)) {
        const blockStart = /^(halvmånad|månad|kvartal|år|läsår) /.test(String(at(b, 1))) && at(b + 1, 1) === "Område";
        const chartStart = at(b, 1) === "Period";
        expect(blockStart || chartStart, `${sheet.name} rad ${b}: ${String(at(b, 1))}`).toBe(true);
      }
    }
  });

  it("makes the area columns wide enough for every name in full", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const longest = Math.max(...[...names.values()].map((n) => n.length));
    const fires = wb.getWorksheet("Skadegörelse och klotter")!;
    expect(fires.getColumn(2).width).toBeGreaterThanOrEqual(longest);
    expect(fires.getColumn(1).width).toBeGreaterThanOrEqual("Hela kommunen".length);
    // Every period column is as wide as its header (a half-month, 2026-01-H1).
    for (let c = 4; c <= fires.columnCount; c++) expect(fires.getColumn(c).width ?? 0).toBeGreaterThanOrEqual(10);
  });
});
