// The huvudman's admin sheets and the actor's settings sheet through the task pane, in headless Chromium against
// the real sync server, clicking what a person would click: the police submit twice; the huvudman approves one,
// returns the other with a comment and grants the police an indicator; the police read the comment and subscribe;
// the huvudman opens the completeness, indicator, duplicates and alert sheets and overrules a duplicate.
// Each end state is screenshotted into test-output/.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { POLICE_EXPORT, buildAddinOnce, idle, sheetOf, snapshot, launchBrowser, openPane, readExport, screenshot, signIn, signOut, startSyncServer, statusText, type RunningServer } from "./harness";
import type { CellValue } from "../../shared/grid/cell";
import type { MemoryWorkbookSnapshot as Snapshot } from "../../addin/testing/memory-workbook";
import { ACCESS_COLUMNS } from "../../addin/flows/access-sheet";
import { DUPLICATE_COLUMNS } from "../../addin/flows/duplicates";
import { insertDuplicate } from "../../sync-server/stores/duplicates";

const RETURN_COMMENT = "Mars saknar tidpunkter för flera rader. Komplettera och skicka igen.";
let server: RunningServer;
let browser: Browser;
let page: Page;
let exportGrid: CellValue[][];

const letter = (columns: readonly string[], name: string) => String.fromCharCode(65 + columns.indexOf(name));
/** A person typing into cells of the in-memory Excel (choosing from a dropdown ends the same way). */
const type = (p: Page, sheet: string, cell: string, rows: CellValue[][]) =>
  p.evaluate(({ sheet, cell, rows }) => window.lagesbild!.workbook.writeValues(sheet, cell, rows), { sheet, cell, rows });
/** 1-based sheet row of the first row whose first cells are `first`. */
const rowWith = (snap: Snapshot, sheet: string, first: CellValue[]) => {
  const s = sheetOf(snap, sheet);
  const top = Number(/\d+/.exec(s.topLeft || "A1")![0]);
  const i = s.values.findIndex((r) => first.every((v, c) => r[c] === v));
  if (i < 0) throw new Error(`no row ${JSON.stringify(first)} in ${sheet}`);
  return top + i;
};

async function submitRows(rows: CellValue[][]): Promise<void> {
  await page.getByRole("tab", { name: "Skicka" }).click();
  await page.getByRole("button", { name: "Infoga mall" }).click();
  await idle(page);
  const sheet = (await snapshot(page)).activeSheet;
  await page.evaluate(({ sheet, grid }) => window.lagesbild!.memory.loadGrid(sheet, grid), { sheet, grid: rows });
  await page.getByRole("button", { name: "Kontrollera" }).click();
  await idle(page);
  expect(await statusText(page)).toBe("Bladet kan skickas.");
  await page.getByRole("button", { name: "Skicka", exact: true }).click();
  await idle(page);
  expect(await statusText(page)).toMatch(/^Skickat\. Kvitto /);
}

beforeAll(async () => {
  buildAddinOnce();
  [server, browser, exportGrid] = await Promise.all([startSyncServer(), launchBrowser(), readExport(POLICE_EXPORT, 120)]);
  page = await openPane(browser, server.url);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("admin sheets end to end", () => {
  it("the police submit two sheets", async () => {
    await signIn(page, "polisen");
    await submitRows(exportGrid.slice(0, 61));
    await submitRows([exportGrid[0], ...exportGrid.slice(61, 121)]);
    const n = server.db.prepare("SELECT count(*) AS n FROM submissions WHERE org_id = 'polisen'").get() as { n: number };
    expect(n.n).toBe(2);
  });

  it("huvudman: approves one, returns the other with a comment, and grants the police an indicator in Behörigheter", async () => {
    await signOut(page);
    await signIn(page, "huvudman");
    const [first, second] = (server.db.prepare("SELECT id FROM submissions ORDER BY created_at, id").all() as { id: string }[]).map((r) => r.id);
    await page.getByRole("tab", { name: "Granska" }).click();
    await page.locator(`#review-list li[data-id="${first}"] button`, { hasText: "Godkänn" }).click();
    await idle(page);
    await page.locator(`#review-comment-${second}`).fill(RETURN_COMMENT);
    await page.locator(`#review-list li[data-id="${second}"] button`, { hasText: "Returnera" }).click();
    await idle(page);
    expect(await statusText(page)).toMatch(/Returnerad/);
    const statuses = server.db.prepare("SELECT id, status, comment FROM submissions ORDER BY created_at, id").all() as { status: string; comment: string | null }[];
    expect(statuses.map((s) => s.status)).toEqual(["approved", "returned"]);
    expect(statuses[1].comment).toBe(RETURN_COMMENT);

    await page.getByRole("tab", { name: "Administrera" }).click();
    await page.getByRole("button", { name: "Skriv behörighetsbladet" }).click();
    await idle(page);
    let snap = await snapshot(page);
    expect(snap.activeSheet).toBe("Behörigheter");
    const row = rowWith(snap, "Behörigheter", ["polisen", "anlagda-brander"]);
    const col = (name: string) => letter(ACCESS_COLUMNS, name);
    await type(page, "Behörigheter", `${col("Kommun")}${row}`, [["Ja"]]);
    await type(page, "Behörigheter", `${col("NYKO 3")}${row}`, [["Ja"]]);
    await type(page, "Behörigheter", `${col("Månad")}${row}`, [["Ja", "Ja"]]);
    await page.getByRole("button", { name: "Synka behörigheter" }).click();
    await idle(page);
    expect(await statusText(page)).toBe("Behörigheter sparade för 1 organisationer.");
    const grant = server.db.prepare("SELECT levels, period_types FROM indicator_grants WHERE org_id = 'polisen' AND indicator_id = 'anlagda-brander'").get() as { levels: string; period_types: string };
    expect([JSON.parse(grant.levels), JSON.parse(grant.period_types)]).toEqual([[0, 3], ["month", "quarter"]]);
    snap = await snapshot(page);
    expect(String(sheetOf(snap, "Behörigheter").values.find((r) => r[0] === "polisen" && r[1] === "anlagda-brander")?.at(-1))).toMatch(/^Sparad /);
    await page.evaluate((cell) => window.lagesbild!.workbook.selectCell("Behörigheter", cell), `${col("Kommun")}${row}`);
    await page.evaluate(() => window.lagesbild!.redraw());
    await screenshot(page, "e2e-admin-1-grants");
  });

  it("police: see the huvudman's comment on the returned submission and subscribe in Inställningar", async () => {
    await signOut(page);
    await signIn(page, "polisen");
    await page.getByRole("button", { name: "Visa status" }).click();
    await idle(page);
    const returned = page.locator("#my-submissions li[data-status=returned]");
    expect(await returned.count()).toBe(1);
    expect(await returned.textContent()).toContain(`Huvudmannens kommentar: ${RETURN_COMMENT}`);
    await screenshot(page, "e2e-admin-2-returned-comment");

    await page.getByRole("tab", { name: "Inställningar" }).click();
    await page.getByRole("button", { name: "Skriv inställningsbladet" }).click();
    await idle(page);
    const snap = await snapshot(page);
    const settings = sheetOf(snap, "Inställningar");
    expect(settings.values.filter((r) => r[0] === "polisen").map((r) => r[1])).toEqual(["anlagda-brander"]);
    const row = rowWith(snap, "Inställningar", ["polisen", "anlagda-brander"]);
    const col = (name: string) => letter(ACCESS_COLUMNS, name);
    expect(settings.values[row - 1][ACCESS_COLUMNS.indexOf("NYKO 1")]).toBe("–");
    // A value that is neither Ja nor Nej: marked and listed, nothing saved.
    await type(page, "Inställningar", `${col("NYKO 3")}${row}`, [["Kanske"]]);
    await page.getByRole("button", { name: "Spara prenumerationer" }).click();
    await idle(page);
    expect(await statusText(page)).toBe("Inställningsbladet har 1 fel; inget sparades.");
    expect(await page.locator("#settings-issues li").count()).toBe(1);
    expect(await page.locator("#settings-issues").textContent()).toContain(`${col("NYKO 3")}${row}`);
    expect((server.db.prepare("SELECT count(*) AS n FROM indicator_subscriptions WHERE org_id = 'polisen'").get() as { n: number }).n).toBe(0);
    await type(page, "Inställningar", `${col("NYKO 3")}${row}`, [["Ja"]]);
    await type(page, "Inställningar", `${col("Månad")}${row}`, [["Ja"]]);
    await page.getByRole("button", { name: "Spara prenumerationer" }).click();
    await idle(page);
    expect(await statusText(page)).toBe("Prenumerationerna är sparade: 1 indikatorer.");
    expect(await page.locator("#settings-issues li").count()).toBe(0);
    const sub = server.db.prepare("SELECT levels, period_types FROM indicator_subscriptions WHERE org_id = 'polisen'").all() as { levels: string; period_types: string }[];
    expect(sub.map((s) => [JSON.parse(s.levels), JSON.parse(s.period_types)])).toEqual([[[3], ["month"]]]);
    await screenshot(page, "e2e-admin-3-subscriptions");
  });

  it("huvudman: completeness, indicators, duplicates (overrule one) and alerts", async () => {
    // The matcher pairs records of different partners through their link tokens; the police's own export carries
    // none here, so the test plants one pair between two approved police rows as the server would store it.
    const approved = (server.db.prepare("SELECT id FROM submissions WHERE status = 'approved'").get() as { id: string }).id;
    expect(insertDuplicate(server.db, { submission: approved, row: 0 }, { submission: approved, row: 1 }, new Date().toISOString())).toBe(1);

    await signOut(page);
    await signIn(page, "huvudman");
    await page.getByRole("tab", { name: "Administrera" }).click();

    // The demo export is from January 2025: ask for that month (empty fields mean the latest half-year).
    await page.getByLabel("Från", { exact: true }).fill("2025-01-01");
    await page.getByLabel("Till", { exact: true }).fill("2025-01-31");
    await page.getByRole("button", { name: "Visa inlämning" }).click();
    await idle(page);
    expect(await statusText(page)).toMatch(/^Inlämningen står i bladet ”Inlämning”/);
    let snap = await snapshot(page);
    const inl = sheetOf(snap, "Inlämning");
    const police = inl.values.find((r) => r[0] === "polisen");
    const periods = inl.values.find((r) => r[0] === "Organisation") as CellValue[];
    // The approved sheet holds the first half of January, submitted long after its deadline; the second half-month
    // came only in the returned submission, which does not count.
    expect(police?.[periods.indexOf("2025-01-H1")]).toBe("Sen");
    expect(police?.[periods.indexOf("2025-01-H2")]).toBe("Saknas");
    expect(inl.values.some((r) => String(r[0] ?? "").startsWith("Sena eller saknade inlämningar") || r[0] === "Ingen är sen.")).toBe(true);
    await page.evaluate(() => window.lagesbild!.redraw());
    await screenshot(page, "e2e-admin-4-completeness");

    await page.getByRole("button", { name: "Skriv indikatorbladet" }).click();
    await idle(page);
    snap = await snapshot(page);
    expect(sheetOf(snap, "Indikatorer").values.some((r) => r[0] === "anlagda-brander")).toBe(true);

    await page.getByRole("button", { name: "Skriv dubblettbladet" }).click();
    await idle(page);
    expect(await statusText(page)).toBe("Dubbletterna står i bladet ”Dubbletter”: 1 par.");
    snap = await snapshot(page);
    const dup = sheetOf(snap, "Dubbletter");
    expect(JSON.stringify(dup.values)).not.toMatch(/token/i);
    const row = rowWith(snap, "Dubbletter", [dup.values.find((r) => typeof r[0] === "number")![0]]);
    await type(page, "Dubbletter", `${letter(DUPLICATE_COLUMNS, "Beslut")}${row}`, [["Underkänn", "Två olika bränder samma kväll."]]);
    await page.getByRole("button", { name: "Synka dubbletter" }).click();
    await idle(page);
    expect(await statusText(page)).toBe("1 beslut skickade.");
    const decided = server.db.prepare("SELECT status, comment FROM duplicates").get() as { status: string; comment: string };
    expect(decided).toEqual({ status: "overruled", comment: "Två olika bränder samma kväll." });
    snap = await snapshot(page);
    expect(sheetOf(snap, "Dubbletter").values.find((r) => typeof r[0] === "number")?.[1]).toBe("Underkänd");
    await screenshot(page, "e2e-admin-5-duplicates");

    await page.getByLabel("Visa även veckor utan larm").check();
    await page.getByRole("button", { name: "Visa larm" }).click();
    await idle(page);
    expect(await statusText(page)).toMatch(/^Larmtabellen står i bladet ”Larm”/);
    snap = await snapshot(page);
    const larm = sheetOf(snap, "Larm");
    expect(larm.values.some((r) => String(r[0] ?? "").includes("inte ett belägg"))).toBe(true);
    expect(larm.values.some((r) => r[0] === "Indikator" && r[7] === "Larm")).toBe(true);
    await screenshot(page, "e2e-admin-6-alerts");
  });
});
