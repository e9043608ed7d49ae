import { describe, expect, it } from "vitest";
import { createMemoryWorkbook } from "../testing/memory-workbook";
import { createFakeClient } from "../testing/fake-client";
import { MISSING_LEGEND } from "../../shared/protocol/delivery";
import { halfMonthRuns, REPORTING_SHEET, writeReportingSheet } from "./reporting";

describe("reporting sheet (Inrapportering)", () => {
  it("joins consecutive half-months into runs", () => {
    expect(halfMonthRuns(["2026-03-H1", "2026-02-H2", "2026-05-H1", "2025-12-H2", "2026-01-H1"])).toBe("2025-12-H2 – 2026-01-H1, 2026-02-H2 – 2026-03-H1, 2026-05-H1");
    expect(halfMonthRuns([])).toBe("");
  });

  it("lists each partner's reported-through date, its missing half-months and its closures under the header line", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    client.reportingAnswer = {
      lastPeriod: "2026-11-H2",
      completeThrough: "2026-10-H2",
      partners: [
        { org: "polisen", name: "Polisen", reportedThrough: "2026-10-H2", missing: ["2026-11-H1", "2026-11-H2"] },
        { org: "vaktbolaget", name: "Vaktbolaget", reportedThrough: null, missing: ["2026-11-H2"] },
      ],
      closures: [{ org: "polisen", period: "2026-02-H2", closedAt: "2026-03-01T08:00:00Z", closedBy: "user:1" }],
    };
    const r = await writeReportingSheet(wb, client);
    expect(r).toEqual({ sheet: REPORTING_SHEET, partners: 2, missing: 3 });
    expect(wb.cell(REPORTING_SHEET, "A1")).toBe("Komplett till och med 2026-10-H2; saknas för november: Polisen, Vaktbolaget");
    expect(wb.cell(REPORTING_SHEET, "A3")).toBe(MISSING_LEGEND);
    expect(["A", "B", "C", "D", "E", "F"].map((c) => wb.cell(REPORTING_SHEET, `${c}6`))).toEqual(["Polisen", "polisen", "2026-10-H2", 2, "2026-11-H1 – 2026-11-H2", "2026-02-H2"]);
    expect(["A", "C", "D", "E", "F"].map((c) => wb.cell(REPORTING_SHEET, `${c}7`))).toEqual(["Vaktbolaget", "inget", 1, "2026-11-H2", null]);
  });
});
