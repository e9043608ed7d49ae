// The four flows through the task pane, in headless Chromium against the real sync server, clicking what a person
// would click: the police insert their template, paste their export, fix an error and submit; the huvudman approves;
// the police refresh their tables; the admin publishes a new template version. Each end state is screenshotted.
import { darkPixels, decodePng } from "../helpers/png";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { untranslated } from "./swedish";
import { builtinTemplate } from "../../shared/templates/builtin";
import type { Browser, Page } from "playwright-core";
import { DEMO_PASSWORD, POLICE_EXPORT, buildAddinOnce, idle, sheetOf, snapshot, launchBrowser, openPane, openProductionPane, readExport, screenshot, signIn, signOut, startSyncServer, statusText, type RunningServer } from "./harness";
import type { CellValue } from "../../shared/grid/cell";
import { addDays } from "../../shared/periods/civil-date";
import { stockholmDate } from "../../shared/periods/stockholm";
import { RETIRE_LEAD_DAYS } from "../../addin/flows/templates";

let server: RunningServer;
let browser: Browser;
let page: Page;
let exportGrid: CellValue[][];


beforeAll(async () => {
  buildAddinOnce();
  [server, browser, exportGrid] = await Promise.all([startSyncServer(), launchBrowser(), readExport(POLICE_EXPORT, 200)]);
  page = await openPane(browser, server.url);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const POLICE_SHEET = builtinTemplate("polis-anmalningar")!.sheetNameHint;

// After every step: the pane's visible text and every sheet Lägesbild wrote are Swedish, with no raw identifiers.
afterEach(async () => {
  const paneText = await page.evaluate(() => document.body.innerText);
  expect(untranslated(paneText)).toEqual([]);
  const snap = await snapshot(page);
  for (const s of snap.sheets) {
    if (s.name === POLICE_SHEET) continue; // the actor's own rows, as pasted
    expect(untranslated(s.values.map((row) => row.map((v) => (v === null ? "" : String(v))).join("\t")).join("\n")), s.name).toEqual([]);
  }
});

describe("task pane end to end", () => {
  it("submit: insert template, paste the police export, fix an error, preview and send", async () => {
    // Before anyone signs in there is nobody to sign out.
    expect(await page.locator("#sign-out").isVisible()).toBe(false);
    await signIn(page, "polisen");
    expect(await page.locator("#sign-out").isVisible()).toBe(true);
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
    expect(previewSheet.values[0]).toEqual(expect.arrayContaining(["Mall", "Datum", "Timme", "Område (NYKO)", "Brottskod"]));
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

  it("review: the huvudman approves the submission in the review sheet and syncs", async () => {
    await signOut(page);
    await signIn(page, "huvudman");
    await page.getByRole("tab", { name: "Granska" }).click();
    expect(await page.locator("#review-list li[data-id]").count()).toBe(1);
    await page.getByRole("button", { name: "Skriv granskningsbladet" }).click();
    await idle(page);
    let snap = await snapshot(page);
    const review = sheetOf(snap, "Granskning");
    const header = review.values[2] as string[];
    expect(review.values[3][header.indexOf("Organisation")]).toBe("polisen");
    // The huvudman picks Godkänn in the Beslut column (a dropdown in Excel).
    const cell = `${String.fromCharCode(65 + header.indexOf("Beslut"))}4`;
    await page.evaluate((cell) => window.lagesbild!.workbook.writeValues("Granskning", cell, [["Godkänn"]]), cell);
    await page.getByRole("button", { name: "Synka granskning" }).click();
    await idle(page);
    expect(await statusText(page)).toBe("1 beslut skickade.");
    snap = await snapshot(page);
    const after = sheetOf(snap, "Granskning");
    expect(after.values[3][header.indexOf("Status")]).toBe("Godkänd");
    expect(String(after.values[3][header.indexOf("Resultat")])).toMatch(/^Godkänd/);
    const row = server.db.prepare("SELECT status FROM submissions").get() as { status: string };
    expect(row.status).toBe("approved");
    await screenshot(page, "e2e-2-review");
  });

  it("round: the huvudman reads the set-up checklist and runs a delivery round from the pane", async () => {
    // The huvudman reaches back far enough for the demo rows (January 2025), grants the police an indicator and
    // subscribes them (through the API, as the sheets for these are tested in admin-sheets.test.ts).
    const steps = await page.evaluate(async (password) => {
      const call = async (method: string, path: string, body?: unknown, token?: string) => {
        const r = await fetch(path, { method, headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
        return { status: r.status, json: (await r.json().catch(() => null)) as Record<string, unknown> | null };
      };
      const token = (await call("POST", "/api/auth/login", { username: "huvudman", password })).json?.accessToken as string;
      const current = (await call("GET", "/api/deliveries/settings", undefined, token)).json as Record<string, unknown>;
      const { nextRun: _next, ...settings } = current;
      return [
        await call("PUT", "/api/deliveries/settings", { ...settings, historyMonths: 24 }, token),
        await call("PUT", "/api/grants/polisen", { grants: [{ indicator: "tillgreppsbrott", levels: [0, 1, 2, 3], periodTypes: ["month", "quarter"] }] }, token),
        await call("PUT", "/api/subscriptions?org=polisen", { subscriptions: [{ indicator: "tillgreppsbrott", levels: [0, 1, 2, 3], periodTypes: ["month", "quarter"] }] }, token),
      ].map((r) => r.status);
    }, DEMO_PASSWORD);
    expect(steps).toEqual([200, 200, 200]);

    await signOut(page);
    await signIn(page, "huvudman");
    await page.getByRole("tab", { name: "Administrera" }).click();
    const state = (point: string) => page.locator(`#setup-list li[data-point=${point}]`).getAttribute("data-state");
    expect(await state("registers")).toBe("done");
    expect(await state("grants")).toBe("partial"); // only the police so far
    expect(await state("subscriptions")).toBe("done");
    expect(await state("schedule")).toBe("done");
    expect(await state("rounds")).toBe("missing");
    expect(await page.locator("#setup-list li[data-point=schedule]").textContent()).toMatch(/nästa leverans \d{4}-\d\d-\d\d \d\d:\d\d\./);
    expect(await page.locator("#setup-list li[data-point=grants]").textContent()).toContain("fliken Administrera, avsnittet Behörigheter (bladet Behörigheter)");
    // "Gå till Behörigheter" takes the huvudman to the section that changes it.
    await page.locator("#setup-list li[data-point=grants] button").click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("grants-sheet");

    await page.getByRole("button", { name: "Kör leveransomgång nu" }).click();
    await page.waitForFunction(() => document.getElementById("pane")?.getAttribute("aria-busy") === "false", undefined, { timeout: 300_000 });
    expect(await statusText(page)).toMatch(/^Leveransomgång \d+ är klar: \d+ leveranser\.$/);
    const figures = await page.locator("#round-result").textContent();
    expect(figures).toMatch(/körd för hand/);
    expect(figures).toMatch(/\d+ celler: \d+ publicerade, \d+ undertryckta \(\d+ primärt, \d+ sekundärt(, \d+ av andra skäl)?\)/);
    const stored = server.db.prepare("SELECT count(*) AS n FROM delivery_rounds").get() as { n: number };
    expect(stored.n).toBe(1);
    expect(await state("rounds")).toBe("done");

    await page.getByRole("button", { name: "Visa matchade halvmånader" }).click();
    await idle(page);
    expect(await statusText(page)).toMatch(/^Matchningen står i bladet ”Dubblettmatchning”/);
    await screenshot(page, "e2e-3-round");
  }, 400_000);

  it("refresh: the police fetch their tables into sheets of their own", async () => {
    await signOut(page);
    const preview = sheetOf(await snapshot(page), "Förhandsgranskning");
    await signIn(page, "polisen");
    // The actor sees the huvudman's decision on the own submission.
    await page.getByRole("button", { name: "Visa status" }).click();
    await idle(page);
    expect(await page.locator("#my-submissions li[data-status=approved]").count()).toBe(1);
    await page.getByRole("tab", { name: "Uppdatera" }).click();
    await page.getByRole("button", { name: "Uppdatera tabeller" }).click();
    await idle(page);
    expect(await statusText(page)).toMatch(/tabellblad uppdaterade/);
    const snap = await snapshot(page);
    const own = JSON.parse(snap.settings["lagesbild.ownSheets"]) as Record<string, string>;
    const indicatorSheets = Object.entries(own).filter(([k]) => k.startsWith("indicator:")).map(([, name]) => name);
    expect(indicatorSheets.length).toBeGreaterThan(0);
    const sheet = sheetOf(snap, indicatorSheets[0]);
    expect(sheet.name).toBe("Tillgreppsbrott");
    expect(String(sheet.values[1][0])).toMatch(/^Källa: /);
    expect(sheet.charts).toBe(1);
    expect(sheet.tables.length).toBeGreaterThan(0);
    // The area map: the server's map.svg, as a picture; rendered with the browser's canvas (as the Office.js host
    // does), its title is drawn.
    expect(sheet.pictures).toBe(1);
    const rendered = await page.evaluate(async (name) => {
      const [picture] = window.lagesbild!.memory.picturesOf(name);
      if (picture.svg === undefined) return null;
      return { svg: picture.svg, widthPx: picture.widthPx, png: await window.lagesbild!.renderSvg(picture.svg, picture.widthPx, picture.heightPx) };
    }, sheet.name);
    expect(rendered!.svg).toMatch(/<text class="title"[^>]*>Tillgreppsbrott, /);
    const img = decodePng(Buffer.from(rendered!.png, "base64"));
    expect(img.width).toBe(rendered!.widthPx * 2);
    const scale = img.width / 800; // the map SVG is 800 wide, its title at y 8–28 from x 20
    expect(darkPixels(img, { x: Math.round(20 * scale), y: Math.round(6 * scale), width: Math.round(250 * scale), height: Math.round(24 * scale) })).toBeGreaterThan(50);
    // The municipality's January 2025 count is the approved police thefts of that month (the first 200 rows).
    // The wide form: the municipality's row under the month block's header, January 2025 in the column so named.
    const header = sheet.values.findIndex((r) => r[0] === "Område" && r.includes("2025-01"));
    const total = sheet.values.slice(header + 1).find((r) => r[0] === "Hela kommunen");
    expect(total?.[sheet.values[header].indexOf("2025-01")]).toBe(preview.values.slice(1).filter((r) => r.includes("0601") || r.includes("0701")).length);
    await page.evaluate((name) => window.lagesbild!.workbook.selectCell(name, "A1"), sheet.name);
    await page.evaluate(() => window.lagesbild!.redraw());
    await screenshot(page, "e2e-3-refresh");
  });

  it("templates: the admin publishes version 2 after fixing an error shown at its cell", async () => {
    await signOut(page);
    await signIn(page, "admin");
    await page.getByRole("tab", { name: "Mallar" }).click();
    await page.getByLabel("Mall", { exact: true }).selectOption("polis-anmalningar");
    await page.getByRole("button", { name: "Skriv mallbladet" }).click();
    await idle(page);
    const sheet = (await snapshot(page)).activeSheet;
    expect(sheet).toBe("Mall polis-anmalningar");
    // A mistake first: "kanske" is not Ja/Nej.
    await page.evaluate((sheet) => window.lagesbild!.workbook.writeValues(sheet, "E13", [["kanske"]]), sheet);
    await page.getByRole("button", { name: "Publicera ny version" }).click();
    await idle(page);
    expect(await statusText(page)).toMatch(/Mallbladet har 1 fel/);
    await page.locator("#template-issues button[data-cell=E13]").click();
    await idle(page);
    let snap = await snapshot(page);
    expect(snap.selection).toEqual({ sheet, cell: "E13" });
    expect(sheetOf(snap, sheet).fills.E13).toBe("#FDE7E9");
    // Fix it and add an alias for the crime code column.
    await page.evaluate((sheet) => window.lagesbild!.workbook.writeValues(sheet, "E13", [["Nej"]]), sheet);
    await page.evaluate((sheet) => window.lagesbild!.workbook.writeValues(sheet, "C14", [["Kod; Brottskod STORM"]]), sheet);
    await page.getByRole("button", { name: "Publicera ny version" }).click();
    await idle(page);
    expect(await statusText(page)).toBe("Version 2 av polis-anmalningar är publicerad.");
    expect(await page.locator("#version-list li[data-version]").count()).toBe(2);
    snap = await snapshot(page);
    expect(sheetOf(snap, sheet).values[1][1]).toBe(2);
    expect(sheetOf(snap, sheet).fills.E13).toBeUndefined();
    // The same sheet again says nothing new: refused in Swedish, no version 3.
    await page.getByRole("button", { name: "Publicera ny version" }).click();
    await idle(page);
    expect(await statusText(page)).toBe("Mallbladet är oförändrat sedan version 2; ingen ny version publicerades. Ändra bladet först.");
    expect(await page.locator("#version-list li[data-version]").count()).toBe(2);
    // Retire version 1 from a date: the field proposes a date ahead, and nothing happens before the admin confirms.
    const v1 = page.locator("#version-list li[data-version='1']");
    expect(await page.getByLabel("Avveckla version 1 från").inputValue()).toBe(addDays(stockholmDate(new Date()), RETIRE_LEAD_DAYS));
    await page.getByLabel("Avveckla version 1 från").fill("2030-01-01");
    await v1.locator("button[data-action=retire]").click();
    expect(await v1.locator(".confirm p").textContent()).toBe("Avveckla version 1 av ”Polisen: anmälda brott och STORM-händelser” från 2030-01-01? Från den dagen tas inskick på versionen inte emot. Du kan ångra fram till dess.");
    await v1.locator("button[data-action=cancel-retire]").click();
    expect(await v1.locator(".badge").textContent()).toBe("aktiv");
    await v1.locator("button[data-action=retire]").click();
    await v1.locator("button[data-action=confirm-retire]").click();
    await idle(page);
    expect(await statusText(page)).toBe("Version 1 av polis-anmalningar tas inte emot från 2030-01-01. Du kan ångra fram till dess.");
    expect(await page.locator("#version-list li[data-version='1'] .badge").textContent()).toBe("avvecklas 2030-01-01");
    // Until that date the retirement can be undone.
    await page.locator("#version-list li[data-version='1'] button[data-action=undo-retire]").click();
    await idle(page);
    expect(await statusText(page)).toBe("Avvecklingen av version 1 av polis-anmalningar är ångrad; versionen tas emot som förut.");
    expect(await page.locator("#version-list li[data-version='1'] .badge").textContent()).toBe("aktiv");
    await screenshot(page, "e2e-4-templates");
  });

  it("without Excel, the production pane says it needs Excel and starts no workbook of its own", async () => {
    const plain = await openProductionPane(browser, server.url);
    try {
      expect(await statusText(plain)).toMatch(/^Lägesbild behöver Excel\./);
      expect(await plain.evaluate(() => window.lagesbild === undefined)).toBe(true);
      expect(await plain.locator("#host-view").count()).toBe(0);
      expect(await plain.locator("#sign-in").isHidden()).toBe(true);
      expect(await plain.locator("#app").isHidden()).toBe(true);
    } finally {
      await plain.context().close();
    }
  });
});
