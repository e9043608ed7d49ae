// The pane's "Skriv årsrapporten" flow against the in-memory workbook and the fake sync client: the same shared
// writer as `lagesbild arsrapport`, fed by the client's year inputs, alert table and intervention register.
import { describe, expect, it } from "vitest";
import type { CellValue } from "../../shared/grid/cell";
import { evaluateIntervention } from "../../shared/interventions/evaluate";
import type { DeliveryCell } from "../../shared/protocol/delivery";
import type { Intervention } from "../../shared/protocol/interventions";
import type { YearReportInputs } from "../../shared/protocol/year-report";
import { changeTest, poissonInterval } from "../../shared/stats/intervals";
import { createFakeClient } from "../testing/fake-client";
import { createMemoryWorkbook, type MemoryWorkbook } from "../testing/memory-workbook";
import { SyncError } from "../sync-client";
import { writeYearReportSheets, yearReportDoneText } from "./year-report";

const IND = "anlagda-brander";
const TITLE = "Anlagda bränder";
const mm = (m: number) => String(m).padStart(2, "0");
const cell = (nyko: string | null, periodType: DeliveryCell["periodType"], period: string, value: number | null, status: DeliveryCell["status"] = "value"): DeliveryCell => ({
  indicator: IND, nyko, level: nyko === null ? 0 : nyko.length, periodType, period, value, suppressed: status === "suppressed", status,
});

function inputs(over: Partial<YearReportInputs> = {}): YearReportInputs {
  const cells: DeliveryCell[] = [];
  for (let m = 1; m <= 12; m++) {
    cells.push(cell(null, "month", `2025-${mm(m)}`, 4), cell("11", "month", `2025-${mm(m)}`, 2), cell("12", "month", `2025-${mm(m)}`, m === 5 ? null : 1, m === 5 ? "suppressed" : "value"));
    cells.push(cell(null, "month", `2026-${mm(m)}`, m <= 6 ? 9 : null, m <= 6 ? "value" : "missing"), cell("11", "month", `2026-${mm(m)}`, 2), cell("12", "month", `2026-${mm(m)}`, 3));
  }
  return {
    year: 2026,
    gatheredAt: "2026-12-06T09:00:00.000Z",
    source: "Lägesbild, Demokommun: godkända inskick",
    threshold: 3,
    rounds: [{ id: 4, ranAt: "2026-11-20T05:00:00.000Z" }],
    definitions: [{ id: IND, version: 1, title: TITLE, unit: "antal", factor: "none", description: "" }],
    cells,
    reporting: { lastPeriod: "2026-10-H2", completeThrough: "2026-06-H2", partners: [{ org: "polisen", name: "Polisen", reportedThrough: "2026-10-H2", missing: [] }, { org: "skola", name: "Skolan", reportedThrough: "2026-06-H2", missing: ["2026-07-H1", "2026-07-H2"] }] },
    areas: [
      { code: "1", level: 1, name: "Centrala staden", parent: null },
      { code: "11", level: 2, name: "Bäckby", parent: "1" },
      { code: "12", level: 2, name: "Stationsbyn", parent: "1" },
    ],
    unsuppressed: false,
    window: { year: 2026, lastMonth: 6 },
    maps: { [IND]: `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="900"><rect width="800" height="900"/></svg>` },
    ...over,
  };
}

const INTERVENTION: Intervention = {
  id: 3, version: 1, status: "active", owner: "kommunen", createdAt: "2026-02-01T00:00:00.000Z", changedAt: "2026-02-01T00:00:00.000Z",
  name: "Trygghetsvandringar Bäckby", kind: "trygghetsvandring", orgs: ["kommunen", "polisen"], areas: ["11"], level: 2,
  startDate: "2026-03-01", endDate: null, description: "", indicators: [IND], comparisonAreas: [],
};

/** The rows of the table whose header row starts with `first`, by header. */
async function table(wb: MemoryWorkbook, sheet: string, first: string): Promise<Record<string, CellValue>[]> {
  const { values } = await wb.readUsedRange(sheet);
  const h = values.findIndex((r) => r[0] === first);
  expect(h).toBeGreaterThanOrEqual(0);
  const out: Record<string, CellValue>[] = [];
  for (let r = h + 1; r < values.length && values[r][0] !== null && values[r][0] !== ""; r++) out.push(Object.fromEntries(values[h].map((k, i) => [String(k), values[r][i]])));
  return out;
}

describe("Årsrapport in the pane", () => {
  it("writes every sheet of the report into the open workbook from the client's published inputs", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    client.yearInputs.set(2026, inputs());
    client.alertList = [
      { indicator: IND, nyko: "11", level: 2, week: "2026-W14", observed: 9, upperbound: 4, method: "farrington", alarm: true, reason: "persistent", weeksTogether: 3 },
      { indicator: IND, nyko: null, level: 0, week: "2025-W50", observed: 12, upperbound: 8, method: "C2", alarm: true },
    ];
    client.interventionList = [INTERVENTION, { ...INTERVENTION, id: 4, name: "Avslutad 2024", startDate: "2024-01-01", endDate: "2024-12-31" }];

    const written = await writeYearReportSheets(wb, client, 2026);
    expect(written.sheets).toEqual(["Årsrapport 2026", "Kartor 2026", "Trender 2026", "Larm 2026", "Inrapportering 2026", "Insatser 2026"]);
    expect(client.calls.find((c) => c.method === "alerts")?.args[0]).toEqual({ weeks: "52" });
    expect(yearReportDoneText(2026, written)).toMatch(/^Årsrapport 2026 står i bladen ”Årsrapport 2026”, /);

    // January–June (completeThrough 2026-06-H2) against January–June 2025.
    const summary = await table(wb, "Årsrapport 2026", "Indikator");
    const municipality = summary.find((r) => r["Område"] === "Hela kommunen")!;
    expect(municipality).toMatchObject({ "januari–juni 2025": 24, "januari–juni 2026": 54, "Förändring %": 125 });
    expect(municipality["Bedömning"]).toBe(changeTest({ kind: "count", before: 24, after: 54 }).significant ? "säker ökning" : "ingen säker förändring");
    expect(municipality["2026 låg"]).toBeCloseTo(poissonInterval(54).low, 9);
    expect(municipality["2026 hög"]).toBeCloseTo(poissonInterval(54).high, 9);
    expect(summary.find((r) => r["Område"] === "11")).toMatchObject({ "Områdesnamn": "Bäckby", "januari–juni 2025": 12, "januari–juni 2026": 12, Bedömning: "ingen säker förändring" });
    // May 2025 suppressed in 12: its half-year is `..`, without an interval, and not compared.
    expect(summary.find((r) => r["Område"] === "12")).toMatchObject({ "januari–juni 2025": "..", "2025 låg": null, "2025 hög": null, "januari–juni 2026": 18, Bedömning: "kan inte jämföras" });

    expect(wb.picturesOf("Kartor 2026").length).toBe(1);
    expect(wb.chartsOf("Trender 2026")).toEqual([expect.objectContaining({ kind: "line", title: `${TITLE}, hela kommunen per månad` })]);
    // Only 2026's alarm, without the alert table's (not disclosure-controlled) counts.
    const alarms = await table(wb, "Larm 2026", "Indikator");
    expect(alarms).toEqual([{ Indikator: TITLE, "Område": "11", "Områdesnamn": "Bäckby", "Nivå": 2, Vecka: "2026-W14", Slag: "ihållande ökning (3 veckor tillsammans)", Metod: "Farrington" }]);
    const partners = await table(wb, "Inrapportering 2026", "Part");
    expect(partners.map((r) => [r.Part, r["Saknade halvmånader"], r["Andel rapporterad %"]])).toEqual([["polisen", 0, 100], ["skola", 0, 100]]);
    // The intervention of 2026, evaluated on the published cells; the one of 2024 is not listed.
    const listed = await table(wb, "Insatser 2026", "Insats");
    const expected = evaluateIntervention(INTERVENTION, inputs().cells, { titles: { [IND]: TITLE } }).results[0];
    expect(listed).toEqual([expect.objectContaining({ Insats: "Trygghetsvandringar Bäckby", Slag: "Trygghetsvandring", Indikator: TITLE, "Jämförelseområden": "övriga områden", Utvärdering: expected.sentence })]);
    expect(wb.selected()).toEqual({ sheet: "Årsrapport 2026", cell: "A1" });
  });

  it("a second report of the year replaces its own sheets and leaves the user's alone", async () => {
    const wb = createMemoryWorkbook({ "Årsrapport 2026": [["mina anteckningar"]] });
    const client = createFakeClient();
    client.yearInputs.set(2026, inputs());
    const first = await writeYearReportSheets(wb, client, 2026);
    expect(first.sheets[0]).toBe("Årsrapport 2026 (2)");
    await writeYearReportSheets(wb, client, 2026);
    expect(wb.cell("Årsrapport 2026", "A1")).toBe("mina anteckningar");
    expect((await wb.listSheets()).filter((s) => s.startsWith("Årsrapport 2026"))).toEqual(["Årsrapport 2026", "Årsrapport 2026 (2)"]);
  });

  it("a year without a delivery fails with the server's Swedish sentence and writes no sheet", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    const failure = writeYearReportSheets(wb, client, 2030);
    await expect(failure).rejects.toBeInstanceOf(SyncError);
    await expect(failure).rejects.toThrow("Ingen leverans innehåller publicerade värden för 2030.");
    expect(await wb.listSheets()).toEqual(["Blad1"]);
  });

  it("a year with no month reported by every partner is explained, not written as zeros", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    client.yearInputs.set(2026, inputs({ window: null }));
    await expect(writeYearReportSheets(wb, client, 2026)).rejects.toThrow("Ingen månad av 2026 är komplett inrapporterad av alla parter ännu");
    expect(await wb.listSheets()).toEqual(["Blad1"]);
  });

  it("an answer that is not the report's contract is refused (never written)", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    client.yearInputs.set(2026, { ...inputs(), unsuppressed: true });
    await expect(writeYearReportSheets(wb, client, 2026)).rejects.toThrow("Serverns svar är inte årsrapportens underlag");
    expect(await wb.listSheets()).toEqual(["Blad1"]);
  });
});
