// "Trygghet och händelser" on paper when a delivery covers a whole year of every incident indicator: written to an
// .xlsx by `lagesbild fetch`'s own file writer and measured from the file (as print.test.ts does for the demo), it
// prints landscape, one page wide, at no less than the print test's floor of 60 %, each page starting with a column
// group's title line and header row, the direct measures leading every group.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { normaliseCell } from "../../shared/grid/cell";
import { printScale } from "../../shared/workbook/print-pages";
import { SAFETY_SHEET } from "../../shared/workbook/safety-sheet";
import { writeDeliveryFile } from "../../sync-server/cli/fetch";
import { WIDE_SURVEYS, wideAreaCode, wideSafetyDelivery } from "../fixtures/wide-safety";
import { printedSheets } from "../helpers/xlsx-print";

const dir = mkdtempSync(join(tmpdir(), "lb-safety-print-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function printed(incidents: number, areas: number) {
  const file = join(dir, `wide-${incidents}-${areas}.xlsx`);
  const names = new Map(Array.from({ length: areas }, (_, i) => [wideAreaCode(i), `Område med ett långt namn ${i + 1}`]));
  await writeDeliveryFile(wideSafetyDelivery(incidents, areas), file, names);
  const sheet = (await printedSheets(new Uint8Array(readFileSync(file)))).find((x) => x.name === SAFETY_SHEET)!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(SAFETY_SHEET)!;
  return { sheet, at: (r: number, c: number) => normaliseCell(ws.getRow(r).getCell(c).value) };
}

describe("a wide Trygghet och händelser on paper", () => {
  it.each([[13, 24], [13, 120], [20, 60]])("%i incidents for %i areas: one page wide at 60 % or more, every page led by a group's title and header", async (incidents, areas) => {
    const { sheet, at } = await printed(incidents, areas);
    expect(sheet.shape).toMatchObject({ orientation: "landscape", fitToWidth: 1, printTitleRows: { first: 1, last: 1 } });
    expect(printScale(sheet.shape)).toBeGreaterThanOrEqual(0.6);
    // Every incident is on the sheet: 3 + `incidents` indicator columns would not fit on one page at 60 %.
    const all = [...sheet.shape.columnWidths.slice(0, 3), ...Array(3 + incidents).fill(sheet.shape.columnWidths[3])];
    expect(printScale({ ...sheet.shape, columnWidths: all })).toBeLessThan(0.6);
    expect(sheet.shape.rowBreaks!.length).toBeGreaterThan(0);
    for (const b of sheet.shape.rowBreaks!) {
      expect(String(at(b, 1)), `rad ${b}`).toMatch(/^Del \d+ av \d+: trygghetsmåtten och Händelseindikator/);
      expect([at(b + 1, 1), at(b + 1, 2), at(b + 1, 3)]).toEqual(["Område", "Namn", "Nivå"]);
      expect([at(b + 1, 4), at(b + 1, 5), at(b + 1, 6)]).toEqual(WIDE_SURVEYS.map((d) => `${d.title} (procent av de svarande)`));
    }
    // The groups share the incidents out: each is in one group (the direct measures lead all of them).
    const headers = new Set<string>();
    for (let r = 1; r <= sheet.shape.rows; r++) if (at(r, 1) === "Område") for (let c = 7; at(r, c) !== null; c++) headers.add(String(at(r, c)));
    expect(headers.size).toBe(incidents);
  });
});
