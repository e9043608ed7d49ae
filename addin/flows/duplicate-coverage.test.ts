import { describe, expect, it } from "vitest";
import type { DuplicateCoverage } from "../../shared/protocol/duplicates-api";
import { createMemoryWorkbook } from "../testing/memory-workbook";
import { COVERAGE_COLUMNS, COVERAGE_SHEET, writeCoverageSheet } from "./duplicate-coverage";

const col = (name: string) => String.fromCharCode(65 + COVERAGE_COLUMNS.indexOf(name));
const org = (o: string, linkedRows: number, expiredRows = 0) => ({ org: o, linkedRows, expiredRows, keptUntil: "2026-04-20T09:00:00.000Z" });

const coverage: DuplicateCoverage = {
  windowDays: 45,
  summary: { matched: 1, partial: 0, unmatched: 2, single: 1 },
  groups: [
    { halfMonth: "2025-04-H1", linkClass: "brand", status: "single", orgs: [org("polisen", 4)], pairs: [] },
    { halfMonth: "2025-03-H1", linkClass: "brand", status: "unmatched", orgs: [org("brandforsvaret", 0, 2), org("polisen", 1)],
      pairs: [{ a: "brandforsvaret", b: "polisen", compared: false, reason: "expired-before-approval", late: "brandforsvaret", duplicates: 0 }] },
    { halfMonth: "2025-02-H1", linkClass: "skadegorelse", status: "unmatched", orgs: [org("bostadsbolaget", 12), org("vaktbolaget", 9)],
      pairs: [{ a: "bostadsbolaget", b: "vaktbolaget", compared: false, reason: "window-passed", late: "vaktbolaget", duplicates: 0 }] },
    { halfMonth: "2025-01-H1", linkClass: "brand", status: "matched", orgs: [org("brandforsvaret", 30), org("polisen", 41)],
      pairs: [{ a: "brandforsvaret", b: "polisen", compared: true, reason: null, late: null, duplicates: 17 }] },
  ],
};

describe("Dubblettmatchning sheet", () => {
  it("lists each half-month and class: matched or not, who came too late, rows and pairs, in Swedish", async () => {
    const wb = createMemoryWorkbook();
    const sheet = await writeCoverageSheet(wb, coverage);
    expect(sheet).toBe(COVERAGE_SHEET);
    expect(String(wb.cell(sheet, "A1"))).toBe("Matchning av dubbletter per halvmånad: 1 matchade, 0 delvis, 2 kunde inte matchas, 1 med bara en part.");
    expect(wb.cell(sheet, "A4")).toBe("Halvmånad");
    const rowOf = (hm: string) => [5, 6, 7, 8].find((r) => wb.cell(sheet, `A${r}`) === hm)!;
    const at = (hm: string, c: string) => wb.cell(sheet, `${col(c)}${rowOf(hm)}`);
    expect(at("2025-01-H1", "Status")).toBe("Matchad");
    expect(at("2025-01-H1", "Slag")).toBe("Bränder");
    expect(at("2025-01-H1", "Jämförda parter")).toBe("brandforsvaret–polisen");
    expect(at("2025-01-H1", "Troliga dubbletter")).toBe(17);
    expect(at("2025-01-H1", "Rader med länknycklar")).toBe(71);
    expect(at("2025-02-H1", "Slag")).toBe("Skadegörelse");
    expect(at("2025-02-H1", "Status")).toBe("Kunde inte matchas");
    expect(at("2025-02-H1", "Ej jämförda parter")).toBe("bostadsbolaget–vaktbolaget: vaktbolaget kom in efter att länknycklarna från bostadsbolaget hade raderats");
    expect(at("2025-03-H1", "Ej jämförda parter")).toBe("brandforsvaret–polisen: brandforsvaret godkändes först efter att dess länknycklar hade raderats");
    expect(at("2025-03-H1", "Rader utan giltiga länknycklar")).toBe(2);
    expect(at("2025-04-H1", "Status")).toBe("Bara en part");
    expect(at("2025-04-H1", "Nycklar sparade till")).toBe("polisen 2026-04-20 11:00");
    expect(wb.fillOf(sheet, `${col("Status")}${rowOf("2025-01-H1")}`)).toBe("#DFF6DD");
    expect(wb.fillOf(sheet, `${col("Status")}${rowOf("2025-02-H1")}`)).toBe("#FDE7E9");
    expect(JSON.stringify(wb.snapshot())).not.toMatch(/token|window-passed|expired-before|\d{4}-\d\d-\d\dT/i);
  });

  it("replaces its own sheet on the next write", async () => {
    const wb = createMemoryWorkbook();
    await writeCoverageSheet(wb, coverage);
    await writeCoverageSheet(wb, { ...coverage, groups: [], summary: { matched: 0, partial: 0, unmatched: 0, single: 0 } });
    expect(wb.snapshot().sheets.filter((s) => s.name.startsWith(COVERAGE_SHEET))).toHaveLength(1);
    expect(wb.cell(COVERAGE_SHEET, "A5")).toBeNull();
  });
});
