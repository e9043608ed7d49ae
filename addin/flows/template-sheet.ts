// The admin's template sheet: the current version of a template written one row per column (key, header, aliases,
// type, required, role, allowed values); the admin edits it and publishes version N+1. Errors go to their cells.
import { a1 } from "../../shared/grid/a1";
import type { CellValue } from "../../shared/grid/cell";
import type { CellMark, WorkbookPort } from "../../shared/protocol/workbook";
import { templateSchema, type ColumnRole, type ColumnType, type EnumValue, type Template, type TemplateColumn } from "../../shared/templates/schema";
import { replaceOwnSheet } from "../../shared/workbook/own-sheets";

/** Template-level fields, one per row at the top (label in A, value in B). */
const FIELDS = [
  ["Mall-id", "id"],
  ["Version", "version"],
  ["Titel", "title"],
  ["Organisationstyp", "orgKind"],
  ["Radtyp", "rowKind"],
  ["Bladnamn", "sheetNameHint"],
  ["Tidsupplösning", "timeGranularity"],
] as const;
export const COLUMN_HEADERS = ["Nyckel", "Rubrik", "Alias", "Typ", "Obligatorisk", "Roll", "Tillåtna värden", "Övrigt"] as const;
const COLUMN_FIELD: Record<string, number> = { key: 0, header: 1, aliases: 2, type: 3, required: 4, role: 5, values: 6, axis: 7, crs: 7, periodKind: 7, numberFormat: 7 };
const TABLE_ROW = FIELDS.length + 2; // 0-based row of the column table's header
const YES = "Ja";
const NO = "Nej";

/** The schema's codes as the sheet shows them, in Swedish; the sheet is read back through the same tables. */
export const TYPE_TEXT: Record<ColumnType, string> = {
  text: "Text", integer: "Heltal", decimal: "Decimaltal", date: "Datum", time: "Klockslag", enum: "Lista", nyko: "NYKO-område", address: "Adress", coordinate: "Koordinat", period: "Period",
};
export const ROLE_TEXT: Record<ColumnRole, string> = {
  kept: "Skickas", identifying: "Identifierande", location: "Plats", date: "Datum", time: "Klockslag", category: "Kategori", measure: "Mått", denominator: "Nämnare",
};
const FIELD_TEXT: Partial<Record<(typeof FIELDS)[number][1], Record<string, string>>> = {
  rowKind: { event: "Händelser", aggregate: "Summerade rader" },
  timeGranularity: { hour: "Timme", day: "Dag" },
};

function toText(table: Record<string, string> | undefined, code: unknown): CellValue {
  return table && typeof code === "string" ? (table[code] ?? code) : (code as CellValue);
}

/** The code for a Swedish text (or the code itself, as older sheets wrote it); the text unchanged when unknown, for the schema to refuse at its cell. */
function fromText(table: Record<string, string> | undefined, text: string): string {
  if (!table) return text;
  const lower = text.toLocaleLowerCase("sv");
  const hit = Object.entries(table).find(([code, t]) => t.toLocaleLowerCase("sv") === lower || code === text);
  return hit ? hit[0] : text;
}

export interface SheetIssue {
  cell: string;
  message: string;
}

export type ParsedSheet = { ok: true; value: Template } | { ok: false; issues: SheetIssue[] };

/** `Värde (synonym, synonym) [klass]`, values separated by `; `. */
export function formatValues(values: readonly EnumValue[] | undefined): string {
  return (values ?? []).map((v) => `${v.value}${v.synonyms.length ? ` (${v.synonyms.join(", ")})` : ""}${v.linkClass ? ` [${v.linkClass}]` : ""}`).join("; ");
}

export function parseValues(text: string): EnumValue[] {
  return text
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^(.*?)\s*(?:\(([^)]*)\))?\s*(?:\[([^\]]*)\])?$/.exec(s)!;
      const synonyms = (m[2] ?? "").split(",").map((x) => x.trim()).filter(Boolean);
      return { value: m[1].trim(), synonyms, ...(m[3] ? { linkClass: m[3].trim() } : {}) };
    });
}

function formatOther(c: TemplateColumn): string {
  const parts: string[] = [];
  if (c.axis) parts.push(`axis=${c.axis}`);
  if (c.crs) parts.push(`crs=${c.crs}`);
  if (c.periodKind) parts.push(`periodKind=${c.periodKind}`);
  if (c.numberFormat) parts.push(`numberFormat=${c.numberFormat}`);
  return parts.join("; ");
}

function parseOther(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(";").map((s) => s.trim()).filter(Boolean)) {
    const i = part.indexOf("=");
    if (i > 0) out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
    else out[part] = "";
  }
  return out;
}

export async function writeTemplateAdminSheet(port: WorkbookPort, template: Template): Promise<string> {
  const sheet = await replaceOwnSheet(port, `template:${template.id}`, `Mall ${template.id}`);
  const top: CellValue[][] = FIELDS.map(([label, key]) => [label, toText(FIELD_TEXT[key], template[key])]);
  await port.writeValues(sheet, "A1", top, ["@", "@"]);
  await port.writeTable({
    sheet,
    at: a1(TABLE_ROW, 0),
    name: `LagesbildMall_${template.id}`,
    columns: COLUMN_HEADERS.map((header) => ({ header, numberFormat: "@" })),
    rows: template.columns.map((c) => [c.key, c.header, c.aliases.join("; "), TYPE_TEXT[c.type], c.required ? YES : NO, ROLE_TEXT[c.role], formatValues(c.values), formatOther(c)]),
  });
  const first = TABLE_ROW + 1;
  const last = TABLE_ROW + Math.max(1, template.columns.length) + 20;
  await port.addDropdown({ sheet, range: `${a1(first, 3)}:${a1(last, 3)}`, values: Object.values(TYPE_TEXT) });
  await port.addDropdown({ sheet, range: `${a1(first, 4)}:${a1(last, 4)}`, values: [YES, NO] });
  await port.addDropdown({ sheet, range: `${a1(first, 5)}:${a1(last, 5)}`, values: Object.values(ROLE_TEXT) });
  await port.selectCell(sheet, a1(first, 2));
  return sheet;
}

/** Reads the sheet back into a template and validates it with the template schema; issues carry their cells. */
export async function readTemplateAdminSheet(port: WorkbookPort, sheet: string): Promise<ParsedSheet> {
  const { values } = await port.readUsedRange(sheet);
  const text = (r: number, c: number) => String(values[r]?.[c] ?? "").trim();
  const issues: SheetIssue[] = [];
  const flagged = new Set<string>();
  const flag = (cell: string, message: string) => {
    flagged.add(cell);
    issues.push({ cell, message });
  };
  const raw: Record<string, unknown> = {};
  FIELDS.forEach(([, key], r) => {
    raw[key] = key === "version" ? Number(text(r, 1)) : fromText(FIELD_TEXT[key], text(r, 1));
  });
  const rows: { index: number; row: number }[] = [];
  const columns: Record<string, unknown>[] = [];
  for (let r = TABLE_ROW + 1; r < values.length; r++) {
    const cells = COLUMN_HEADERS.map((_, c) => text(r, c));
    if (cells.every((c) => c === "")) continue;
    const [key, header, aliases, type, required, role, allowed, other] = cells;
    if (required !== YES && required !== NO) issues.push({ cell: a1(r, 4), message: `Obligatorisk ska vara ${YES} eller ${NO}.` });
    if (!(fromText(TYPE_TEXT, type) in TYPE_TEXT)) flag(a1(r, 3), `Typ ska vara en av: ${Object.values(TYPE_TEXT).join(", ")}.`);
    if (!(fromText(ROLE_TEXT, role) in ROLE_TEXT)) flag(a1(r, 5), `Roll ska vara en av: ${Object.values(ROLE_TEXT).join(", ")}.`);
    const column: Record<string, unknown> = {
      key, header, type: fromText(TYPE_TEXT, type), role: fromText(ROLE_TEXT, role), required: required === YES,
      aliases: aliases.split(";").map((s) => s.trim()).filter(Boolean),
    };
    if (allowed) column.values = parseValues(allowed);
    const extra = parseOther(other);
    for (const [k, v] of Object.entries(extra)) {
      if (["axis", "crs", "periodKind", "numberFormat"].includes(k)) column[k] = v;
      else issues.push({ cell: a1(r, 7), message: `Okänd inställning ”${k}”. Tillåtna: axis, crs, periodKind, numberFormat.` });
    }
    rows.push({ index: columns.length, row: r });
    columns.push(column);
  }
  raw.columns = columns;
  const parsed = templateSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const cell = cellOfPath(issue.path, rows);
      if (!flagged.has(cell)) issues.push({ cell, message: swedishIssue(issue.path, issue.message) });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, issues };
}

function cellOfPath(path: readonly PropertyKey[], rows: { index: number; row: number }[]): string {
  if (path[0] === "columns" && typeof path[1] === "number") {
    const r = rows[path[1]]?.row ?? TABLE_ROW;
    const field = typeof path[2] === "string" ? path[2] : "key";
    return a1(r, COLUMN_FIELD[field] ?? 0);
  }
  const fieldRow = FIELDS.findIndex(([, key]) => key === path[0]);
  return fieldRow >= 0 ? a1(fieldRow, 1) : a1(TABLE_ROW, 0);
}

function swedishIssue(path: readonly PropertyKey[], message: string): string {
  const where = path[0] === "columns" && typeof path[1] === "number" ? `Kolumn ${path[1] + 1}${path[2] ? ` (${String(path[2])})` : ""}` : path.length ? String(path[0]) : "Mallen";
  return `${where}: ${message}`;
}

/** Fills the cells of the issues with a note, after clearing earlier marks. */
export async function markTemplateIssues(port: WorkbookPort, sheet: string, issues: readonly SheetIssue[]): Promise<void> {
  await port.clearMarks(sheet);
  const byCell = new Map<string, string[]>();
  for (const i of issues) byCell.set(i.cell, [...(byCell.get(i.cell) ?? []), i.message]);
  const marks: CellMark[] = [...byCell].map(([cell, messages]) => ({ cell, fill: "#FDE7E9", note: messages.join("\n") }));
  if (marks.length) await port.markCells(sheet, marks);
}

/** The edited sheet as version N+1, where N is the newest published version. */
export function nextVersion(template: Template, newestPublished: number): Template {
  return { ...template, version: newestPublished + 1 };
}
