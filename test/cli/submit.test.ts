// End to end against the real server process on 127.0.0.1, as a partner's scheduled job would run it: each demo
// organisation gets an API key through the admin API, `lagesbild submit` delivers every demo export, the huvudman
// approves them through the API, and `lagesbild fetch` writes the delivery. Also: a file with errors is refused naming
// its cells, a retry stores nothing twice, a Windows-1252 CSV with `;` is read correctly, and a server that is down
// gives exit code 4.
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_DATA_DIR } from "../fixtures/paths";
import type { Delivery } from "../../shared/protocol/delivery";
import { fetchCommand } from "../../sync-server/cli/fetch";
import { capturedIo } from "../helpers/cli-io";
import { submitCommand } from "../../sync-server/cli/submit";
import { PART_SIZE } from "../../shared/submission/plan";
import { api, ROOT, serverEnv, startServerProcess, type RunningServer } from "../helpers/process";

const demo = join(DEMO_DATA_DIR, "actors");
const ACTORS = ["polisen", "brandforsvaret", "vaktbolaget", "bostadsbolaget", "utbildningskontoret", "socialtjansten"] as const;
type Actor = (typeof ACTORS)[number];

const dir = mkdtempSync(join(tmpdir(), "lb-submit-"));
let server: RunningServer;
let caFile = "";
let huvudman = "";
const keys = new Map<Actor, string>();
const receipts = new Map<Actor, { id: string; rows: number }>();

const io = () => capturedIo({ retry: { attempts: 3, baseDelayMs: 50, maxDelayMs: 200 }, sleep: undefined });

const connection = (actor: Actor) => ["--server", server.url, "--key", keys.get(actor)!, "--ca", caFile];

async function login(username: string): Promise<string> {
  const res = await api(server, "POST", "/api/auth/login", { username, password: server.passwords.get(username) });
  expect(res.status).toBe(200);
  return res.body.accessToken as string;
}

beforeAll(async () => {
  server = await startServerProcess(join(dir, "data"));
  caFile = join(dir, "data", "tls", "localhost-cert.pem");
  const admin = await login("admin");
  huvudman = await login("huvudman");
  for (const actor of ACTORS) {
    const created = await api(server, "POST", "/api/keys", { org: actor, name: "schemalagd export" }, admin);
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^lb_/);
    keys.set(actor, created.body.key as string);
  }
}, 180_000);

afterAll(async () => {
  await server?.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe.sequential("lagesbild submit and fetch against the real server", () => {
  it("submits every demo export with its organisation's key, in parts of the shared part size", async () => {
    for (const actor of ACTORS) {
      const cli = io();
      const code = await submitCommand([join(demo, `${actor}.xlsx`), ...connection(actor), "--json"], cli);
      expect(code, `${actor}: ${cli.err()}`).toBe(0);
      const report = JSON.parse(cli.out());
      expect(report).toMatchObject({ submitted: true, replay: false, receipt: { org: actor, status: "pending" } });
      expect(report.receipt.counts.rows).toBe(report.rows);
      expect(report.parts).toBe(Math.ceil(report.rows / PART_SIZE));
      expect(report.receipt.periods.length).toBeGreaterThan(0);
      // Not a terminal: no progress bar in the log.
      expect(cli.err()).not.toContain("Skickar [");
      receipts.set(actor, { id: report.receipt.id, rows: report.rows });
    }
    expect(receipts.get("polisen")!.rows).toBeGreaterThan(50_000);
  }, 600_000);

  it("a retried submit lands once", async () => {
    const cli = io();
    expect(await submitCommand([join(demo, "vaktbolaget.xlsx"), ...connection("vaktbolaget"), "--json"], cli)).toBe(0);
    const report = JSON.parse(cli.out());
    expect(report).toMatchObject({ submitted: true, replay: true, receipt: { id: receipts.get("vaktbolaget")!.id } });
    const list = await api(server, "GET", "/api/submissions?org=vaktbolaget", undefined, huvudman);
    expect(list.body.total).toBe(1);
  }, 300_000);

  it("refuses a file with errors, naming the cells, and sends nothing", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(demo, "vaktbolaget.xlsx"));
    const ws = wb.worksheets[0];
    ws.getCell("B3").value = "den 3 mars";
    ws.getCell("D5").value = "Inbrott i förrådet";
    const broken = join(dir, "vaktbolaget-fel.xlsx");
    await wb.xlsx.writeFile(broken);
    const cli = io();
    expect(await submitCommand([broken, ...connection("vaktbolaget")], cli)).toBe(1);
    expect(cli.err()).toMatch(/\bB3\b/);
    expect(cli.err()).toMatch(/\bD5\b/);
    expect(cli.out()).toBe("");
    const list = await api(server, "GET", "/api/submissions?org=vaktbolaget", undefined, huvudman);
    expect(list.body.total).toBe(1);
  }, 300_000);

  it("reads a Windows-1252 CSV with ; as Swedish Excel saves it", async () => {
    const lines = [
      "Rapport-ID;Datum;Tid;Typ;Plats;Beskrivning;Väktare",
      "SEC-X1;2026-03-02;14:05;Ordningsstörning;Logränd 11;Rond;Åsa Öberg",
      "SEC-X2;2026-03-03;;Nästan händelse;Smedjevägen 5;;",
      "SEC-X3;2026-03-17;07:30;Skadegörelse;Logränd 11;\"Klotter; gavel\";",
    ];
    const csv = join(dir, "vaktbolaget.csv");
    writeFileSync(csv, iconv.encode(lines.join("\r\n") + "\r\n", "win1252"));
    const dry = io();
    expect(await submitCommand([csv, ...connection("vaktbolaget"), "--dry-run", "--json"], dry), dry.err()).toBe(0);
    const plan = JSON.parse(dry.out());
    expect(plan).toMatchObject({ dryRun: true, format: "csv", encoding: "windows-1252", separator: ";", rows: 3, located: 3, halfMonths: ["2026-03-H1", "2026-03-H2"] });
    expect(plan.records.map((r: { categories: { typ: string } }) => r.categories.typ)).toEqual(["Ordningsstörning", "Nästan händelse", "Skadegörelse"]);
    expect(plan.records.map((r: { hour: number | null }) => r.hour)).toEqual([14, null, 7]);
    for (const r of plan.records) expect(r.nyko).toMatch(/^\d+$/);
    expect(plan.records[0].nyko).toBe(plan.records[2].nyko);
    // Nothing identifying is in what would be sent.
    expect(dry.out()).not.toMatch(/Åsa|Öberg|SEC-X|Logränd|Klotter; gavel/);
    // Without a linkage key no tokens are made; with the huvudman's key, the vandalism row carries them.
    expect(plan.records.every((r: { link?: string[] }) => r.link === undefined)).toBe(true);
    const keyed = io();
    keyed.env = { LAGESBILD_LINK_KEY: "ab".repeat(32) };
    expect(await submitCommand([csv, ...connection("vaktbolaget"), "--dry-run", "--json"], keyed), keyed.err()).toBe(0);
    const links = JSON.parse(keyed.out()).records.map((r: { link?: string[] }) => r.link);
    expect(links[0]).toBeUndefined(); // Ordningsstörning has no link class
    expect(links[2]).toHaveLength(2);
    for (const t of links[2]) expect(t).toMatch(/^[0-9a-f]{32}$/);
    const badKey = io();
    badKey.env = { LAGESBILD_LINK_KEY: "för kort" };
    expect(await submitCommand([csv, ...connection("vaktbolaget"), "--dry-run"], badKey)).toBe(2);
    expect(badKey.err()).toContain("Länknyckeln");
  }, 300_000);

  it("the huvudman approves every submission through the API", async () => {
    const queue = await api(server, "GET", "/api/review/submissions?status=pending", undefined, huvudman);
    expect(queue.status).toBe(200);
    expect(new Set(queue.body.submissions.map((s: { id: string }) => s.id))).toEqual(new Set([...receipts.values()].map((r) => r.id)));
    for (const s of queue.body.submissions as { id: string }[]) {
      const approved = await api(server, "POST", `/api/review/submissions/${s.id}/approve`, { comment: "Godkänd" }, huvudman);
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe("approved");
    }
  }, 120_000);

  it("fetches the organisation's latest delivery into an .xlsx: one sheet per subscribed indicator", async () => {
    const subscribed = [
      { indicator: "anlagda-brander", levels: [0, 1, 2, 3], periodTypes: ["month", "quarter", "year"] },
      { indicator: "tillgreppsbrott", levels: [0, 1, 2, 3], periodTypes: ["month", "quarter", "year"] },
    ];
    expect((await api(server, "PUT", "/api/grants/polisen", { grants: subscribed }, huvudman)).status).toBe(200);
    expect((await api(server, "PUT", "/api/subscriptions?org=polisen", { subscriptions: subscribed }, huvudman)).status).toBe(200);
    const round = await api(server, "POST", "/api/deliveries/run", {}, huvudman);
    expect(round.status, JSON.stringify(round.body)).toBe(201);

    const out = join(dir, "leverans-polisen.xlsx");
    const cli = io();
    expect(await fetchCommand([...connection("polisen"), "--out", out, "--json"], cli), cli.err()).toBe(0);
    const report = JSON.parse(cli.out());
    const delivery = (await api(server, "GET", "/api/deliveries/latest", undefined, keys.get("polisen"))).body as Delivery;
    expect(report).toMatchObject({ ok: true, org: "polisen", number: delivery.number });
    expect(delivery.unsuppressed).toBe(false);
    expect(delivery.source).toMatch(/\(körd för hand \d{4}-\d\d-\d\d \d\d:\d\d\)/);
    expect(delivery.source).not.toContain("manual:");
    expect(report.sheets.map((s: { indicator: string }) => s.indicator).sort()).toEqual(["anlagda-brander", "tillgreppsbrott"]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet("Leverans")).toBeTruthy();
    for (const s of report.sheets as { indicator: string; sheet: string; rows: number; suppressed: number }[]) {
      const cells = delivery.cells.filter((c) => c.indicator === s.indicator);
      expect(s.rows).toBe(cells.length);
      expect(s.suppressed).toBe(cells.filter((c) => c.suppressed).length);
      const ws = wb.getWorksheet(s.sheet)!;
      expect(String(ws.getCell("A2").value)).toBe(`Källa: ${delivery.source}`);
      // Every delivered cell is in the sheet's tables (areas as rows, periods as columns from column D): a published
      // value as a number, a suppressed one as exactly "..", with a note.
      let dots = 0;
      let shown = 0;
      let inTable = false;
      ws.eachRow({ includeEmpty: true }, (row) => {
        const first = row.getCell(1).value;
        // The latest-period view (Värde, Låg 95 %, …) repeats cells of the blocks with their intervals: not counted.
        if (first === "Område") return void (inTable = row.getCell(4).value !== "Värde");
        if (first === null || first === undefined || first === "") return void (inTable = false);
        if (!inTable) return;
        for (let c = 4; c <= row.cellCount; c++) {
          const v = row.getCell(c);
          if (v.value === null || v.value === undefined) continue; // a period this area has no cell for
          shown++;
          if (v.value === "..") {
            dots++;
            if (dots <= 2000) expect(v.note).toBeTruthy();
          } else if (v.value !== "saknas") expect(typeof v.value).toBe("number");
        }
      });
      expect(shown).toBe(cells.filter((c) => c.value !== null || c.suppressed || c.status === "missing").length);
      expect(dots).toBe(s.suppressed);
    }
  }, 300_000);
});

describe("a server that is down", () => {
  it("gives exit code 4 after bounded retries", async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    const port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    const r = spawnSync(process.execPath, [join(ROOT, "bin", "lagesbild.mjs"), "submit", join(demo, "socialtjansten.xlsx"), "--server", `https://127.0.0.1:${port}`, "--key", "lb_nyckel_som_inte_finns"], {
      cwd: ROOT,
      env: { ...serverEnv(dir), LAGESBILD_RETRIES: "2" },
      encoding: "utf8",
    });
    expect(r.status, `${r.stdout}${r.stderr}`).toBe(4);
    expect(r.stderr).toContain("efter 3 försök");
    expect(r.stderr).toContain("ECONNREFUSED");
  }, 180_000);
});
