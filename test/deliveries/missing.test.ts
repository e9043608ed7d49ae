// Reported, zero, suppressed: three different things (issue 13 §1). A half-month an expected partner has not
// reported (no approved submission, not closed by the huvudman) is missing: never a number, never `..`, kept out of
// disclosure control, marked `saknas` in every output; closing it makes it a reported zero, reopening it missing again.
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { createMemoryWorkbook } from "../../addin/testing/memory-workbook";
import { reportingHeadline, reportingState } from "../../shared/indicators/reporting";
import { buildCube } from "../../shared/indicators/cube";
import { periodEnd, periodStart } from "../../shared/periods/period";
import { halfMonthsBetween } from "../../shared/periods/tree";
import { hierarchyFromRows } from "../../shared/indicators/hierarchy";
import { BUILTIN_INDICATORS } from "../../shared/indicators/builtin";
import { MISSING_LEGEND, MISSING_MARK, SUPPRESSED_MARK, cellStatus, type Delivery } from "../../shared/protocol/delivery";
import { writeDeliverySheets } from "../../shared/workbook/delivery-sheets";
import { buildCoverModel } from "../../sync-server/deliveries/cover-model";
import { cellId } from "../../sync-server/deliveries/cell-key";
import { setAssignedAt } from "../../sync-server/stores/reporting";
import { submitApproved, VANDALISM_ACCESS, vandalism } from "../helpers/deliveries";
import { makeServer, type TestServer } from "../helpers/server";

const SCHOOL_ACCESS = { indicator: "ofullstandiga-betyg-ak9", levels: [0, 1, 2, 3], periodTypes: ["schoolyear"] };
const POLISEN = "Polisen lokalpolisområde Demostad";

let s: TestServer;

async function run(): Promise<{ status: string; lastPeriod: string }> {
  s.clock.advance(60_000);
  const res = await request(s.app).post("/api/deliveries/run").set(await s.as("huvudman")).send({});
  expect(res.status).toBe(201);
  return res.body;
}

async function latest(org: string): Promise<Delivery> {
  const res = await request(s.app).get(`/api/deliveries/latest?org=${org}`).set(await s.as("huvudman"));
  expect(res.status).toBe(200);
  return res.body as Delivery;
}

const vandalismAt = (d: Delivery, period: string) => d.cells.filter((c) => c.indicator === "skadegorelse-klotter" && c.period === period);

beforeAll(async () => {
  // 20 March 2026: the last complete half-month is 2026-03-H1. Polisen is expected from January, the school from
  // the school year 2024/25; polisen reports January H1, February H1 and March H1 only.
  s = makeServer({ start: "2026-03-20T09:00:00Z" });
  setAssignedAt(s.db, "polis-anmalningar", "polisen", "2026-01-01");
  setAssignedAt(s.db, "skola-betyg-ak9", "utbildningskontoret", "2024-07-01");
  await submitApproved(s, vandalism("2026-01-05", { "111": 9, "112": 1, "121": 7, "122": 5, "131": 4 }));
  await submitApproved(s, vandalism("2026-02-05", { "111": 8, "112": 2, "121": 6, "122": 5, "131": 3 }));
  await submitApproved(s, vandalism("2026-03-05", { "111": 9, "112": 1, "113": 6, "121": 7, "122": 5, "131": 4 }));
  const huvudman = await s.as("huvudman");
  const entries = [VANDALISM_ACCESS, SCHOOL_ACCESS];
  await request(s.app).put("/api/grants/polisen").set(huvudman).send({ grants: entries }).expect(200);
  await request(s.app).put("/api/subscriptions").set(await s.as("polisen")).send({ subscriptions: entries }).expect(200);
  // Polisen had nothing to report in the second half of January: the huvudman closes it.
  const closed = await request(s.app).post("/api/reporting/close").set(huvudman).send({ org: "polisen", from: "2026-01-H2" });
  expect(closed.status).toBe(200);
  expect(closed.body.closed).toEqual(["2026-01-H2"]);
}, 300_000);

describe("a round run after a half-month that nobody reported", () => {
  let police: Delivery;
  let own: Delivery;
  beforeAll(async () => {
    const round = await run();
    expect(round.lastPeriod).toBe("2026-03-H1");
    // The disclosure audit passes with missing cells in the round: the pattern is sent.
    expect(round.status).toBe("sent");
    police = await latest("polisen");
    own = await latest("kommunen");
  }, 300_000);

  it("publishes no number and no `..` for it, for a partner and in the huvudman's unsuppressed view", () => {
    for (const d of [police, own]) {
      const cells = [...vandalismAt(d, "2026-02-H2"), ...vandalismAt(d, "2026-02")];
      expect(cells.length).toBeGreaterThan(5);
      for (const c of cells) {
        expect(cellStatus(c)).toBe("missing");
        expect(c.value).toBeNull();
        expect(c.suppressed).toBe(false);
      }
    }
  });

  it("publishes reported half-months as numbers, and a closed half-month as a reported zero", () => {
    const total = (d: Delivery, period: string) => vandalismAt(d, period).find((c) => c.level === 0)!;
    expect(total(police, "2026-01-H1")).toMatchObject({ value: 26, status: "value" });
    expect(total(police, "2026-01-H2")).toMatchObject({ value: 0, status: "value" });
    expect(total(police, "2026-01")).toMatchObject({ value: 26, status: "value" });
    expect(total(police, "2026-03-H1")).toMatchObject({ value: 32, status: "value" });
    // The month of March is not over at the last complete half-month: not listed (never a partial sum).
    expect(total(police, "2026-03")).toBeUndefined();
    // Before polisen's assignment nobody was expected: those are numbers (zero).
    expect(total(police, "2025-12-H2")).toMatchObject({ value: 0, status: "value" });
  });

  it("says how far each partner has reported, in the delivery and in the header line", () => {
    const reporting = police.reporting!;
    expect(reporting.lastPeriod).toBe("2026-03-H1");
    const polisen = reporting.partners.find((p) => p.org === "polisen")!;
    expect(polisen).toMatchObject({ reportedThrough: "2026-02-H1", missing: ["2026-02-H2"], name: POLISEN });
    // The school, expected since 2024/25, has reported nothing: nothing is complete for everyone.
    const school = reporting.partners.find((p) => p.org === "utbildningskontoret")!;
    expect(school.reportedThrough).toBeNull();
    expect(school.missing[0]).toBe("2025-03-H1");
    // The others were assigned today: nothing is owed by them yet.
    expect(reporting.partners.find((p) => p.org === "brandforsvaret")).toMatchObject({ reportedThrough: "2026-03-H1", missing: [] });
    expect(reporting.completeThrough).toBeNull();
    expect(police.notes[0]).toBe(
      `Inte komplett för någon period; saknas för mars 2025–juni 2025: Utbildningskontoret; februari: ${POLISEN}`,
    );
  });

  it("a school year with no data is missing, not suppressed, for the partner and the huvudman", () => {
    for (const d of [police, own]) {
      const years = d.cells.filter((c) => c.indicator === "ofullstandiga-betyg-ak9");
      expect(new Set(years.map((c) => c.period))).toEqual(new Set(["2024/25", "2025/26"]));
      for (const c of years) expect(c).toMatchObject({ status: "missing", value: null, suppressed: false });
    }
  });

  it("keeps missing cells out of the cover model and out of the facts for later rounds", () => {
    const row = s.db.prepare("SELECT facts FROM delivery_rounds ORDER BY id DESC LIMIT 1").get() as { facts: string };
    const facts = Object.keys(JSON.parse(row.facts) as Record<string, number>);
    expect(facts.length).toBeGreaterThan(0);
    expect(facts.some((id) => id.includes("2026-02-H2"))).toBe(false);
    expect(facts.some((id) => id.includes("2026-01-H2"))).toBe(true);
  });

  it("writes `saknas` in the CSV, never 0 or `..`", async () => {
    const res = await request(s.app).get("/api/exports/delivery.csv").set(await s.as("polisen"));
    expect(res.status).toBe(200);
    const lines = res.text.slice(1).split("\r\n");
    const feb = lines.filter((l) => l.startsWith("skadegorelse-klotter;") && l.includes(";2026-02-H2;"));
    expect(feb.length).toBeGreaterThan(5);
    const header = lines[0].split(";");
    const field = (line: string, name: string) => line.split(";")[header.indexOf(name)];
    const shown = (line: string) => ["varde", "undertryckt", "status", "low", "high"].map((name) => field(line, name));
    for (const l of feb) expect(shown(l)).toEqual(["saknas", "nej", "saknas", "", ""]);
    const total = lines.find((l) => l.includes(";kommun;0;halfmonth;2026-01-H2;"))!;
    expect(shown(total).slice(0, 3)).toEqual(["0", "nej", "varde"]);
  });

  it("writes `saknas` in the sheets with its legend beside `..`, the header line, and a gap in the chart", async () => {
    const wb = createMemoryWorkbook();
    const written = await writeDeliverySheets(wb, police);
    const sheet = written.find((w) => w.indicator === "skadegorelse-klotter")!;
    expect(sheet.missing).toBeGreaterThan(5);
    const values = wb.snapshot().sheets.find((x) => x.name === sheet.sheet)!.values;
    const col = (k: number) => values.map((r) => r[k]);
    expect(col(0)).toContain(`${SUPPRESSED_MARK} = värdet skyddas (röjandekontroll, tröskel 3).`);
    expect(col(0)).toContain(MISSING_LEGEND);
    expect(col(0)).toContain(police.notes[0]);
    // The wide table (a tall block is cut into parts, each with its header row): the column of 2026-02-H2.
    const feb: unknown[] = [];
    values.forEach((header, at) => {
      if (header[0] !== "Område" || !header.includes("2026-02-H2")) return;
      const k = header.indexOf("2026-02-H2");
      // The part's data rows: each has its level (a number) in the third column.
      for (let i = at + 1; i < values.length && typeof values[i][2] === "number"; i++) feb.push(values[i][k]);
    });
    // Every cell the delivery has for the half-month is `saknas` (an area without a cell for it stays empty).
    const shown = feb.filter((v) => v !== null && v !== undefined);
    expect(shown.length).toBeGreaterThan(5);
    for (const v of shown) expect(v).toBe(MISSING_MARK);
    expect(shown.length).toBe(police.cells.filter((c) => c.indicator === "skadegorelse-klotter" && c.period === "2026-02-H2").length);
    // The chart's series (period, value): the missing half-month is an empty cell (a gap), not 0 and not text.
    const seriesRow = values.find((r) => r[0] === "2026-02-H2")!;
    expect(seriesRow[1] ?? null).toBeNull();
    const janRow = values.find((r) => r[0] === "2026-01-H2")!;
    expect(janRow[1]).toBe(0);
    // The huvudman's own view counts no empty cell as protected.
    const ownSheets = await writeDeliverySheets(createMemoryWorkbook(), own);
    for (const w of ownSheets) expect(w.suppressed).toBe(0);
    expect(ownSheets.find((w) => w.indicator === "ofullstandiga-betyg-ak9")!.missing).toBeGreaterThan(0);
  });

  it("shades missing areas differently from suppressed ones on the map, and GeoJSON says so", async () => {
    const svg = await request(s.app).get("/api/exports/map.svg?indicator=skadegorelse-klotter&period=2026-02-H2").set(await s.as("polisen"));
    expect(svg.status).toBe(200);
    const text = svg.text ?? String(svg.body);
    expect(text).toContain('class="area state-missing"');
    expect(text).not.toContain('class="area state-suppressed"');
    expect(text).toContain("url(#missing)");
    const geo = await request(s.app).get("/api/exports/delivery.geojson?indicator=skadegorelse-klotter&period=2026-02-H2").set(await s.as("polisen"));
    expect(geo.status).toBe(200);
    const props = (JSON.parse(geo.text) as { features: { properties: { status: string; varde: unknown; visas: string } }[] }).features.map((f) => f.properties);
    expect(props.length).toBeGreaterThan(0);
    for (const p of props) expect(p).toMatchObject({ status: "missing", varde: null, visas: MISSING_MARK });
  });
});

describe("closing and reopening a half-month", () => {
  it("closing makes the half-month a reported zero where nothing was approved; reopening makes it missing again; both audited", async () => {
    const huvudman = await s.as("huvudman");
    const actor = await s.as("polisen");
    expect((await request(s.app).post("/api/reporting/close").set(actor).send({ org: "polisen", from: "2026-02-H2" })).status).toBe(403);
    const bad = await request(s.app).post("/api/reporting/close").set(huvudman).send({ org: "polisen", from: "2026-04-H1" });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("har inte tagit slut");

    expect((await request(s.app).post("/api/reporting/close").set(huvudman).send({ org: "polisen", from: "2026-02-H2" })).body.closed).toEqual(["2026-02-H2"]);
    const view = await request(s.app).get("/api/reporting").set(huvudman);
    expect(view.status).toBe(200);
    expect(view.body.partners.find((p: { org: string }) => p.org === "polisen")).toMatchObject({ reportedThrough: "2026-03-H1", missing: [] });
    expect(view.body.closures.map((c: { period: string }) => c.period)).toEqual(["2026-01-H2", "2026-02-H2"]);
    await run();
    const closed = await latest("polisen");
    const feb = vandalismAt(closed, "2026-02-H2");
    expect(feb.every((c) => cellStatus(c) !== "missing")).toBe(true);
    expect(feb.find((c) => c.level === 0)).toMatchObject({ value: 0, status: "value" });
    expect(vandalismAt(closed, "2026-02").find((c) => c.level === 0)).toMatchObject({ value: 24, status: "value" });

    const reopened = await request(s.app).post("/api/reporting/reopen").set(huvudman).send({ org: "polisen", from: "2026-02-H2" });
    expect(reopened.body.reopened).toEqual(["2026-02-H2"]);
    await run();
    const again = await latest("polisen");
    expect(vandalismAt(again, "2026-02-H2").every((c) => cellStatus(c) === "missing" && c.value === null)).toBe(true);

    const audit = s.db.prepare("SELECT action, details FROM audit_log WHERE action LIKE 'reporting.%' ORDER BY seq").all() as { action: string; details: string }[];
    expect(audit.map((a) => a.action)).toEqual(["reporting.close", "reporting.close", "reporting.reopen"]);
    expect(audit[0].details).toContain("stängd utan inrapportering");
  }, 300_000);
});

describe("the reporting state", () => {
  const def = BUILTIN_INDICATORS.find((d) => d.id === "skadegorelse-klotter")!;
  const state = reportingState({
    lastPeriod: "2026-03-H1",
    from: "2025-04-01",
    assignments: [{ templateId: "polis-anmalningar", org: "polisen", assignedAt: "2026-01-20T10:00:00Z" }],
    approved: [{ org: "polisen", templateId: "polis-anmalningar", period: "2026-02-H1" }],
    closures: [{ org: "polisen", period: "2026-01-H2" }],
  });
  const missing = state.missing([def]);

  it("expects a partner from the half-month of its assignment, and nothing after the last complete half-month", () => {
    expect(missing("skadegorelse-klotter", "halfmonth", "2026-01-H1")).toBe(false);
    expect(missing("skadegorelse-klotter", "halfmonth", "2026-01-H2")).toBe(false);
    expect(missing("skadegorelse-klotter", "halfmonth", "2026-02-H1")).toBe(false);
    expect(missing("skadegorelse-klotter", "halfmonth", "2026-02-H2")).toBe(true);
    expect(missing("skadegorelse-klotter", "month", "2026-01")).toBe(false);
    expect(missing("skadegorelse-klotter", "month", "2026-02")).toBe(true);
    expect(missing("skadegorelse-klotter", "quarter", "2025-Q4")).toBe(false);
    expect(missing("skadegorelse-klotter", "quarter", "2026-Q1")).toBe(true);
    expect(state.summary().partners).toEqual([{ org: "polisen", name: "polisen", reportedThrough: "2026-02-H1", missing: ["2026-02-H2", "2026-03-H1"] }]);
  });

  it("a missing cell is never in the cover model: not a fact the attacker knows", () => {
    const hierarchy = hierarchyFromRows([
      { code: "1", level: 1, parent: null },
      { code: "11", level: 2, parent: "1" },
      { code: "111", level: 3, parent: "11" },
      { code: "112", level: 3, parent: "11" },
    ]);
    const rows = ["2026-02-03", "2026-02-20", "2026-02-21"].flatMap((date) => vandalism(date, { "111": 2, "112": 1 }));
    const cube = buildCube(rows, [def], hierarchy, { range: { from: "2026-02-01", to: "2026-03-15" } });
    const reader = { org: "polisen", huvudman: false, entries: [{ indicator: def.id, levels: [0, 1, 2, 3], periodTypes: ["halfmonth" as const, "month" as const] }] };
    const whole = buildCoverModel(cube, [reader]).cells;
    const cover = buildCoverModel(cube, [reader], new Set(), missing).cells;
    expect(whole.has(cellId({ indicator: def.id, nyko: "111", period: "2026-02-H2" }))).toBe(true);
    expect(cover.has(cellId({ indicator: def.id, nyko: "111", period: "2026-02-H2" }))).toBe(false);
    expect(cover.has(cellId({ indicator: def.id, nyko: "111", period: "2026-02" }))).toBe(false);
    expect(cover.has(cellId({ indicator: def.id, nyko: "111", period: "2026-02-H1" }))).toBe(true);
    expect(cover.has(cellId({ indicator: def.id, nyko: null, period: "2026-02-H1" }))).toBe(true);
  });

  it("a template of school years owes its half-months only once the school year has ended", () => {
    const school = BUILTIN_INDICATORS.find((d) => d.id === "ofullstandiga-betyg-ak9")!;
    const st = reportingState({
      lastPeriod: "2026-11-H1",
      from: "2025-12-01",
      assignments: [{ templateId: "skola-betyg-ak9", org: "utbildningskontoret", assignedAt: "2024-07-01", leafType: "schoolyear" }],
      approved: ["2024/25", "2025/26"].flatMap((y) => halfMonthsBetween(periodStart(y), periodEnd(y)).map((period) => ({ org: "utbildningskontoret", templateId: "skola-betyg-ak9", period }))),
      closures: [],
    });
    const m = st.missing([school]);
    expect(m(school.id, "schoolyear", "2025/26")).toBe(false);
    expect(m(school.id, "schoolyear", "2026/27")).toBe(true);
    expect(st.summary().partners[0]).toMatchObject({ reportedThrough: "2026-11-H1", missing: [] });
  });

  it("the header line says what is complete and who is missing for which month", () => {
    const partners = [
      { org: "polisen", name: "Polisen", reportedThrough: "2026-10-H2", missing: ["2026-11-H1", "2026-11-H2"] },
      { org: "vaktbolaget", name: "Vaktbolaget", reportedThrough: "2026-10-H2", missing: ["2026-11-H2"] },
      { org: "brandforsvaret", name: "Räddningstjänsten", reportedThrough: "2026-11-H2", missing: [] },
    ];
    expect(reportingHeadline({ lastPeriod: "2026-11-H2", completeThrough: "2026-10-H2", partners })).toBe("Komplett till och med 2026-10-H2; saknas för november: Polisen, Vaktbolaget");
    expect(reportingHeadline({ lastPeriod: "2026-11-H2", completeThrough: "2026-11-H2", partners: [partners[2]] })).toBe("Komplett till och med 2026-11-H2.");
  });
});
