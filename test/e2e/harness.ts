// End-to-end harness: builds the add-in's test build once (dist/addin-test, skipped when it is newer than every
// source), starts the real sync server over HTTPS on 127.0.0.1 with a temporary data directory and the demo seed, and
// drives Debian's chromium with playwright-core. The tests open test-host.html: the test build's own entry starts the
// real pane on the in-memory workbook (the production taskpane.html, without Excel, only says that it needs Excel).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { chromium, type Browser, type Page } from "playwright-core";
import { systemClock } from "../../sync-server/clock";
import type { Db } from "../../sync-server/db/database";
import { ensureLocalhostCertificate } from "../../sync-server/tls";
import { civilToSerial, dateObjectToCivil } from "../../shared/grid/dates";
import { normaliseCell, type CellValue } from "../../shared/grid/cell";
import type { MemoryWorkbookSnapshot } from "../../addin/testing/memory-workbook";
import { DEMO_DATA_DIR } from "../fixtures/paths";
import { makeServer, PASSWORD } from "../helpers/server";

export const ROOT = process.cwd();
export const ADDIN_DIR = join(ROOT, "dist/addin-test");
export const OUTPUT_DIR = join(ROOT, "test-output");
export const DEMO_PASSWORD = PASSWORD;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (!entry.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the test build (dist/addin-test) with webpack unless it is already newer than every source it is built from. */
export function buildAddinOnce(): void {
  const html = join(ADDIN_DIR, "test-host.html");
  if (existsSync(html) && process.env.E2E_REBUILD !== "1") {
    const built = statSync(html).mtimeMs;
    const sources = Math.max(newestMtime(join(ROOT, "addin")), newestMtime(join(ROOT, "shared")), statSync(join(ROOT, "webpack.config.mjs")).mtimeMs);
    if (built > sources) return;
  }
  const cli = join(ROOT, "node_modules/webpack-cli/bin/cli.js");
  const r = spawnSync(process.execPath, [cli, "--config", "webpack.config.mjs", "--mode", "production", "--env", "test-host"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`webpack failed:\n${r.stdout}\n${r.stderr}`);
}

export interface RunningServer {
  url: string;
  db: Db;
  close(): Promise<void>;
}

export async function startSyncServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "lagesbild-e2e-"));
  const { db, app } = makeServer({
    database: join(dataDir, "lagesbild.db"),
    clock: systemClock,
    config: { dataDir, addinDir: ADDIN_DIR, publicUrl: "https://127.0.0.1" },
  });
  const tls = await ensureLocalhostCertificate(dataDir, new Date());
  const server: Server = createServer({ key: tls.key, cert: tls.cert }, app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `https://127.0.0.1:${port}`,
    db,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          db.close();
          rmSync(dataDir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--ignore-certificate-errors"],
  });
}

/** Opens a page of the add-in; Office.js from the CDN is refused, so Office.onReady would report no host. */
async function openPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1400, height: 1000 }, locale: "sv-SE" });
  const page = await context.newPage();
  await page.route("https://appsforoffice.microsoft.com/**", (route) => route.abort());
  await page.goto(url);
  return page;
}

/** Opens the task pane through the test host's entry, on the in-memory workbook. */
export async function openPane(browser: Browser, url: string): Promise<Page> {
  const page = await openPage(browser, `${url}/test-host.html`);
  await page.waitForSelector("body[data-ready=true]");
  return page;
}

/** Opens the production task pane as a plain browser would, without an Excel host. */
export async function openProductionPane(browser: Browser, url: string): Promise<Page> {
  const page = await openPage(browser, `${url}/taskpane.html`);
  await page.waitForSelector("body[data-host=none]");
  return page;
}

export async function signIn(page: Page, username: string): Promise<void> {
  await page.getByLabel("Användarnamn").fill(username);
  await page.getByLabel("Lösenord").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.waitForSelector("#app:not([hidden])");
  await idle(page);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Logga ut" }).click();
  await page.waitForSelector("#sign-in:not([hidden])");
}

/** Waits until the pane is no longer busy. */
export async function idle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getElementById("pane")?.getAttribute("aria-busy") === "false");
}

export async function statusText(page: Page): Promise<string> {
  return (await page.locator("#status").textContent()) ?? "";
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  await page.screenshot({ path: join(OUTPUT_DIR, `${name}.png`), fullPage: true });
}

/** The first `rows` rows (plus the header) of an export as Office.js would give them: dates as serials. */
export async function readExport(file: string, rows: number): Promise<CellValue[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  const width = ws.getRow(1).cellCount;
  const grid: CellValue[][] = [];
  for (let r = 1; r <= Math.min(ws.rowCount, rows + 1); r++) {
    const line: CellValue[] = [];
    for (let c = 1; c <= width; c++) {
      const v = normaliseCell(ws.getRow(r).getCell(c).value);
      line.push(v instanceof Date ? civilToSerial(dateObjectToCivil(v)) : v ?? "");
    }
    grid.push(line);
  }
  return grid;
}

/** The demo police export, pasted into the pane by the browser tests. */
export const POLICE_EXPORT = join(DEMO_DATA_DIR, "actors", "polisen.xlsx");

/** The in-memory workbook as the pane holds it. */
export const snapshot = (p: Page) => p.evaluate(() => window.lagesbild!.memory.snapshot()) as Promise<MemoryWorkbookSnapshot>;

export function sheetOf(snap: MemoryWorkbookSnapshot, name: string) {
  const s = snap.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name} in ${snap.sheets.map((x) => x.name).join(", ")}`);
  return s;
}
