import { describe, expect, it } from "vitest";
import { SUPPRESSED_MARK, type DeliveryCell } from "../protocol/delivery";
import { rowsPerPage } from "./print-pages";
import { blockTitle, evenChunks, fitWidths, latestRow, latestView, MAX_PERIOD_COLUMNS, periodBlocks, planIndicatorSheet, shownValue } from "./wide-blocks";

const cell = (nyko: string | null, level: number, periodType: DeliveryCell["periodType"], period: string, value: number | null): DeliveryCell => ({
  indicator: "i", nyko, level, periodType, period, value, suppressed: value === null,
});

describe("the wide form of an indicator's cells", () => {
  it("splits runs evenly into the fewest chunks", () => {
    expect(evenChunks([...Array(25).keys()], 13).map((c) => c.length)).toEqual([13, 12]);
    expect(evenChunks([...Array(12).keys()], 13).map((c) => c.length)).toEqual([12]);
    expect(evenChunks([...Array(62).keys()], 27).map((c) => c.length)).toEqual([21, 21, 20]);
    expect(evenChunks([], 5)).toEqual([]);
  });

  it("puts areas in rows and periods in columns, one block per period type (finest first) and run of periods", () => {
    const halfmonths = Array.from({ length: 25 }, (_, i) => `2026-${String(Math.floor(i / 2) + 1).padStart(2, "0")}-H${(i % 2) + 1}`);
    const cells = [
      cell(null, 0, "quarter", "2026-Q1", 30),
      ...halfmonths.map((p, i) => cell(null, 0, "halfmonth", p, i)),
      cell("11", 2, "halfmonth", halfmonths[3], null),
    ];
    const blocks = periodBlocks(cells);
    expect(blocks.map((b) => [b.periodType, b.periods.length])).toEqual([["halfmonth", 13], ["halfmonth", 12], ["quarter", 1]]);
    expect(Math.max(...blocks.map((b) => b.periods.length))).toBeLessThanOrEqual(MAX_PERIOD_COLUMNS);
    expect(blocks[0].areas).toEqual([{ nyko: null, level: 0 }, { nyko: "11", level: 2 }]);
    // An area without a cell for a period leaves it empty; a suppressed cell shows exactly "..".
    expect(blocks[0].cells[1].map(shownValue).slice(0, 5)).toEqual([null, null, null, SUPPRESSED_MARK, null]);
    expect(blocks[2].areas).toEqual([{ nyko: null, level: 0 }]);
    expect(blockTitle(blocks[0])).toBe("halvmånad 2026-01-H1 – 2026-07-H1");
    expect(blockTitle({ ...blocks[2], part: 2, parts: 3 })).toBe("kvartal 2026-Q1, del 2 av 3");
  });

  it("writes weekly cells (`2026-W49`) as their own block after the calendar types, weeks in order across a year end", () => {
    const weeks = ["2027-W01", "2026-W52", "2026-W53"];
    const cells = [cell(null, 0, "halfmonth", "2026-12-H2", 40), ...weeks.map((w, i) => cell(null, 0, "week", w, i)), cell("1", 1, "week", "2026-W52", null)];
    const blocks = periodBlocks(cells);
    expect(blocks.map((b) => b.periodType)).toEqual(["halfmonth", "week"]);
    expect(blocks[1].periods).toEqual(["2026-W52", "2026-W53", "2027-W01"]);
    expect(blocks[1].cells[1].map(shownValue)).toEqual([SUPPRESSED_MARK, null, null]);
    expect(blockTitle(blocks[1])).toBe("vecka 2026-W52 – 2027-W01");
  });

  it("makes each column as wide as its longest text, within bounds", () => {
    expect(fitWidths([["Område", "Hela kommunen"], ["Centrala staden norra"], [1234.25], []], 1)).toEqual([15, 23, 8, 6]);
    expect(fitWidths([["x".repeat(200)]], 0)).toEqual([40]);
  });

  it("cuts a block that would not fit on a page and starts each part on a page with its title and header row", () => {
    const areas = Array.from({ length: 80 }, (_, i) => String(1000 + i));
    const cells = areas.map((a) => cell(a, 3, "year", "2026", 1));
    const plan = planIndicatorSheet({ cells, names: new Map(), headerLines: 5, belowLines: 0, series: null, decimals: 0 });
    const perPage = rowsPerPage(plan.scale, { orientation: "landscape" });
    expect(plan.blocks.length).toBeGreaterThan(1);
    expect(plan.blocks.reduce((n, b) => n + b.areas.length, 0)).toBe(80);
    for (const b of plan.blocks) {
      expect(b.headerRow).toBe(b.titleRow + 1);
      // A part and its title and header fit on a page under the repeated title row.
      expect(2 + b.areas.length + 1).toBeLessThanOrEqual(perPage);
    }
    for (const b of plan.blocks.slice(1)) expect(plan.rowBreaks).toContain(b.titleRow + 1);
    expect(plan.freeze).toEqual({ rows: 0, columns: 3 });
  });

  it("the latest-period view: the latest month with a published value, every area in it, interval and change words", () => {
    const withCi = (c: DeliveryCell, more: Partial<DeliveryCell>): DeliveryCell => ({ ...c, ...more });
    const cells = [
      withCi(cell(null, 0, "month", "2026-01", 31), { low: 21, high: 44, uncertain: false }),
      withCi(cell(null, 0, "month", "2026-02", 40), { low: 28.6, high: 54.5, uncertain: false, change: { previous: "down" } }),
      cell("11", 2, "month", "2026-02", null),
      { ...cell(null, 0, "month", "2026-03", null), suppressed: false, status: "missing" as const },
      withCi(cell(null, 0, "halfmonth", "2026-03-H1", 20), { low: 12, high: 31, uncertain: false }),
    ];
    const v = latestView(cells)!;
    // A month reads before a half-month; March is missing everywhere, so February is the latest published month.
    expect([v.periodType, v.period]).toEqual(["month", "2026-02"]);
    expect(v.areas).toEqual([{ nyko: null, level: 0 }, { nyko: "11", level: 2 }]);
    expect(latestRow(v.cells[0])).toEqual([40, 28.6, 54.5, null, "säker minskning", null]);
    expect(latestRow(v.cells[1])).toEqual([SUPPRESSED_MARK, null, null, null, null, null]);
    expect(latestView(cells.map((c) => ({ ...c, low: undefined, high: undefined, change: undefined })))).toBeNull();
    const plan = planIndicatorSheet({ cells, names: new Map(), headerLines: 5, belowLines: 1, series: null, decimals: 0 });
    expect(plan.latest).toHaveLength(1);
    const lastBlock = plan.blocks[plan.blocks.length - 1];
    expect(plan.latest[0].titleRow).toBe(lastBlock.firstDataRow + lastBlock.areas.length + 1);
    expect(plan.belowRow).toBe(plan.latest[0].firstDataRow + 2 + 1);
  });
});
