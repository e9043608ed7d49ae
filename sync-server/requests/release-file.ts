// The release files of a request for public documents: one .xlsx and one CSV holding only what passed the disclosure
// review (a withheld cell is written as `..`, never its value), the parts not released with their legal grounds,
// and the review's notes. Each file's SHA-256 is what the decision records.
import type { CellValue } from "../../shared/grid/cell";
import { SUPPRESSED_MARK } from "../../shared/protocol/delivery";
import { LEGAL_GROUNDS, type RefusedPart, type ReleaseCell } from "../../shared/protocol/requests";
import { sha256Hex } from "../auth/secrets";
import { toCsv } from "../exports/csv";
import { ExcelJsWorkbook } from "../workbook/exceljs-workbook";

export interface ReleaseContent {
  requestId: number;
  createdAt: string;
  cells: readonly ReleaseCell[];
  titles: ReadonlyMap<string, string>;
  refused: readonly RefusedPart[];
  notes: readonly string[];
}

export interface ReleaseFiles {
  xlsx: Uint8Array;
  xlsxSha256: string;
  csv: Uint8Array;
  csvSha256: string;
}

const RELEASED = "Utlämnat";
const REFUSED = "Ej utlämnat";
const ABOUT = "Om";

const HEADER = ["indikator", "namn", "nyko", "niva", "periodtyp", "period", "varde", "undertryckt"];

function rows(c: ReleaseContent): (string | number | null)[][] {
  return c.cells.map((x) => [
    x.indicator,
    c.titles.get(x.indicator) ?? x.indicator,
    x.nyko ?? "kommun",
    x.level,
    x.periodType,
    x.period,
    x.suppressed ? SUPPRESSED_MARK : x.value,
    x.suppressed ? "ja" : "nej",
  ]);
}

export async function releaseFiles(c: ReleaseContent): Promise<ReleaseFiles> {
  const csv = new TextEncoder().encode(toCsv(HEADER, rows(c)));
  // Written through the workbook port (its ExcelJS host), as every other .xlsx the product makes; the dates are the
  // request's, so the same release gives the same bytes and the same SHA-256.
  const port = new ExcelJsWorkbook();
  const created = new Date(c.createdAt);
  Object.assign(port.workbook, { creator: "Lägesbild", created, modified: created });
  await port.addSheet(RELEASED);
  await port.writeTable({
    sheet: RELEASED,
    at: "A1",
    name: "Utlamnat",
    columns: HEADER.map((header) => ({ header, numberFormat: header === "varde" ? undefined : header === "niva" ? "0" : "@" })),
    rows: rows(c),
  });
  await port.setColumnWidths(RELEASED, HEADER.map(() => 16));
  const refusedRows: CellValue[][] = c.refused.map((p) => [p.part, LEGAL_GROUNDS[p.ground], p.comment]);
  const suppressed = c.cells.filter((x) => x.suppressed).length;
  if (suppressed > 0)
    refusedRows.push([
      `${suppressed} celler (visas som ${SUPPRESSED_MARK})`,
      "OSL 35 kap. 1 §, 26 kap. 1 § m.fl.: röjandekontroll",
      "Värdet kunde annars leda till att enskilda identifieras, också tillsammans med tidigare utlämnade uppgifter.",
    ]);
  await port.addSheet(REFUSED);
  await port.writeTable({ sheet: REFUSED, at: "A1", name: "EjUtlamnat", columns: ["del", "grund", "kommentar"].map((header) => ({ header, numberFormat: "@" })), rows: refusedRows });
  await port.setColumnWidths(REFUSED, [40, 40, 40]);
  await port.addSheet(ABOUT);
  await port.writeValues(ABOUT, "A1", [["Lägesbild: utlämnande av allmän handling"], [`Begäran nr ${c.requestId}, framställd ${c.createdAt}`], ...c.notes.map((n) => [n])]);
  await port.setColumnWidths(ABOUT, [100]);
  const xlsx = await port.toBuffer();
  return { xlsx, xlsxSha256: sha256Hex(xlsx), csv, csvSha256: sha256Hex(csv) };
}
