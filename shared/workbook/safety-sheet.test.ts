// The sheet "Trygghet och händelser": the share feeling unsafe beside the incident indicators of the same areas and
// year, from the delivery's published cells only (a year cell, or the sum of a year's published parts), and how a
// wide one is cut into column groups that print legibly.
import { describe, expect, it } from "vitest";
import { createMemoryWorkbook } from "../../addin/testing/memory-workbook";
import { wideSafetyDelivery } from "../../test/fixtures/wide-safety";
import { deliverySchema, MISSING_MARK, SUPPRESSED_MARK, type Delivery, type DeliveryCell } from "../protocol/delivery";
import { OVERVIEW_SHEET, writeDeliverySheets } from "./delivery-sheets";
import { estimatePrintedPages, printScale, rowsPerPage } from "./print-pages";
import { NOT_COVERED_MARK, planSafetySheet, SAFETY_MIN_SCALE, SAFETY_SHEET, safetyBlockTitle, safetyTable } from "./safety-sheet";

type Cell = Pick<DeliveryCell, "indicator" | "nyko" | "level" | "periodType" | "period" | "value"> & { status?: "value" | "suppressed" | "missing" };
const c = (indicator: string, nyko: string | null, periodType: DeliveryCell["periodType"], period: string, value: number | null, status: Cell["status"] = "value"): Cell => ({
  indicator, nyko, level: nyko === null ? 0 : nyko.length, periodType, period, value: status === "value" ? value : null, status,
});

const DEFINITIONS = [
  { id: "otrygga-kvall", version: 1, title: "Andel som känner sig otrygga ute sent en kväll", unit: "procent av de svarande", factor: "percent", description: "" },
  { id: "skadegorelse-klotter", version: 1, title: "Skadegörelse och klotter", unit: "antal", factor: "none", description: "" },
  { id: "ordningsstorningar", version: 1, title: "Ordningsstörningar", unit: "antal", factor: "none", description: "" },
  { id: "orosanmalningar-per-1000-barn", version: 1, title: "Orosanmälningar per 1 000 barn", unit: "per 1 000 barn 0–17 år", factor: "per1000", description: "" },
] as const;

function delivery(cells: Cell[], extra: Partial<Delivery> = {}): Delivery {
  return deliverySchema.parse({
    org: "polisen", number: 3, createdAt: "2026-11-20T09:00:00.000Z", source: "Lägesbild, Demokommun", threshold: 3, unsuppressed: false,
    definitions: DEFINITIONS,
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

  it("makes a count's year of whatever published quarters, months and half-months cover it, mixed", () => {
    const mm = (m: number) => String(m).padStart(2, "0");
    const t = safetyTable(delivery([
      c("otrygga-kvall", "11", "year", "2025", 22.5),
      // Q1 as a quarter, April–September as months, October–December as half-months: one finer type never tiles the year.
      c("ordningsstorningar", "11", "quarter", "2025-Q1", 10),
      ...[4, 5, 6, 7, 8, 9].map((m) => c("ordningsstorningar", "11", "month", `2025-${mm(m)}`, 2)),
      ...[10, 11, 12].flatMap((m) => [c("ordningsstorningar", "11", "halfmonth", `2025-${mm(m)}-H1`, 1), c("ordningsstorningar", "11", "halfmonth", `2025-${mm(m)}-H2`, 1)]),
      // A delivery that reaches back only to November: the year is not covered, a suppressed December or not.
      c("skadegorelse-klotter", "11", "month", "2025-11", 4),
      c("skadegorelse-klotter", "11", "month", "2025-12", null, "suppressed"),
    ]))!;
    expect(t.indicators.map((d) => d.id)).toEqual(["otrygga-kvall", "ordningsstorningar"]);
    expect(t.rows).toEqual([{ nyko: "11", level: 2, values: [22.5, 10 + 6 * 2 + 6 * 1] }]);
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

describe("a wide table on paper", () => {
  it("stays one table while it prints at the sheet's smallest scale", () => {
    const t = safetyTable(wideSafetyDelivery(3, 20))!;
    const plan = planSafetySheet(t, new Map(), 6);
    expect(plan.blocks).toHaveLength(1);
    expect(plan.blocks[0]).toMatchObject({ indicators: [0, 1, 2, 3, 4, 5], titleRow: null, headerRow: 6 });
    expect(plan.scale).toBeGreaterThanOrEqual(SAFETY_MIN_SCALE);
    expect(plan.printTitleRows).toEqual({ first: 7, last: 7 });
  });

  it("is cut into the fewest column groups that print at that scale, each led by the direct measures", () => {
    const t = safetyTable(wideSafetyDelivery(13, 20))!;
    expect(t.indicators).toHaveLength(16);
    // As one table it would print below the delivery print test's floor of 0.6.
    const labels = planSafetySheet(t, new Map(), 6).widths.slice(0, 3);
    const oneTable = [...labels, ...t.indicators.map(() => 20)];
    expect(printScale({ orientation: "landscape", fitToWidth: 1, columnWidths: oneTable })).toBeLessThan(0.6);

    const plan = planSafetySheet(t, new Map(), 6);
    expect(plan.scale).toBeGreaterThanOrEqual(SAFETY_MIN_SCALE);
    const groups = [...new Set(plan.blocks.map((b) => b.group))].map((g) => plan.blocks.find((b) => b.group === g)!.indicators);
    expect(groups).toEqual([[0, 1, 2, 3, 4, 5, 6, 7], [0, 1, 2, 8, 9, 10, 11], [0, 1, 2, 12, 13, 14, 15]]);
    // Two groups would not fit: their widest (3 + 7 columns of 20) prints below the scale.
    expect(printScale({ orientation: "landscape", fitToWidth: 1, columnWidths: [...labels, ...Array(10).fill(20)] })).toBeLessThan(SAFETY_MIN_SCALE);
    for (const b of plan.blocks) expect(b.rows).toEqual(t.rows.map((_, i) => i));
    expect(plan.printTitleRows).toEqual({ first: 1, last: 1 });
    // Each group starts a page (a title line, a header row and 21 rows: two do not fit on one page).
    expect(plan.rowBreaks).toEqual(plan.blocks.slice(1).map((b) => b.titleRow! + 1));
    expect(safetyBlockTitle(t, plan.blocks[1])).toBe("Del 2 av 3: trygghetsmåtten och Händelseindikator nummer 6, Händelseindikator nummer 7, Händelseindikator nummer 8, Händelseindikator nummer 9");
  });

  it("cuts a group longer than a page by rows, each part under its own title line and header row, filling the pages", () => {
    const t = safetyTable(wideSafetyDelivery(13, 120))!;
    const plan = planSafetySheet(t, new Map(), 6);
    const usable = rowsPerPage(plan.scale, { orientation: "landscape" }) - 2;
    for (let g = 1; g <= 3; g++) {
      const parts = plan.blocks.filter((b) => b.group === g);
      expect(parts.length).toBeGreaterThan(2);
      expect(parts.map((b) => [b.part, b.parts])).toEqual(parts.map((_, i) => [i + 1, parts.length]));
      expect(parts.flatMap((b) => b.rows)).toEqual(t.rows.map((_, i) => i));
      for (const b of parts) expect(safetyBlockTitle(t, b)).toMatch(new RegExp(`^Del ${g} av 3: trygghetsmåtten och .*, områden ${b.rows[0] + 1}–${b.rows[b.rows.length - 1] + 1} av 121$`));
    }
    // The first part fills the first page under the lines; every break starts a part, which would not have fit above it.
    expect(plan.blocks[0].titleRow).toBe(7);
    const starts = new Map(plan.blocks.map((b) => [b.titleRow! + 1, b]));
    let pageStart = 1;
    for (const brk of plan.rowBreaks) {
      expect(starts.has(brk)).toBe(true);
      const used = brk - pageStart + (pageStart > 1 ? 1 : 0); // rows on the page before, with the repeated title row
      expect(used + 1 + 2 + starts.get(brk)!.rows.length).toBeGreaterThan(usable);
      pageStart = brk;
    }
    // No page runs over: as many printed pages as the breaks make.
    const last = plan.blocks[plan.blocks.length - 1];
    const shape = { orientation: "landscape" as const, fitToWidth: 1, columnWidths: plan.widths, rows: last.headerRow + 1 + last.rows.length, printTitleRows: plan.printTitleRows, rowBreaks: plan.rowBreaks };
    expect(estimatePrintedPages(shape)).toBe(plan.rowBreaks.length + 1);
  });

  it("puts a short group on the page in hand when it fits there", () => {
    // Thirteen incidents for four areas: three short groups, all on the first page under the lines.
    const t = safetyTable(wideSafetyDelivery(13, 4))!;
    const plan = planSafetySheet(t, new Map(), 6);
    expect(plan.blocks.map((b) => b.titleRow)).toEqual([7, 15, 23]);
    expect(plan.rowBreaks).toEqual([]);
  });

  it("writes one table per group and part, with its marks, titles and page breaks", async () => {
    const wb = createMemoryWorkbook();
    await writeDeliverySheets(wb, wideSafetyDelivery(13, 20), { areaNames: new Map([["1100", "Centrum"]]) });
    const used = (await wb.readUsedRange(SAFETY_SHEET)).values;
    const text = (r: number) => String(used[r]?.[0] ?? "");
    expect(used.map((r) => r[0])).toContain("Tabellen är delad i 3 delar som var och en får plats på sidans bredd; trygghetsmåtten står först i varje del.");
    const tables = wb.tablesOf(SAFETY_SHEET);
    expect(tables.map((x) => x.name)).toEqual(["Lagesbild_trygghet", "Lagesbild_trygghet_2", "Lagesbild_trygghet_3"]);
    const headers = used.flatMap((r, i) => (r[0] === "Område" ? [i] : []));
    expect(headers).toHaveLength(3);
    for (const [k, h] of headers.entries()) {
      expect(text(h - 1)).toMatch(new RegExp(`^Del ${k + 1} av 3: trygghetsmåtten och `));
      expect(used[h].slice(0, 6)).toEqual(["Område", "Namn", "Nivå", "Andel som känner sig otrygga ute sent en kväll (procent av de svarande)", "Andel elever som känner sig otrygga i skolan (procent av de svarande)", "Andel elever som känner sig otrygga på väg till och från skolan (procent av de svarande)"]);
      expect(used[h + 1].slice(0, 3)).toEqual(["Hela kommunen", null, 0]);
      expect(used[h + 2].slice(0, 3)).toEqual(["1100", "Centrum", 2]);
    }
    // Händelseindikator 1 has a suppressed March in every area: `..` and marked, in the first group only.
    expect(used[headers[0]][3 + 3]).toBe("Händelseindikator nummer 1 (antal)");
    expect(used[headers[0] + 1][6]).toBe(12 * 100 + 78);
    expect(used[headers[0] + 2][6]).toBe(SUPPRESSED_MARK);
    expect(wb.noteOf(SAFETY_SHEET, `G${headers[0] + 3}`)).toMatch(/^Skyddat värde/);
    const setup = wb.pageSetupOf(SAFETY_SHEET)!;
    expect(setup).toMatchObject({ orientation: "landscape", fitToWidth: 1, printTitleRows: { first: 1, last: 1 }, freeze: { rows: 0, columns: 2 } });
    expect(setup.rowBreaks).toEqual(headers.slice(1).map((h) => h));
  });
});
