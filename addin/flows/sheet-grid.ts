// Reads a sheet's used range as a grid anchored at A1, so every address the pipeline reports is the sheet's own.
import type { CellValue } from "../../shared/grid/cell";
import { parseA1 } from "../../shared/grid/a1";
import type { Grid, WorkbookPort } from "../../shared/protocol/workbook";

export async function readSheetGrid(port: WorkbookPort, sheet: string): Promise<Grid> {
  const used = await port.readUsedRange(sheet);
  const { row, col } = parseA1(used.topLeft || "A1");
  if (row === 0 && col === 0) return used.values;
  const pad: CellValue[] = new Array<CellValue>(col).fill(null);
  const grid: Grid = [];
  for (let r = 0; r < row; r++) grid.push([]);
  for (const line of used.values) grid.push(col === 0 ? line : [...pad, ...line]);
  return grid;
}
