// The one delivery writer, against the in-memory workbook (test-only host; the ExcelJS file is covered by
// test/cli/fetch.test.ts, the add-in's refresh by addin/flows/refresh.test.ts and the browser e2e test).
import { describe, expect, it } from "vitest";
import { createMemoryWorkbook } from "../../addin/testing/memory-workbook";
import { SUPPRESSED_MARK, type DeliveryCell } from "../protocol/delivery";
import {
  ALARM_FILL,
  ALARM_NOTE,
  chartSeries,
  INTERVAL_LEGEND,
  MAX_NOTES_PER_SHEET,
  NOT_FOR_CIRCULATION,
  OVERVIEW_SHEET,
  sortDeliveryCells,
  SUPPRESSED_FILL,
  SUPPRESSED_NOTE,
  UNCERTAIN_FILL,
  unitText,
  writeDeliverySheets,
} from "./delivery-sheets";
import { stockholmTime } from "../periods/stockholm";
import { OWN_SHEETS_SETTING, replaceOwnSheet, safeSheetName } from "./own-sheets";
import { deliveryFixture as fixture } from "../../test/fixtures/delivery";


/** The row under a block's title line. */
const r2 = (titleRow: number) => titleRow + 1;
const row = (wb: ReturnType<typeof createMemoryWorkbook>, sheet: string, r: number) => ["A", "B", "C", "D", "E", "F", "G"].map((c) => wb.cell(sheet, `${c}${r}`));

describe("writeDeliverySheets", () => {
  it("writes each indicator into its own sheet: header lines, a wide table (areas × periods) with number formats, `..` with a note, alarms and a chart", async () => {
    const wb = createMemoryWorkbook();
    const written = await writeDeliverySheets(wb, fixture(7, 31), { areaNames: new Map([["11", "Centrum"]]) });
    expect(written.map((s) => s.sheet)).toEqual(["Skadegörelse och klotter", "Orosanmälningar per 1000 barn"]);
    expect(written[0]).toEqual({ indicator: "skadegorelse", sheet: "Skadegörelse och klotter", tables: 1, rows: 6, suppressed: 2, missing: 0, alarms: 1, chart: true, mapAt: expect.stringMatching(/^D\d+$/) });
    const sheet = written[0].sheet;
    expect(wb.cell(sheet, "A1")).toBe("Skadegörelse och klotter (antal)");
    expect(wb.cell(sheet, "A2")).toBe("Källa: Lägesbild, Demokommun");
    expect(wb.cell(sheet, "A3")).toBe("Period: månad 2026-01 – 2026-02");
    // The delivery time in Europe/Stockholm (05:00 UTC is 06:00 in winter), with the number and the receiver.
    expect(wb.cell(sheet, "A4")).toBe("Levererad: 2026-03-05 06:00 (leverans nr 7 till polisen)");
    expect(wb.cell(sheet, "A5")).toBe(`${SUPPRESSED_MARK} = värdet skyddas (röjandekontroll, tröskel 3).`);
    // The block's title, then areas as rows and the periods as columns: the municipality first, then each area by level and code.
    expect(wb.cell(sheet, "A7")).toBe("månad 2026-01 – 2026-02");
    expect(row(wb, sheet, 8)).toEqual(["Område", "Områdesnamn", "Nivå", "2026-01", "2026-02", null, null]);
    expect([9, 10, 11].map((r) => row(wb, sheet, r))).toEqual([
      ["Hela kommunen", null, 0, 31, 40, null, null],
      ["1", null, 1, 20, SUPPRESSED_MARK, null, null],
      ["11", "Centrum", 2, SUPPRESSED_MARK, 7, null, null],
    ]);
    expect(wb.noteOf(sheet, "E10")).toBe(SUPPRESSED_NOTE);
    expect(wb.noteOf(sheet, "D11")).toBe(SUPPRESSED_NOTE);
    expect(wb.fillOf(sheet, "E10")).toBe(SUPPRESSED_FILL);
    expect(wb.noteOf(sheet, "D10")).toBeNull();
    // An alarm: the value filled and explained (what it means and does not mean).
    expect(wb.fillOf(sheet, "E11")).toBe(ALARM_FILL);
    expect(wb.noteOf(sheet, "E11")).toBe(ALARM_NOTE);
    expect(ALARM_NOTE).toMatch(/inte ett bevis/);
    // Below the table, a free row apart: the explanation of alarms and the delivery's notes.
    expect(wb.cell(sheet, "A12")).toBeNull();
    expect(wb.cell(sheet, "A13")).toBe(ALARM_NOTE);
    expect(wb.cell(sheet, "A14")).toBe("Befolkningen 2025 används för 2026.");
    expect(wb.numberFormatOf(sheet, "D9")).toBe("0");
    expect(wb.numberFormatOf(sheet, "A9")).toBe("@");
    expect(wb.tablesOf(sheet)).toEqual([{ name: "Lagesbild_skadegorelse", range: "A8:E11" }]);
    // The municipality's monthly series under the notes, as a line chart beside it.
    expect([16, 17, 18].map((r) => [wb.cell(sheet, `A${r}`), wb.cell(sheet, `B${r}`)])).toEqual([["Period", "Hela kommunen"], ["2026-01", 31], ["2026-02", 40]]);
    expect(wb.chartsOf(sheet)).toEqual([{ title: "Skadegörelse och klotter, hela kommunen per månad", dataRange: "A16:B18", at: "D16", kind: "line", categoryTitle: "Period (månad)", valueTitle: "antal" }]);
    // Printed landscape, one page wide, the title on every page; one block: its header row and the labels frozen.
    expect(wb.pageSetupOf(sheet)).toMatchObject({ orientation: "landscape", fitToWidth: 1, printTitleRows: { first: 1, last: 1 }, freeze: { rows: 8, columns: 3 } });
    // Columns as wide as their longest text: "Hela kommunen" (13) in full.
    expect(wb.columnWidthOf(sheet, 0)).toBeGreaterThanOrEqual("Hela kommunen".length + 1);
    expect(wb.columnWidthOf(sheet, 1)).toBeGreaterThanOrEqual("Områdesnamn".length + 1);

    const worry = written[1].sheet;
    // The unit already names its factor: it is not said twice.
    expect(wb.cell(worry, "A1")).toBe("Orosanmälningar per 1000 barn (per 1000)");
    expect(wb.cell(worry, "D9")).toBe(12.5);
    expect(wb.numberFormatOf(worry, "D9")).toBe("0.0");
    expect(wb.conditionalFormatsOf(worry)).toEqual([]);
    // One period only: still a chart, as a column.
    expect(wb.chartsOf(worry)).toMatchObject([{ dataRange: "A13:B14", kind: "column" }]);
    expect(written[1]).toMatchObject({ rows: 1, suppressed: 0, alarms: 0, chart: true });
  });

  it("writes one block per period type and run of periods, cut by rows to fit a page, each with its title and header row", async () => {
    const areas = Array.from({ length: 61 }, (_, i) => String(100 + i));
    const months = Array.from({ length: 14 }, (_, i) => `20${25 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
    const cells: DeliveryCell[] = [
      ...months.flatMap((period) => [null, ...areas].map((nyko, a) => ({ indicator: "x", nyko, level: nyko ? 3 : 0, periodType: "month" as const, period, value: a, suppressed: false }))),
      { indicator: "x", nyko: null, level: 0, periodType: "quarter", period: "2025-Q1", value: 9, suppressed: false },
    ];
    const wb = createMemoryWorkbook();
    const [w] = await writeDeliverySheets(wb, fixture(1, 1, { definitions: [], cells, notes: [] }), { areaNames: new Map([["100", "Centrala staden norra"]]) });
    // 14 months: two runs of 7; 62 areas each: more than a landscape page at 100 % holds (30 rows), so each run is cut in three.
    const titles = (await wb.readUsedRange("x")).values.map((r) => r[0]).filter((v): v is string => typeof v === "string" && /^(månad|kvartal) /.test(v));
    expect(titles).toEqual([1, 2, 3].map((k) => `månad 2025-01 – 2025-07, del ${k} av 3`).concat([1, 2, 3].map((k) => `månad 2025-08 – 2026-02, del ${k} av 3`), ["kvartal 2025-Q1"]));
    expect(w.tables).toBe(7);
    const tables = wb.tablesOf("x");
    expect(tables.map((t) => t.name)).toEqual(["Lagesbild_x", ...[2, 3, 4, 5, 6, 7].map((k) => `Lagesbild_x_${k}`)]);
    const setup = wb.pageSetupOf("x")!;
    for (const t of tables) {
      const header = Number(/^A(\d+):/.exec(t.range)![1]);
      expect(wb.cell("x", `A${header}`)).toBe("Område");
      expect(wb.cell("x", `D${header}`)).toMatch(/^2025-(01|08|Q1)$/);
    }
    // Every block after the first that starts a page starts it with its title line: each page shows its own header row.
    const blockBreaks = setup.rowBreaks!.filter((r) => titles.includes(String(wb.cell("x", `A${r}`))));
    expect(blockBreaks.length).toBeGreaterThanOrEqual(5);
    for (const b of blockBreaks) expect(wb.cell("x", `A${r2(b)}`)).toBe("Område");
    // Several blocks: only the area labels are frozen (a frozen header row would name the wrong periods further down).
    expect(setup.freeze).toEqual({ rows: 0, columns: 3 });
    expect(wb.columnWidthOf("x", 1)).toBeGreaterThanOrEqual("Centrala staden norra".length);
    // Every area in every run, exactly once per run.
    const codes = (await wb.readUsedRange("x")).values.map((r) => r[0]).filter((v) => typeof v === "string" && /^\d+$/.test(v));
    expect(codes).toHaveLength(61 * 2);
  });

  it("writes an overview sheet of the indicators and the delivery's notes, and selects it", async () => {
    const wb = createMemoryWorkbook();
    await writeDeliverySheets(wb, fixture(7, 31));
    expect((await wb.listSheets()).filter((s) => !s.startsWith("_"))).toEqual(["Blad1", OVERVIEW_SHEET, "Skadegörelse och klotter", "Orosanmälningar per 1000 barn"]);
    expect(wb.cell(OVERVIEW_SHEET, "A1")).toBe("Lägesbild: leverans nr 7");
    expect(wb.cell(OVERVIEW_SHEET, "A2")).toBe("Källa: Lägesbild, Demokommun");
    expect(wb.cell(OVERVIEW_SHEET, "A5")).toBe("Befolkningen 2025 används för 2026.");
    expect(wb.cell(OVERVIEW_SHEET, "A6")).toBe("Indikator");
    expect(["A", "B", "C", "F", "G", "H"].map((c) => wb.cell(OVERVIEW_SHEET, `${c}7`))).toEqual(["Skadegörelse och klotter", "Skadegörelse och klotter", 1, 6, 2, 1]);
    expect(["A", "B", "F", "G", "H"].map((c) => wb.cell(OVERVIEW_SHEET, `${c}8`))).toEqual(["Orosanmälningar per 1000 barn", "Orosanmälningar per 1000 barn", 1, 0, 0]);
    expect(wb.selected()).toEqual({ sheet: OVERVIEW_SHEET, cell: "A1" });
  });

  it("replaces its own sheets on the next delivery and never overwrites a sheet the user made", async () => {
    const wb = createMemoryWorkbook({ "Skadegörelse och klotter": [["mina egna anteckningar"]], Leverans: [["min leverans"]] });
    const first = await writeDeliverySheets(wb, fixture(7, 31));
    expect(first[0].sheet).toBe("Skadegörelse och klotter (2)");
    expect(wb.cell("Skadegörelse och klotter", "A1")).toBe("mina egna anteckningar");
    expect(wb.cell("Leverans", "A1")).toBe("min leverans");
    expect(wb.cell("Leverans (2)", "A1")).toBe("Lägesbild: leverans nr 7");
    const second = await writeDeliverySheets(wb, fixture(8, 33));
    expect(second[0].sheet).toBe("Skadegörelse och klotter (2)");
    expect(wb.cell("Skadegörelse och klotter (2)", "D9")).toBe(33);
    expect(wb.cell("Leverans (2)", "A1")).toBe("Lägesbild: leverans nr 8");
    expect((await wb.listSheets()).filter((s) => s.startsWith("Skadegörelse"))).toHaveLength(2);
    expect((await wb.listSheets()).filter((s) => s.startsWith("Leverans"))).toHaveLength(2);
    expect(wb.chartsOf("Skadegörelse och klotter (2)")).toHaveLength(1);
    expect(JSON.parse((await wb.getSetting(OWN_SHEETS_SETTING))!)).toMatchObject({ "indicator:skadegorelse": "Skadegörelse och klotter (2)", "delivery:overview": "Leverans (2)" });
  });

  it("labels the huvudman's unsuppressed view as not for circulation", async () => {
    const wb = createMemoryWorkbook();
    const [w] = await writeDeliverySheets(wb, fixture(3, 31, { unsuppressed: true }));
    expect(wb.cell(w.sheet, "A5")).toBe(NOT_FOR_CIRCULATION);
    expect(wb.cell(OVERVIEW_SHEET, "A4")).toBe(NOT_FOR_CIRCULATION);
    expect(NOT_FOR_CIRCULATION).toMatch(/får inte spridas/);
  });

  it("notes suppressed cells up to the cap per sheet, while every one shows exactly `..`", async () => {
    const cells: DeliveryCell[] = Array.from({ length: MAX_NOTES_PER_SHEET + 5 }, (_, i) => ({
      indicator: "x", nyko: String(1000 + i), level: 3, periodType: "year", period: "2026", value: null, suppressed: true,
    }));
    const wb = createMemoryWorkbook();
    const [w] = await writeDeliverySheets(wb, fixture(1, 1, { definitions: [], cells, notes: [] }));
    expect(w).toMatchObject({ indicator: "x", sheet: "x", rows: cells.length, suppressed: cells.length });
    // The areas' values in column D, block after block: every one `..`, the first MAX_NOTES_PER_SHEET with a note.
    const used = await wb.readUsedRange("x");
    const valueRows = used.values.flatMap((r, i) => (r[2] === 3 ? [i + 1] : []));
    expect(valueRows).toHaveLength(cells.length);
    for (const r of valueRows) expect(wb.cell("x", `D${r}`)).toBe(SUPPRESSED_MARK);
    expect(wb.noteOf("x", `D${valueRows[MAX_NOTES_PER_SHEET - 1]}`)).toBe(SUPPRESSED_NOTE);
    expect(wb.noteOf("x", `D${valueRows[MAX_NOTES_PER_SHEET]}`)).toBeNull();
    expect(wb.cell("x", "A1")).toBe("x");
  });

  it("writes a sheet saying so for a subscribed indicator without published cells", async () => {
    const wb = createMemoryWorkbook();
    const d = fixture(1, 5);
    const written = await writeDeliverySheets(wb, { ...d, cells: d.cells.filter((c) => c.indicator === "skadegorelse") });
    expect(written[1]).toMatchObject({ indicator: "orosanmalningar", rows: 0, chart: false });
    expect(wb.cell(written[1].sheet, "A3")).toBe("Period: inga perioder");
    expect(wb.cell(written[1].sheet, "A7")).toMatch(/Inga publicerade värden/);
    expect(wb.chartsOf(written[1].sheet)).toEqual([]);
  });
});

describe("the chart's series", () => {
  const c = (nyko: string | null, level: number, periodType: DeliveryCell["periodType"], period: string): DeliveryCell => ({ indicator: "i", nyko, level, periodType, period, value: 1, suppressed: false });
  it("is the municipality over the finest period type with two periods, else one, else the first area", () => {
    const cells = sortDeliveryCells([c("11", 2, "month", "2026-01"), c(null, 0, "quarter", "2026-Q1"), c(null, 0, "month", "2026-02"), c(null, 0, "year", "2026"), c(null, 0, "year", "2025")]);
    expect(chartSeries(cells)).toMatchObject({ type: "year", nyko: null });
    expect(chartSeries(cells.filter((x) => x.periodType !== "year"))).toMatchObject({ type: "month", nyko: null, cells: [{ period: "2026-02" }] });
    expect(chartSeries(sortDeliveryCells([c("12", 2, "month", "2026-01"), c("11", 2, "month", "2026-02"), c("11", 2, "month", "2026-01")]))).toMatchObject({ nyko: "11", cells: [{ period: "2026-01" }, { period: "2026-02" }] });
    expect(chartSeries([])).toBeNull();
  });
});

describe("sheet names and times", () => {
  it("makes valid, unique sheet names from titles", async () => {
    expect(safeSheetName("Orosanmälningar: barn/unga")).toBe("Orosanmälningar barn unga");
    const long = "Andel elever i årskurs 9 med ofullständiga betyg";
    expect(safeSheetName(long)).toBe(long.slice(0, 31).trim());
    const wb = createMemoryWorkbook({ tillgreppsbrott: [["x"]] });
    expect(await replaceOwnSheet(wb, "indicator:tillgrepp", "Tillgreppsbrott")).toBe("Tillgreppsbrott (2)");
  });

  it("gives delivery times in Europe/Stockholm, summer and winter", () => {
    expect(stockholmTime("2026-04-05T04:00:00.000Z")).toBe("2026-04-05 06:00");
    expect(stockholmTime("2026-01-05T05:00:00.000Z")).toBe("2026-01-05 06:00");
    expect(stockholmTime("inte en tid")).toBe("inte en tid");
  });
});

describe("unitText", () => {
  it("says the factor once", () => {
    expect(unitText({ unit: "procent", factor: "percent" })).toBe("procent");
    expect(unitText({ unit: "andel", factor: "percent" })).toBe("andel (procent)");
    expect(unitText({ unit: "anmälningar", factor: "per1000" })).toBe("anmälningar per 1 000");
    expect(unitText({ unit: "per 1000", factor: "per1000" })).toBe("per 1000");
    expect(unitText({ unit: "antal", factor: "none" })).toBe("antal");
  });
});

describe("intervals in the sheets", () => {
  // The fixture's cells with the round's intervals, osäker marks and change marks, as the server sets them.
  const withIntervals = () => {
    const d = fixture(7, 31);
    const more: Record<string, Partial<DeliveryCell>> = {
      "|2026-01": { low: 21.0629, high: 44.0011, uncertain: false },
      "|2026-02": { low: 28.5765, high: 54.4721, uncertain: false, change: { previous: "unclear" } },
      "1|2026-01": { low: 12.2165, high: 30.8884, uncertain: false },
      "11|2026-02": { low: 2.81436, high: 14.4221, uncertain: true, change: { previous: "up", lastYear: "unclear" } },
    };
    d.cells = d.cells.map((c) => (c.indicator === "skadegorelse" ? { ...c, ...more[`${c.nyko ?? ""}|${c.period}`] } : c));
    return d;
  };

  it("marks osäker values, adds the latest-period view with two interval columns and the change, and charts the interval", async () => {
    const wb = createMemoryWorkbook();
    const [written] = await writeDeliverySheets(wb, withIntervals(), { areaNames: new Map([["11", "Centrum"]]) });
    const sheet = written.sheet;
    // The wide block as before; the osäker value (11, 2026-02: 7) filled and noted with its interval.
    expect(wb.cell(sheet, "E11")).toBe(7);
    expect(wb.noteOf(sheet, "E11")).toContain("Osäker (osäker)");
    expect(wb.noteOf(sheet, "E11")).toContain("95 % konfidensintervall 3–14");
    expect(wb.noteOf(sheet, "E11")).toContain(ALARM_NOTE);
    expect(wb.noteOf(sheet, "D9")).toBeNull();
    // The latest-period view: the latest month, one row per area, value, low, high, osäker, changes.
    expect(wb.cell(sheet, "A13")).toBe("månad 2026-02: senaste perioden med 95 % konfidensintervall och förändring");
    expect(row(wb, sheet, 14)).toEqual(["Område", "Områdesnamn", "Nivå", "Värde", "Låg (95 %)", "Hög (95 %)", "Osäker"]);
    expect(wb.cell(sheet, "H14")).toBe("Mot föregående period");
    expect(wb.cell(sheet, "I14")).toBe("Mot samma period i fjol");
    expect([15, 16, 17].map((r) => [...row(wb, sheet, r), wb.cell(sheet, `H${r}`), wb.cell(sheet, `I${r}`)])).toEqual([
      ["Hela kommunen", null, 0, 40, 28.5765, 54.4721, null, "ingen säker förändring", null],
      ["1", null, 1, SUPPRESSED_MARK, null, null, null, null, null],
      ["11", "Centrum", 2, 7, 2.81436, 14.4221, "osäker", "säker ökning", "ingen säker förändring"],
    ]);
    expect(wb.fillOf(sheet, "D17")).toBe(UNCERTAIN_FILL);
    expect(wb.fillOf(sheet, "D16")).toBe(SUPPRESSED_FILL);
    expect(wb.tablesOf(sheet).map((t) => t.name)).toEqual(["Lagesbild_skadegorelse", "Lagesbild_skadegorelse_senaste"]);
    // The legend below the tables says what the columns and the words mean.
    const below = Array.from({ length: 8 }, (_, i) => wb.cell(sheet, `A${19 + i}`));
    expect(below).toContain(INTERVAL_LEGEND);
    // The chart's series carries its interval in two columns, drawn as a band (not as series of their own).
    const [chart] = wb.chartsOf(sheet);
    expect(chart.interval).toEqual({ lowColumn: 2, highColumn: 3 });
    const top = Number(chart.dataRange.match(/^A(\d+)/)![1]);
    expect(chart.dataRange).toBe(`A${top}:D${top + 2}`);
    expect(["A", "B", "C", "D"].map((c) => wb.cell(sheet, `${c}${top}`))).toEqual(["Period", "Hela kommunen", "Låg (95 %)", "Hög (95 %)"]);
    expect(["A", "B", "C", "D"].map((c) => wb.cell(sheet, `${c}${top + 1}`))).toEqual(["2026-01", 31, 21.0629, 44.0011]);
    // Two tables on the sheet: nothing frozen but the labels.
    expect(wb.pageSetupOf(sheet)).toMatchObject({ freeze: { rows: 0, columns: 3 } });
  });

  it("a delivery made before intervals existed gets no latest-period view and no interval columns", async () => {
    const wb = createMemoryWorkbook();
    const [written] = await writeDeliverySheets(wb, fixture(7, 31));
    expect(wb.tablesOf(written.sheet).map((t) => t.name)).toEqual(["Lagesbild_skadegorelse"]);
    expect(wb.chartsOf(written.sheet)[0].interval).toBeUndefined();
  });
});
