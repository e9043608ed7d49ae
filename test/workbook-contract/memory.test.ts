import { describe, it, expect } from "vitest";
import { createMemoryWorkbook, exposeMemoryWorkbook } from "../../addin/testing/memory-workbook";
import { runWorkbookContract } from "./contract";

runWorkbookContract("in-memory host", async () => {
  const wb = createMemoryWorkbook();
  return {
    workbook: wb,
    inspect: {
      isFormula: async () => false, // the in-memory host has no formulas at all: every value is stored as given
      fill: async (s, c) => wb.fillOf(s, c),
      note: async (s, c) => wb.noteOf(s, c),
      numberFormat: async (s, c) => wb.numberFormatOf(s, c),
      dropdown: async (s, c) => wb.dropdownOf(s, c),
      conditionalFormats: async (s) => wb.conditionalFormatsOf(s),
      chartCount: async (s) => wb.chartsOf(s).length,
      pictureCount: async (s) => wb.picturesOf(s).length,
      tables: async (s) => wb.tablesOf(s),
      isHidden: async (s) => wb.isHidden(s),
      selection: async () => wb.selected(),
      pageSetup: async (s) => {
        const p = wb.pageSetupOf(s)!;
        return { ...p, rowBreaks: [...(p.rowBreaks ?? [])].sort((a, b) => a - b) };
      },
      columnWidth: async (s, c) => wb.columnWidthOf(s, c),
    },
  };
});

describe("in-memory host helpers", () => {
  it("loads a pasted grid, snapshots as JSON and can be exposed to browser tests", async () => {
    const wb = createMemoryWorkbook();
    wb.loadGrid("Anmälningar", [["Datum", "Brottskod"], [new Date(Date.UTC(2025, 0, 2)), "0301"]]);
    wb.activate("Anmälningar");
    expect(await wb.activeSheet()).toBe("Anmälningar");
    const snap = JSON.parse(JSON.stringify(wb.snapshot()));
    expect(snap.sheets.find((s: { name: string }) => s.name === "Anmälningar").values[1]).toEqual(["2025-01-02T00:00:00.000Z", "0301"]);
    const target: { __lagesbildWorkbook?: unknown } = {};
    exposeMemoryWorkbook(wb, target);
    expect(target.__lagesbildWorkbook).toBe(wb);
  });
});
