import { describe, expect, it } from "vitest";
import { createMemoryWorkbook } from "../testing/memory-workbook";
import { stockholmTime } from "../../shared/periods/stockholm";
import { completenessState, writeCompletenessSheet } from "./completeness";
import { createFakeClient } from "../testing/fake-client";

type Over = Partial<{ submitted: boolean; reported: boolean; closed: boolean; firstSubmittedAt: string | null; onTime: boolean | null; due: boolean }>;
const row = (org: string, period: string, over: Over) => ({
  org, templateId: `${org}-mall`, periodType: "halfmonth", period, deadline: "2026-03-05T23:00:00.000Z", due: true, submitted: false, reported: false, closed: false, firstSubmittedAt: null, onTime: false, ...over,
});

describe("completeness sheet (Inlämning)", () => {
  it("names the state of each organisation and period", () => {
    expect(completenessState({ reported: true, closed: false, onTime: true, due: true })).toBe("I tid");
    expect(completenessState({ reported: true, closed: false, onTime: false, due: true })).toBe("Sen");
    expect(completenessState({ reported: true, closed: true, onTime: true, due: true })).toBe("Stängd");
    // Submitted but not approved: not reported, as in the deliveries.
    expect(completenessState({ reported: false, closed: false, onTime: false, due: true })).toBe("Saknas");
    expect(completenessState({ reported: false, closed: false, onTime: null, due: false })).toBe("Väntar");
    expect(stockholmTime("2026-03-19T07:15:00.000Z")).toBe("2026-03-19 08:15");
    expect(stockholmTime("2026-07-01T07:15:00.000Z")).toBe("2026-07-01 09:15");
  });

  it("writes the org × half-month matrix with colours, the late list and the detail table", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    const rows = [
      row("polisen", "2026-02-H2", { submitted: true, reported: true, firstSubmittedAt: "2026-03-02T08:00:00.000Z", onTime: true }),
      row("polisen", "2026-03-H1", { submitted: true, reported: true, firstSubmittedAt: "2026-03-25T08:00:00.000Z", onTime: false }),
      row("vaktbolaget", "2026-02-H2", {}),
      row("vaktbolaget", "2026-03-H1", { due: false, onTime: null }),
    ];
    client.completenessAnswer = { deadlineDays: 4, rows, late: rows.filter((r) => r.onTime === false) };
    const { sheet, late } = await writeCompletenessSheet(wb, client);
    expect(sheet).toBe("Inlämning");
    expect(late).toBe(2);
    const { values } = await wb.readUsedRange(sheet);
    expect(values[3].slice(0, 4)).toEqual(["Organisation", "Mall", "2026-02-H2", "2026-03-H1"]);
    expect(values[4].slice(0, 4)).toEqual(["polisen", "polisen-mall", "I tid", "Sen"]);
    expect(values[5].slice(0, 4)).toEqual(["vaktbolaget", "vaktbolaget-mall", "Saknas", "Väntar"]);
    expect(wb.conditionalFormatsOf(sheet).map((c) => [c.range, c.textEquals])).toEqual([["C5:D6", "I tid"], ["C5:D6", "Sen"], ["C5:D6", "Saknas"]]);
    const lateHeader = values.findIndex((r) => String(r[0]).startsWith("Sena eller saknade inlämningar (2)"));
    expect(lateHeader).toBeGreaterThan(5);
    const lateRows = values.slice(lateHeader + 2, lateHeader + 4);
    expect(lateRows.map((r) => [r[0], r[2], r[4], r[5] ?? ""])).toEqual([["polisen", "2026-03-H1", "Ja", "2026-03-25 09:00"], ["vaktbolaget", "2026-02-H2", "Nej", ""]]);
    const detail = values.findIndex((r) => r[0] === "Organisation" && r[2] === "Periodtyp");
    expect(values.slice(detail + 1, detail + 5).map((r) => r[7] ?? "")).toEqual(["Ja", "Nej", "Nej", ""]);
  });

  it("says when nobody is late", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    client.completenessAnswer = { deadlineDays: 4, rows: [row("polisen", "2026-02-H2", { submitted: true, reported: true, firstSubmittedAt: "2026-03-02T08:00:00.000Z", onTime: true })], late: [] };
    const { sheet } = await writeCompletenessSheet(wb, client);
    const { values } = await wb.readUsedRange(sheet);
    expect(values.some((r) => r[0] === "Ingen är sen.")).toBe(true);
  });
});
