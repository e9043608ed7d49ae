// `lagesbild fetch` against a stub server that serves a delivery in the shared contract: the workbook it writes has
// one sheet per indicator with header lines, the cells in the wide form (areas × periods), suppressed cells as exactly
// ".." with a note, the chart as a picture, and a print setup (landscape, one page wide, title row on every page).
import express from "express";
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normaliseCell } from "../../shared/grid/cell";
import { deliverySchema, type Delivery, type DeliveryCell } from "../../shared/protocol/delivery";
import { fetchCommand } from "../../sync-server/cli/fetch";
import type { MapFeature } from "../../sync-server/exports/geojson";
import { mapSvg } from "../../sync-server/exports/map";
import { darkPixels, decodePng } from "../helpers/png";
import { capturedIo } from "../helpers/cli-io";

const KEY = "lb_test_0123456789abcdef";

const square = (e: number): MapFeature["polygons"] => [[[[e, 0], [e + 5000, 0], [e + 5000, 4000], [e, 4000], [e, 0]]]];
const MAP_FEATURES: MapFeature[] = [
  { nyko: "111", name: "Centrum norra", polygons: square(0) },
  { nyko: "112", name: "Centrum södra", polygons: square(5000) },
];

function sampleDelivery(): Delivery {
  const cells: DeliveryCell[] = [];
  const months = ["2026-01", "2026-02", "2026-03"];
  months.forEach((period, i) => {
    cells.push({ indicator: "anlagda-brander", nyko: null, level: 0, periodType: "month", period, value: 10 + i, suppressed: false });
    cells.push({ indicator: "anlagda-brander", nyko: "111", level: 3, periodType: "month", period, value: i === 1 ? null : 5 + i, suppressed: i === 1 });
    cells.push({ indicator: "anlagda-brander", nyko: "112", level: 3, periodType: "month", period, value: i === 1 ? null : 5, suppressed: i === 1, alarm: i === 2 });
    cells.push({ indicator: "orosanmalningar", nyko: null, level: 0, periodType: "month", period, value: 4.25 + i, suppressed: false });
  });
  cells.push({ indicator: "anlagda-brander", nyko: null, level: 0, periodType: "quarter", period: "2026-Q1", value: 33, suppressed: false });
  return deliverySchema.parse({
    org: "polisen",
    number: 7,
    createdAt: "2026-04-05T04:00:00.000Z",
    source: "Lägesbild, Demokommun: godkända inskick",
    threshold: 3,
    unsuppressed: false,
    definitions: [
      { id: "anlagda-brander", version: 1, title: "Anlagda bränder", unit: "antal", factor: "none", description: "Anlagda bränder enligt polis och räddningstjänst" },
      { id: "orosanmalningar", version: 2, title: "Orosanmälningar: barn/unga", unit: "anmälningar", factor: "per1000", description: "Per 1 000 barn 0–17 år" },
    ],
    cells,
    notes: ["Dubbelrapporterade händelser räknas per rad."],
  });
}

let server: Server;
let url = "";
const dir = mkdtempSync(join(tmpdir(), "lb-fetch-"));
const requests: string[] = [];

beforeAll(async () => {
  const app = express();
  app.use((req, res, next) => {
    requests.push(`${req.method} ${req.path}`);
    if (req.headers.authorization !== `Bearer ${KEY}`) return void res.status(401).json({ status: "error", reason: "unauthorized" });
    next();
  });
  app.get("/api/deliveries/latest", (_req, res) => void res.json(sampleDelivery()));
  // The server's map.svg of an indicator: the real map writer over two square areas.
  app.get("/api/exports/map.svg", (req, res) => {
    const indicator = String(req.query.indicator);
    const d = sampleDelivery();
    const def = d.definitions.find((x) => x.id === indicator)!;
    res.type("image/svg+xml").send(mapSvg({ features: MAP_FEATURES, cells: d.cells, indicator, title: def.title, period: "2026-03", unit: def.unit }));
  });
  app.get("/api/registers/nyko-areas", (_req, res) => void res.json({ validFrom: "2025-01-01", areas: [{ code: "111", level: 3, name: "Centrum norra", parent: "11" }, { code: "112", level: 3, name: "Centrum södra", parent: "11" }] }));
  server = app.listen(0, "127.0.0.1");
  await new Promise<void>((r) => server.once("listening", () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const io = () => capturedIo();

const text = (ws: ExcelJS.Worksheet, address: string) => normaliseCell(ws.getCell(address).value);

describe("lagesbild fetch", () => {
  it("writes one sheet per indicator as the add-in writes it", async () => {
    const file = join(dir, "leverans.xlsx");
    const cli = io();
    expect(await fetchCommand(["--server", url, "--key", KEY, "--out", file], cli)).toBe(0);
    expect(cli.out()).toContain("Leverans nr 7");
    expect(cli.out()).toContain("Leverans nr 7 (2026-04-05 06:00) till");

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name).filter((n) => !n.startsWith("_"))).toEqual(["Leverans", "Anlagda bränder", "Orosanmälningar barn unga"]);

    const fires = wb.getWorksheet("Anlagda bränder")!;
    expect(text(fires, "A1")).toBe("Anlagda bränder (antal)");
    expect(text(fires, "A2")).toBe("Källa: Lägesbild, Demokommun: godkända inskick");
    expect(text(fires, "A3")).toBe("Period: månad 2026-01 – 2026-03; kvartal 2026-Q1");
    expect(text(fires, "A4")).toBe("Levererad: 2026-04-05 06:00 (leverans nr 7 till polisen)");
    expect(text(fires, "A5")).toBe(".. = värdet skyddas (röjandekontroll, tröskel 3).");
    // The wide form: a block per period type, areas as rows and periods as columns, each block with its title line.
    const row = (r: number, n: number) => Array.from({ length: n }, (_, c) => normaliseCell(fires.getRow(r).getCell(c + 1).value));
    expect(text(fires, "A7")).toBe("månad 2026-01 – 2026-03");
    expect(row(8, 6)).toEqual(["Område", "Områdesnamn", "Nivå", "2026-01", "2026-02", "2026-03"]);
    expect([9, 10, 11].map((r) => row(r, 6))).toEqual([
      ["Hela kommunen", null, 0, 10, 11, 12],
      ["111", "Centrum norra", 3, 5, "..", 7],
      ["112", "Centrum södra", 3, 5, "..", 5],
    ]);
    expect(text(fires, "A13")).toBe("kvartal 2026-Q1");
    expect(row(14, 4)).toEqual(["Område", "Områdesnamn", "Nivå", "2026-Q1"]);
    expect(row(15, 4)).toEqual(["Hela kommunen", null, 0, 33]);
    expect(fires.getCell("E10").note).toBeTruthy();
    expect(fires.getCell("E11").note).toBeTruthy();
    expect(fires.getCell("D10").note).toBeUndefined();
    // The alarm: the value filled, with its explanation.
    expect(JSON.stringify(fires.getCell("F11").note)).toContain("Larm (tidig varning)");
    expect(fires.getTables().length).toBe(2);
    // The municipality's monthly series below, plotted as a picture.
    const seriesRow = [...Array(60).keys()].map((i) => i + 16).find((r) => text(fires, `A${r}`) === "Period")!;
    expect([1, 2, 3].map((i) => normaliseCell(fires.getRow(seriesRow + i).getCell(2).value))).toEqual([10, 11, 12]);
    // Two pictures: the chart, and the area map (published at NYKO-3) from the server's map.svg, rendered below it.
    const images = fires.getImages();
    expect(images.length).toBe(2);
    const pictures = images.map((i) => ({ at: i.range.tl.nativeRow, png: decodePng(new Uint8Array(wb.getImage(Number(i.imageId)).buffer as unknown as Uint8Array)) }));
    const map = pictures.find((p) => p.png.width === 960)!; // 480 px shown, rendered at twice that
    expect(map).toBeDefined();
    expect(map.at).toBeGreaterThan(seriesRow);
    expect(darkPixels(map.png, { x: 30, y: 10, width: 500, height: 40 })).toBeGreaterThan(200); // the title "Anlagda bränder, 2026-03"
    expect(requests).toContain("GET /api/exports/map.svg");
    expect(cli.out()).toMatch(/Anlagda bränder: 10 celler, 2 skyddade, 1 larm, diagram, karta/);
    // It prints: A4 landscape, one page wide, the title row on every page; the area labels frozen; names in full.
    expect(fires.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9, printTitlesRow: "1:1" });
    expect(fires.views[0]).toMatchObject({ state: "frozen", xSplit: 3 });
    expect(fires.getColumn(1).width).toBeGreaterThanOrEqual("Hela kommunen".length);
    expect(fires.getColumn(2).width).toBeGreaterThanOrEqual("Centrum norra".length);

    const worry = wb.getWorksheet("Orosanmälningar barn unga")!;
    expect(text(worry, "A1")).toBe("Orosanmälningar: barn/unga (anmälningar per 1 000)");
    expect(worry.getCell("D9").value).toBe(4.25);
    expect(worry.getCell("D9").numFmt).toBe("0.0");
    expect(worry.getImages().length).toBe(1); // its chart; no NYKO-3 cells, so no map

    const overview = wb.getWorksheet("Leverans")!;
    expect(text(overview, "A1")).toBe("Lägesbild: leverans nr 7");
    expect(text(overview, "A5")).toBe("Dubbelrapporterade händelser räknas per rad.");
    expect(text(overview, "A6")).toBe("Indikator");
    expect([1, 2, 6, 7].map((c) => normaliseCell(overview.getRow(7).getCell(c).value))).toEqual(["Anlagda bränder", "Anlagda bränder", 10, 2]);
    expect(overview.pageSetup).toMatchObject({ orientation: "landscape", fitToWidth: 1, printTitlesRow: "6:6" });
  });

  it("refuses with exit 3 when the key is not accepted, and 2 without --out", async () => {
    const cli = io();
    expect(await fetchCommand(["--server", url, "--key", "lb_wrong", "--out", join(dir, "x.xlsx")], cli)).toBe(3);
    expect(cli.err()).toContain("401");
    expect(await fetchCommand(["--server", url, "--key", KEY], io())).toBe(2);
  });
});
