// `lagesbild arsrapport` against the real app (demo registers, the huvudman user) with one stored delivery round:
// a delivery to polisen (published cells: values, `..`, `saknas`) and the huvudman's own unsuppressed delivery, whose
// every value is 7777. The .xlsx it writes is read back with ExcelJS: the sheets, the summary's numbers equal to the
// sums of the published cells, intervals where the published cells carry them, no number from a suppressed cell or
// from the huvudman's view, a map and a chart; and a year no round has published is refused in Swedish.
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normaliseCell, type CellValue } from "../../shared/grid/cell";
import { poissonInterval } from "../../shared/stats/intervals";
import type { Delivery, DeliveryCell } from "../../shared/protocol/delivery";
import request from "supertest";
import { evaluateIntervention } from "../../shared/interventions/evaluate";
import { arsrapportCommand } from "../../sync-server/cli/arsrapport";
import { commitRound, insertDeliveryJson, insertSavingRound } from "../../sync-server/stores/deliveries";
import { capturedIo } from "../helpers/cli-io";
import { makeServer, PASSWORD, type TestServer } from "../helpers/server";

const IND = "skadegorelse-klotter";
const TITLE = "Skadegörelse och klotter";
const HIDDEN = 7777;

type Cell = Omit<DeliveryCell, "indicator" | "suppressed" | "level"> & { level?: number };
const cell = (c: Cell): DeliveryCell => ({
  indicator: IND,
  level: c.level ?? (c.nyko === null ? 0 : c.nyko.length),
  suppressed: c.status === "suppressed",
  ...c,
});
const value = (nyko: string | null, periodType: DeliveryCell["periodType"], period: string, v: number, extra: Partial<DeliveryCell> = {}) =>
  cell({ nyko, periodType, period, value: v, status: "value", ...extra });
const suppressed = (nyko: string | null, periodType: DeliveryCell["periodType"], period: string) => cell({ nyko, periodType, period, value: null, status: "suppressed" });
const missing = (nyko: string | null, periodType: DeliveryCell["periodType"], period: string) => cell({ nyko, periodType, period, value: null, status: "missing" });
const mm = (m: number) => String(m).padStart(2, "0");

/** What polisen was sent: published cells of 2025 and 2026. */
function publishedCells(): DeliveryCell[] {
  const cells: DeliveryCell[] = [];
  for (let m = 1; m <= 12; m++) cells.push(value(null, "month", `2025-${mm(m)}`, 10 + m));
  cells.push(value(null, "year", "2025", 198, { low: 170.1, high: 228.3 }));
  cells.push(value("11", "year", "2025", 40, { low: 28.6, high: 54.5 }), suppressed("12", "year", "2025"), missing("13", "year", "2025"));
  for (let m = 1; m <= 10; m++) {
    cells.push(value(null, "month", `2026-${mm(m)}`, 20 + m));
    cells.push(m === 4 ? suppressed("11", "month", `2026-${mm(m)}`) : value("11", "month", `2026-${mm(m)}`, 3));
    cells.push(value("13", "month", `2026-${mm(m)}`, 1), value("13", "month", `2025-${mm(m)}`, 1));
    cells.push(value("21", "halfmonth", `2026-${mm(m)}-H1`, 1), value("21", "halfmonth", `2026-${mm(m)}-H2`, 1));
  }
  cells.push(value("12", "quarter", "2026-Q1", 5), value("12", "quarter", "2026-Q2", 6), value("12", "quarter", "2026-Q3", 7), value("12", "month", "2026-10", 2));
  cells.push(value("12", "month", "2026-03", 2, { alarm: true }));
  return cells;
}

function delivery(org: string, unsuppressed: boolean): Delivery {
  const cells = publishedCells().map((c) => (unsuppressed ? { ...c, value: HIDDEN, suppressed: false, status: "value" as const, low: undefined, high: undefined } : c));
  return {
    org,
    number: 1,
    createdAt: "2026-11-20T05:00:00.000Z",
    source: "Lägesbild, Demokommun: godkända inskick",
    threshold: 3,
    unsuppressed,
    definitions: [{ id: IND, version: 1, title: TITLE, unit: "antal", factor: "none", description: "Skadegörelse och klotter" }],
    cells: cells.map((c) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as DeliveryCell),
    notes: [],
    reporting: { lastPeriod: "2026-10-H2", completeThrough: "2026-10-H2", partners: [{ org: "polisen", name: "Polisen", reportedThrough: "2026-10-H2", missing: [] }, { org: "vaktbolaget", name: "Vaktbolaget", reportedThrough: "2026-10-H2", missing: ["2026-11-H1"] }] },
  };
}

let s: TestServer;
let server: Server;
let url = "";
const dir = mkdtempSync(join(tmpdir(), "lb-arsrapport-"));

beforeAll(async () => {
  s = makeServer({ start: "2026-12-06T09:00:00Z" });
  const roundId = insertSavingRound(s.db, { slot: "2026-11-20T06:00", ran_at: "2026-11-20T05:00:00.000Z", last_period: "2026-10-H2", facts: "{}" });
  insertDeliveryJson(s.db, { org: "polisen", number: 1, roundId, createdAt: "2026-11-20T05:00:00.000Z" }, JSON.stringify(delivery("polisen", false)));
  insertDeliveryJson(s.db, { org: "kommunen", number: 1, roundId, createdAt: "2026-11-20T05:00:00.000Z" }, JSON.stringify(delivery("kommunen", true)));
  commitRound(s.db, roundId, "sent", "{}");
  // A round still being saved (a killed process) publishes nothing: its 7777s must not appear either.
  const saving = insertSavingRound(s.db, { slot: "2026-12-05T06:00", ran_at: "2026-12-05T05:00:00.000Z", last_period: "2026-11-H1", facts: "{}" });
  insertDeliveryJson(s.db, { org: "polisen", number: 2, roundId: saving, createdAt: "2026-12-05T05:00:00.000Z" }, JSON.stringify({ ...delivery("polisen", false), cells: delivery("kommunen", true).cells }));
  server = s.app.listen(0, "127.0.0.1");
  await new Promise<void>((r) => server.once("listening", () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  s.db.close();
  rmSync(dir, { recursive: true, force: true });
});

const huvudman = () => capturedIo({ env: { LAGESBILD_PASSWORD: PASSWORD } });

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Every value of a sheet, row by row (1-based rows as Excel shows them). */
function values(ws: ExcelJS.Worksheet): CellValue[][] {
  const out: CellValue[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    out[r] = [];
    for (let c = 1; c <= Math.max(row.cellCount, 12); c++) out[r][c - 1] = normaliseCell(row.getCell(c).value);
  });
  return out;
}

/** The rows of the table whose header row starts with `first`, as objects by header. */
function table(ws: ExcelJS.Worksheet, first: string, nth = 0): Record<string, CellValue>[] {
  const rows = values(ws);
  const h = rows.map((r, i) => (r?.[0] === first ? i : -1)).filter((i) => i >= 0)[nth] ?? -1;
  expect(h).toBeGreaterThan(0);
  const header = rows[h].map((x) => String(x ?? ""));
  const out: Record<string, CellValue>[] = [];
  for (let r = h + 1; r < rows.length && rows[r]?.[0] !== null && rows[r]?.[0] !== undefined; r++) out.push(Object.fromEntries(header.map((k, i) => [k, rows[r][i]]).filter(([k]) => k !== "")));
  return out;
}

describe("lagesbild arsrapport", () => {
  it("writes the yearly analysis from the published cells only", async () => {
    // An intervention in NYKO-2 area 12 from April 2026, registered through the API.
    const created = await request(s.app).post("/api/interventions").set(await s.as("huvudman")).send({
      name: "Klottersanering Stationsbyn", kind: "klotter-sanering", orgs: ["kommunen"], areas: ["12"], startDate: "2026-04-01", endDate: null, indicators: [IND],
    });
    expect(created.status).toBe(201);
    const file = join(dir, "arsrapport-2026.xlsx");
    const io = huvudman();
    expect(await arsrapportCommand(["--year", "2026", "--out", file, "--server", url, "--user", "huvudman"], io)).toBe(0);
    expect(io.err()).toBe("");
    expect(io.out()).toContain(`Årsrapport 2026 skrevs till ${file}`);

    const wb = await open(file);
    expect(wb.worksheets.map((w) => w.name).filter((n) => !n.startsWith("_"))).toEqual(["Årsrapport 2026", "Kartor 2026", "Trender 2026", "Larm 2026", "Inrapportering 2026", "Insatser 2026"]);
    const summary = wb.getWorksheet("Årsrapport 2026")!;
    expect(normaliseCell(summary.getCell("A1").value)).toBe("Årsrapport 2026: januari–oktober 2026 jämfört med januari–oktober 2025, per indikator för hela kommunen och varje NYKO 2-område");
    const rows = table(summary, "Indikator");
    const byArea = new Map(rows.map((r) => [r["Område"], r]));
    // The municipality: January–October of each year, summed from the published months.
    expect(byArea.get("Hela kommunen")).toMatchObject({ Indikator: TITLE, "januari–oktober 2025": 155, "januari–oktober 2026": 255, "Förändring %": 64.5, Bedömning: "säker ökning" });
    // A sum of published counts gets the exact Poisson interval of shared/stats.
    const [i155, i255] = [poissonInterval(155), poissonInterval(255)];
    expect(byArea.get("Hela kommunen")?.["2025 låg"]).toBeCloseTo(i155.low, 9);
    expect(byArea.get("Hela kommunen")?.["2025 hög"]).toBeCloseTo(i155.high, 9);
    expect(byArea.get("Hela kommunen")?.["2026 låg"]).toBeCloseTo(i255.low, 9);
    expect(byArea.get("Hela kommunen")?.["2026 hög"]).toBeCloseTo(i255.high, 9);
    // 10 against 10: no clear change.
    expect(byArea.get("13")).toMatchObject({ "januari–oktober 2025": 10, "januari–oktober 2026": 10, "Förändring %": 0, Bedömning: "ingen säker förändring" });
    // 11: one suppressed month makes the sum `..`; 2025 has only a year cell, which does not cover January–October.
    expect(byArea.get("11")).toMatchObject({ "Områdesnamn": "Bäckby", "januari–oktober 2025": null, "januari–oktober 2026": "..", Bedömning: "kan inte jämföras" });
    // 12: three published quarters and October; 13: ten months; 21: twenty half-months.
    expect(byArea.get("12")?.["januari–oktober 2026"]).toBe(20);
    expect(byArea.get("21")?.["januari–oktober 2026"]).toBe(20);
    // Every NYKO-2 area of the register has its row.
    expect(rows.filter((r) => r["Nivå"] === 2).length).toBe(rows.length - 1);
    expect(rows.length).toBeGreaterThan(5);

    // Nothing anywhere in the workbook comes from the huvudman's unsuppressed view.
    for (const ws of wb.worksheets) for (const row of values(ws)) for (const v of row ?? []) expect(v).not.toBe(HIDDEN);
    expect(JSON.stringify(values(summary))).not.toContain(String(HIDDEN));

    // A map per indicator (the server's SVG, rendered) and a trend chart (a picture in ExcelJS).
    expect(wb.getWorksheet("Kartor 2026")!.getImages().length).toBe(1);
    const trends = wb.getWorksheet("Trender 2026")!;
    expect(trends.getImages().length).toBe(1);
    const trend = table(trends, "Månad");
    expect(trend.length).toBe(22);
    expect(trend[0]).toEqual({ "Månad": "2025-01", "Hela kommunen": 11 });
    expect(trend[21]).toEqual({ "Månad": "2026-10", "Hela kommunen": 30 });

    // The alarms: the published cell with an alarm mark, with its published value.
    const alarms = wb.getWorksheet("Larm 2026")!;
    expect(table(alarms, "Indikator")).toEqual([]); // no alarm in the (empty) alert table of this server
    const marked = table(alarms, "Indikator", 1).filter((r) => r["Period"] === "2026-03");
    expect(marked).toEqual([expect.objectContaining({ "Område": "12", "Värde": 2 })]);
    // Completeness per partner within January–October.
    const reporting = table(wb.getWorksheet("Inrapportering 2026")!, "Part");
    expect(reporting.map((r) => [r.Part, r["Saknade halvmånader"], r["Andel rapporterad %"]])).toEqual([["polisen", 0, 100], ["vaktbolaget", 0, 100]]);
    // The intervention, evaluated on the published cells (never the 7777s of the huvudman's view).
    const evaluation = evaluateIntervention(created.body, publishedCells(), { titles: { [IND]: TITLE } }).results[0];
    const listed = table(wb.getWorksheet("Insatser 2026")!, "Insats");
    expect(listed).toEqual([expect.objectContaining({ Insats: "Klottersanering Stationsbyn", Indikator: TITLE, "Insatsområden": "12 Stationsbyn", Start: "2026-04-01", Utvärdering: evaluation.sentence })]);
    expect(evaluation.cells.used).toBeGreaterThan(0);
  });

  it("a whole year takes the published year cells with their intervals", async () => {
    const file = join(dir, "arsrapport-2025.xlsx");
    const io = huvudman();
    expect(await arsrapportCommand(["--year", "2025", "--out", file, "--server", url, "--user", "huvudman"], io)).toBe(0);
    const wb = await open(file);
    const rows = table(wb.getWorksheet("Årsrapport 2025")!, "Indikator");
    // The intervention of 2026 is not one of 2025's.
    expect(values(wb.getWorksheet("Insatser 2025")!).flat()).toContain("Inga insatser registrerade.");
    const byArea = new Map(rows.map((r) => [r["Område"], r]));
    expect(byArea.get("Hela kommunen")).toMatchObject({ "2025": 198, "2025 låg": 170.1, "2025 hög": 228.3, "2024": null, Bedömning: "kan inte jämföras" });
    expect(byArea.get("11")).toMatchObject({ "2025": 40, "2025 låg": 28.6, "2025 hög": 54.5 });
    // A suppressed or missing year cell has no interval and no number.
    expect(byArea.get("12")).toMatchObject({ "2025": "..", "2025 låg": null, "2025 hög": null });
    expect(byArea.get("13")).toMatchObject({ "2025": "saknas", "2025 låg": null, "2025 hög": null });
  });

  it("refuses in Swedish a year no delivery has published, and writes nothing", async () => {
    const file = join(dir, "arsrapport-2030.xlsx");
    const io = huvudman();
    expect(await arsrapportCommand(["--year", "2030", "--out", file, "--server", url, "--user", "huvudman"], io)).toBe(3);
    expect(io.err()).toContain("Ingen leverans innehåller publicerade värden för 2030.");
    await expect(open(file)).rejects.toThrow();
  });

  it("needs the huvudman's user and password, never an API key's actor", async () => {
    const noPassword = capturedIo();
    expect(await arsrapportCommand(["--year", "2026", "--out", join(dir, "x.xlsx"), "--server", url, "--user", "huvudman"], noPassword)).toBe(2);
    expect(noPassword.err()).toContain("LAGESBILD_PASSWORD");
    const partner = capturedIo({ env: { LAGESBILD_PASSWORD: PASSWORD } });
    expect(await arsrapportCommand(["--year", "2026", "--out", join(dir, "x.xlsx"), "--server", url, "--user", "polisen"], partner)).toBe(3);
    expect(partner.err()).toContain("403");
  });
});
