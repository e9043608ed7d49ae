// The matrix sheet behind "Behörigheter" (huvudman: what each organisation may see) and "Inställningar" (actor:
// what it subscribes to among its grants): one row per organisation and indicator, a Ja/Nej dropdown per area level
// and per period type, "–" where the choice is not available. Read back into access entries; issues at their cells.
import type { CellValue } from "../../shared/grid/cell";
import { PERIOD_TYPE_TEXT } from "../../shared/periods/text";
import type { PeriodType } from "../../shared/protocol/delivery";
import type { CellMark, WorkbookPort } from "../../shared/protocol/workbook";
import type { OrgAccessEntry } from "../admin-api";
import { columnRange, ERROR_FILL, NO, NOT_AVAILABLE, readTable, YES, type SheetIssue } from "./admin-sheet";
import { replaceOwnSheet } from "../../shared/workbook/own-sheets";

export const LEVEL_COLUMNS = [
  { level: 0, header: "Kommun" },
  { level: 1, header: "NYKO 1" },
  { level: 2, header: "NYKO 2" },
  { level: 3, header: "NYKO 3" },
] as const;
export const PERIOD_COLUMNS: readonly { periodType: PeriodType; header: string }[] = (["halfmonth", "month", "quarter", "year", "schoolyear", "week"] as const).map(
  (periodType) => ({ periodType, header: PERIOD_TYPE_TEXT[periodType][0].toUpperCase() + PERIOD_TYPE_TEXT[periodType].slice(1) }),
);
export const ACCESS_COLUMNS = ["Organisation", "Indikator", "Titel", ...LEVEL_COLUMNS.map((c) => c.header), ...PERIOD_COLUMNS.map((c) => c.header), "Resultat"];
const FIRST_CHOICE = 3;
const CHOICES = LEVEL_COLUMNS.length + PERIOD_COLUMNS.length;
const HEADER_ROW = 3; // 0-based: three header lines above the table

export type Entry = Omit<OrgAccessEntry, "org">;

export interface AccessRowSpec {
  org: string;
  indicator: string;
  title: string;
  /** What may be chosen on this row. */
  available: Entry;
  /** What is chosen now (null: nothing). */
  chosen: Entry | null;
  result?: string;
}

export interface AccessSheetSpec {
  key: string;
  name: string;
  tableName: string;
  headerLines: string[];
  rows: AccessRowSpec[];
}

function choiceCells(spec: AccessRowSpec): CellValue[] {
  const level = LEVEL_COLUMNS.map(({ level }) => (!spec.available.levels.includes(level) ? NOT_AVAILABLE : spec.chosen?.levels.includes(level) ? YES : NO));
  const period = PERIOD_COLUMNS.map(({ periodType }) =>
    !spec.available.periodTypes.includes(periodType) ? NOT_AVAILABLE : spec.chosen?.periodTypes.includes(periodType) ? YES : NO,
  );
  return [...level, ...period];
}

/** Writes the matrix sheet; rows whose result starts with "Ej sparat" get their Resultat cell filled. */
export async function writeAccessSheet(port: WorkbookPort, spec: AccessSheetSpec): Promise<string> {
  const sheet = await replaceOwnSheet(port, spec.key, spec.name);
  await port.writeTable({
    sheet,
    at: `A${HEADER_ROW + 1}`,
    name: spec.tableName,
    headerLines: spec.headerLines,
    columns: ACCESS_COLUMNS.map((header) => ({ header, numberFormat: "@" })),
    rows: spec.rows.map((r) => [r.org, r.indicator, r.title, ...choiceCells(r), r.result ?? ""]),
  });
  const first = HEADER_ROW + 1;
  for (let c = FIRST_CHOICE; c < FIRST_CHOICE + CHOICES; c++) await port.addDropdown({ sheet, range: columnRange(first, c, spec.rows.length), values: [YES, NO] });
  const resultCol = ACCESS_COLUMNS.indexOf("Resultat");
  const marks: CellMark[] = spec.rows
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => r.result?.startsWith("Ej sparat"))
    .map(({ r, i }) => ({ cell: columnRange(first + i, resultCol, 1).split(":")[0], fill: ERROR_FILL, note: r.result }));
  if (marks.length) await port.markCells(sheet, marks);
  await port.selectCell(sheet, columnRange(first, FIRST_CHOICE, 1).split(":")[0]);
  return sheet;
}

export interface ReadAccessRow {
  org: string;
  indicator: string;
  /** The chosen entry, or null when the row chooses nothing. */
  entry: Entry | null;
  resultCell: string;
}

export type ReadAccess = { ok: true; rows: ReadAccessRow[] } | { ok: false; issues: SheetIssue[] };

/**
 * Reads the matrix back. `availableOf` says what a row may choose (the indicator's period types, the grants);
 * a "Ja" elsewhere, a value that is not Ja/Nej, or a row with levels but no period type (or the reverse) is an issue.
 */
export async function readAccessSheet(port: WorkbookPort, sheet: string, availableOf: (org: string, indicator: string) => Entry | null): Promise<ReadAccess> {
  const table = await readTable(port, sheet, ["Organisation", "Indikator"]);
  if (!table) return { ok: false, issues: [{ cell: "A1", message: "Bladet saknar tabellen (rubrikraden Organisation, Indikator …). Skriv bladet igen." }] };
  const issues: SheetIssue[] = [];
  const rows: ReadAccessRow[] = [];
  const seen = new Set<string>();
  for (const r of table.rows) {
    const org = r.get("Organisation");
    const indicator = r.get("Indikator");
    const available = availableOf(org, indicator);
    if (!available) {
      issues.push({ cell: r.cell("Indikator"), message: `${org} / ${indicator}: okänd organisation eller indikator (eller inte tilldelad). Skriv bladet igen.` });
      continue;
    }
    if (seen.has(`${org}\u0000${indicator}`)) issues.push({ cell: r.cell("Indikator"), message: `${indicator} förekommer flera gånger för ${org}.` });
    seen.add(`${org}\u0000${indicator}`);
    const levels: number[] = [];
    const periodTypes: PeriodType[] = [];
    const check = (header: string, isAvailable: boolean, add: () => void) => {
      const v = r.get(header);
      const yes = v.toLowerCase() === YES.toLowerCase();
      if (!yes && v !== "" && v.toLowerCase() !== NO.toLowerCase() && v !== NOT_AVAILABLE)
        issues.push({ cell: r.cell(header), message: `${header}: skriv ${YES} eller ${NO} (inte ”${v}”).` });
      else if (yes && !isAvailable) issues.push({ cell: r.cell(header), message: `${header} går inte att välja för ${indicator}.` });
      else if (yes) add();
    };
    for (const { level, header } of LEVEL_COLUMNS) check(header, available.levels.includes(level), () => levels.push(level));
    for (const { periodType, header } of PERIOD_COLUMNS) check(header, available.periodTypes.includes(periodType), () => periodTypes.push(periodType));
    if (levels.length > 0 && periodTypes.length === 0) issues.push({ cell: r.cell(PERIOD_COLUMNS[0].header), message: `${indicator}: välj minst en periodtyp (eller ${NO} på alla nivåer).` });
    if (periodTypes.length > 0 && levels.length === 0) issues.push({ cell: r.cell(LEVEL_COLUMNS[0].header), message: `${indicator}: välj minst en områdesnivå (eller ${NO} på alla periodtyper).` });
    rows.push({ org, indicator, entry: levels.length > 0 && periodTypes.length > 0 ? { indicator, levels, periodTypes } : null, resultCell: r.cell("Resultat") });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rows };
}

/** Canonical text of a set of entries, to tell whether an organisation's choices changed. */
export function entriesKey(entries: readonly Entry[]): string {
  return JSON.stringify(
    [...entries]
      .map((e) => ({ i: e.indicator, l: [...e.levels].sort(), p: PERIOD_COLUMNS.map((c) => c.periodType).filter((p) => e.periodTypes.includes(p)) }))
      .sort((a, b) => a.i.localeCompare(b.i)),
  );
}

/** Orders period types as the sheet's columns do (finest first). */
export function orderPeriodTypes(types: readonly PeriodType[]): PeriodType[] {
  return PERIOD_COLUMNS.map((c) => c.periodType).filter((p) => types.includes(p));
}
