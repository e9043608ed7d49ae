// The release files of a request for public documents: one .xlsx and one CSV holding only what passed the disclosure
// review (a withheld cell is written as `..`, never its value), the parts not released with their legal grounds,
// and the review's notes. Each file's SHA-256 is what the decision records.
import ExcelJS from "exceljs";
import { literalText } from "../../shared/grid/literal";
import { SUPPRESSED_MARK } from "../../shared/protocol/delivery";
import { LEGAL_GROUNDS, type RefusedPart, type ReleaseCell } from "../../shared/protocol/requests";
import { sha256Hex } from "../auth/secrets";
import { toCsv } from "../exports/csv";

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
  const wb = new ExcelJS.Workbook();
  wb.creator = "Lägesbild";
  const created = new Date(c.createdAt);
  wb.created = created;
  wb.modified = created;
  const text = (v: string | number | null) => (typeof v === "string" ? literalText(v) : v);
  const table = wb.addWorksheet("Utlämnat");
  table.addRow(HEADER);
  table.getRow(1).font = { bold: true };
  for (const r of rows(c)) table.addRow(r.map(text));
  table.columns.forEach((col) => (col.width = 16));
  const refused = wb.addWorksheet("Ej utlämnat");
  refused.addRow(["del", "grund", "kommentar"]);
  refused.getRow(1).font = { bold: true };
  for (const p of c.refused) refused.addRow([p.part, LEGAL_GROUNDS[p.ground], p.comment].map(text));
  const suppressed = c.cells.filter((x) => x.suppressed).length;
  if (suppressed > 0) refused.addRow([`${suppressed} celler (visas som ${SUPPRESSED_MARK})`, "OSL 35 kap. 1 §, 26 kap. 1 § m.fl.: röjandekontroll", "Värdet kunde annars leda till att enskilda identifieras, också tillsammans med tidigare utlämnade uppgifter."].map(text));
  refused.columns.forEach((col) => (col.width = 40));
  const about = wb.addWorksheet("Om");
  about.addRow(["Lägesbild: utlämnande av allmän handling"]);
  about.addRow([text(`Begäran nr ${c.requestId}, framställd ${c.createdAt}`)]);
  for (const n of c.notes) about.addRow([text(n)]);
  about.getColumn(1).width = 100;
  const xlsx = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return { xlsx, xlsxSha256: sha256Hex(xlsx), csv, csvSha256: sha256Hex(csv) };
}
