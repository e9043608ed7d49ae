// The sheet "Trygghet och händelser": the share feeling unsafe beside the incident indicators of the same areas and
// year, from the delivery's published cells only (a year cell, or the sum of a year's published parts).
import { describe, expect, it } from "vitest";
import { createMemoryWorkbook } from "../../addin/testing/memory-workbook";
import { deliverySchema, MISSING_MARK, SUPPRESSED_MARK, type Delivery, type DeliveryCell } from "../protocol/delivery";
import { OVERVIEW_SHEET, writeDeliverySheets } from "./delivery-sheets";
import { NOT_COVERED_MARK, SAFETY_SHEET, safetyTable } from "./safety-sheet";

type Cell = Pick<DeliveryCell, "indicator" | "nyko" | "level" | "periodType" | "period" | "value"> & { status?: "value" | "suppressed" | "missing" };
const c = (indicator: string, nyko: string | null, periodType: DeliveryCell["periodType"], period: string, value: number | null, status: Cell["status"] = "value"): Cell => ({
  indicator, nyko, level: nyko === null ? 0 : nyko.length, periodType, period, value: status === "value" ? value : null, status,
});

function delivery(cells: Cell[], extra: Partial<Delivery> = {}): Delivery {
  return deliverySchema.parse({
    org: "polisen", number: 3, createdAt: "2026-11-20T09:00:00.000Z", source: "Lägesbild, Demokommun", threshold: 3, unsuppressed: false,
    definitions: [
      { id: "otrygga-kvall", version: 1, title: "Andel som känner sig otrygga ute sent en kväll", unit: "procent av de svarande", factor: "percent", description: "" },
      { id: "skadegorelse-klotter", version: 1, title: "Skadegörelse och klotter", unit: "antal", factor: "none", description: "" },
      { id: "ordningsstorningar", version: 1, title: "Ordningsstörningar", unit: "antal", factor: "none", description: "" },
      { id: "orosanmalningar-per-1000-barn", version: 1, title: "Orosanmälningar per 1 000 barn", unit: "per 1 000 barn 0–17 år", factor: "per1000", description: "" },
    ],
    cells: cells.map((x) => ({ ...x, suppressed: x.status === "suppressed" })),
    notes: [],
    ...extra,
  });
}

const quarters = (indicator: string, nyko: string | null, values: (number | null)[], status: Cell["status"][] = []) =>
  values.map((v, i) => c(indicator, nyko, "quarter", `2025-Q${i + 1}`, v, status[i] ?? "value"));

const picture = delivery([
  c("otrygga-kvall", null, "year", "2025", 31.2),
  c("otrygga-kvall", "11", "year", "2025", 22.5),
  c("otrygga-kvall", "12", "year", "2025", null, "suppressed"),
  c("otrygga-kvall", "11", "year", "2024", 25),
  // Vandalism: a year cell for the municipality and 11; 12 only by quarters, one of them suppressed.
  c("skadegorelse-klotter", null, "year", "2025", 410),
  c("skadegorelse-klotter", "11", "year", "2025", 95),
  ...quarters("skadegorelse-klotter", "12", [10, null, 8, 9], ["value", "suppressed"]),
  // Public order: no year cells; every quarter of 11 published (summed), 12's last quarter not yet reported.
  ...quarters("ordningsstorningar", "11", [4, 5, 6, 7]),
  ...quarters("ordningsstorningar", "12", [3, 3, 3, null], ["value", "value", "value", "missing"]),
  // A rate by month only: a rate over a year is no sum of its months, so it is not on the sheet.
  c("orosanmalningar-per-1000-barn", "11", "month", "2025-01", 12.5),
]);

describe("safetyTable", () => {
  it("takes the latest year with a published direct measure, and each incident's year from its year cell or its published quarters", () => {
    const t = safetyTable(picture)!;
    expect(t.year).toBe("2025");
    expect(t.indicators.map((d) => d.id)).toEqual(["otrygga-kvall", "skadegorelse-klotter", "ordningsstorningar"]);
    expect(t.rows).toEqual([
      { nyko: null, level: 0, values: [31.2, 410, NOT_COVERED_MARK] },
      { nyko: "11", level: 2, values: [22.5, 95, 22] },
      { nyko: "12", level: 2, values: [SUPPRESSED_MARK, SUPPRESSED_MARK, MISSING_MARK] },
    ]);
  });

  it("is not made for a delivery without a published direct measure", () => {
    expect(safetyTable(delivery([c("otrygga-kvall", "11", "year", "2025", null, "suppressed"), c("skadegorelse-klotter", "11", "year", "2025", 95)]))).toBeNull();
    expect(safetyTable(delivery([c("skadegorelse-klotter", "11", "year", "2025", 95)]))).toBeNull();
  });
});

describe("the sheet in the delivery's workbook", () => {
  it("is written beside the indicator sheets, with `..` and `saknas` marked, and named on the overview", async () => {
    const wb = createMemoryWorkbook();
    await writeDeliverySheets(wb, picture, { areaNames: new Map([["11", "Bäckby"], ["12", "Stationsbyn"]]) });
    expect(await wb.listSheets()).toContain(SAFETY_SHEET);
    const used = (await wb.readUsedRange(SAFETY_SHEET)).values;
    expect(String(used[0][0])).toMatch(/^Trygghet och händelser 2025: direkta mått/);
    const header = used.findIndex((r) => r[0] === "Område");
    expect(used[header].slice(0, 6)).toEqual(["Område", "Namn", "Nivå", "Andel som känner sig otrygga ute sent en kväll (procent av de svarande)", "Skadegörelse och klotter (antal)", "Ordningsstörningar (antal)"]);
    expect(used.slice(header + 1, header + 4).map((r) => r.slice(0, 6))).toEqual([
      ["Hela kommunen", null, 0, 31.2, 410, NOT_COVERED_MARK],
      ["11", "Bäckby", 2, 22.5, 95, 22],
      ["12", "Stationsbyn", 2, SUPPRESSED_MARK, SUPPRESSED_MARK, MISSING_MARK],
    ]);
    const row12 = header + 4; // 1-based row of area 12
    expect(wb.noteOf(SAFETY_SHEET, `D${row12}`)).toMatch(/^Skyddat värde/);
    expect(wb.noteOf(SAFETY_SHEET, `F${row12}`)).toMatch(/^Saknas/);
    const overview = (await wb.readUsedRange(OVERVIEW_SHEET)).values.map((r) => r[0]);
    expect(overview).toContain(`Bladet ”${SAFETY_SHEET}” visar enkäternas trygghetsmått bredvid händelserna i samma områden och år.`);
  });

  it("is not written for a delivery without a direct measure", async () => {
    const wb = createMemoryWorkbook();
    await writeDeliverySheets(wb, delivery([c("skadegorelse-klotter", "11", "year", "2025", 95)]));
    expect(await wb.listSheets()).not.toContain(SAFETY_SHEET);
  });
});
