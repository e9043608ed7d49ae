// "Dubblettmatchning" (huvudman): per half-month and link class, whether the partners' double reports could be
// matched (both partners' linkage keys were kept at the same time), and if not, which partner came too late.
// Counts and organisations only; the linkage keys never leave the server.
import type { CellMark, WorkbookPort } from "../../shared/protocol/workbook";
import type { CoverageGroup, CoveragePair, CoverageStatus, DuplicateCoverage } from "../../shared/protocol/duplicates-api";
import { stockholmTime } from "../../shared/periods/stockholm";
import { replaceOwnSheet } from "../../shared/workbook/own-sheets";
import { columnRange, ERROR_FILL, OK_FILL, WARN_FILL } from "./admin-sheet";

export const COVERAGE_SHEET = "Dubblettmatchning";
const KEY = "admin:duplicate-coverage";
const HEADER_ROW = 3;
export const COVERAGE_COLUMNS = ["Halvmånad", "Slag", "Status", "Parter", "Rader med länknycklar", "Rader utan giltiga länknycklar", "Jämförda parter", "Ej jämförda parter", "Troliga dubbletter", "Nycklar sparade till"];

export const COVERAGE_STATUS_TEXT: Record<CoverageStatus, string> = {
  matched: "Matchad", partial: "Delvis matchad", unmatched: "Kunde inte matchas", single: "Bara en part",
};
const CLASS_TEXT: Record<string, string> = { brand: "Bränder", skadegorelse: "Skadegörelse" };
const FILL: Record<CoverageStatus, string | null> = { matched: OK_FILL, partial: WARN_FILL, unmatched: ERROR_FILL, single: null };

/** Why two partners were not compared, in Swedish. */
export function pairReason(p: CoveragePair): string {
  const other = p.late === p.a ? p.b : p.a;
  if (p.reason === "window-passed") return `${p.a}–${p.b}: ${p.late} kom in efter att länknycklarna från ${other} hade raderats`;
  if (p.reason === "expired-before-approval") return `${p.a}–${p.b}: ${p.late} godkändes först efter att dess länknycklar hade raderats`;
  return `${p.a}–${p.b}`;
}

function row(g: CoverageGroup) {
  const compared = g.pairs.filter((p) => p.compared);
  return [
    g.halfMonth, CLASS_TEXT[g.linkClass] ?? g.linkClass, COVERAGE_STATUS_TEXT[g.status],
    g.orgs.map((o) => o.org).join(", "),
    g.orgs.reduce((n, o) => n + o.linkedRows, 0),
    g.orgs.reduce((n, o) => n + o.expiredRows, 0),
    compared.map((p) => `${p.a}–${p.b}`).join("; "),
    g.pairs.filter((p) => !p.compared).map(pairReason).join("; "),
    g.pairs.reduce((n, p) => n + p.duplicates, 0),
    g.orgs.map((o) => `${o.org} ${stockholmTime(o.keptUntil)}`).join("; "),
  ];
}

/** One sentence of the counts: "3 matchade, 1 delvis, …". */
export function coverageSummaryText(s: DuplicateCoverage["summary"]): string {
  return `${s.matched} matchade, ${s.partial} delvis, ${s.unmatched} kunde inte matchas, ${s.single} med bara en part.`;
}

export async function writeCoverageSheet(port: WorkbookPort, coverage: DuplicateCoverage): Promise<string> {
  const sheet = await replaceOwnSheet(port, KEY, COVERAGE_SHEET);
  const s = coverage.summary;
  await port.writeTable({
    sheet, at: `A${HEADER_ROW + 1}`, name: "LagesbildDubblettmatchning",
    headerLines: [
      `Matchning av dubbletter per halvmånad: ${coverageSummaryText(s)}`,
      `Två parters rader jämförs när båda parternas länknycklar finns kvar samtidigt; nycklarna raderas ${coverage.windowDays} dagar efter att inskicket kom in.`,
      "Kom en parts historik in efter att den andras nycklar raderats kunde halvmånaden inte matchas, och händelser båda rapporterat räknas där två gånger.",
    ],
    columns: COVERAGE_COLUMNS.map((header) => ({ header, numberFormat: header.startsWith("Rader") || header === "Troliga dubbletter" ? "0" : "@" })),
    rows: coverage.groups.map(row),
  });
  const first = HEADER_ROW + 1;
  const statusCol = COVERAGE_COLUMNS.indexOf("Status");
  const marks: CellMark[] = coverage.groups.flatMap((g, i) => {
    const fill = FILL[g.status];
    return fill ? [{ cell: columnRange(first + i, statusCol, 1).split(":")[0], fill }] : [];
  });
  if (marks.length) await port.markCells(sheet, marks);
  await port.selectCell(sheet, `A${first + 1}`);
  return sheet;
}
