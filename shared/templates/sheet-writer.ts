// One writer turns a template version into a blank sheet: Swedish headers, dropdowns for closed lists, number
// formats for dates, times and numbers, and a workbook setting naming the template id and version.
// Used by the add-in's "Infoga mall" and by the server's blank .xlsx alike (through the workbook port).
import { columnLetter } from "../grid/a1";
import type { NumberFormat, WorkbookPort } from "../protocol/workbook";
import type { Template, TemplateColumn } from "./schema";

export interface TemplateSheetOptions {
  /** Defaults to the template's sheet name hint; a taken name gets " (2)", " (3)", … */
  sheetName?: string;
  /** How many data rows get dropdowns and formats (default 10,000). */
  dataRows?: number;
}

export interface TemplateSheetResult {
  sheet: string;
  /** A1 range of the header row. */
  headerRange: string;
}

export interface TemplateMark {
  id: string;
  version: number;
}

export const DEFAULT_TEMPLATE_ROWS = 10_000;

/** The settings key that records which template a sheet was made from. */
export function templateSettingKey(sheet: string): string {
  return `lagesbild.template.${sheet}`;
}

/** The number format a column's cells get: the template's own, else one by type ("@" keeps codes as text). */
export function columnNumberFormat(column: TemplateColumn): NumberFormat {
  if (column.numberFormat) return column.numberFormat;
  switch (column.type) {
    case "date":
      return "yyyy-mm-dd";
    case "time":
      return "hh:mm";
    case "integer":
      return "0";
    case "decimal":
      return "0.0##";
    case "coordinate":
      return column.crs === "EPSG:4326" ? "0.000000" : "0";
    default:
      return "@"; // text, enum, nyko, address, period: "0301", "111" and "2025-03" must stay text
  }
}

export async function writeTemplateSheet(port: WorkbookPort, template: Template, options: TemplateSheetOptions = {}): Promise<TemplateSheetResult> {
  const sheet = freeName(await port.listSheets(), options.sheetName ?? template.sheetNameHint);
  const rows = options.dataRows ?? DEFAULT_TEMPLATE_ROWS;
  await port.addSheet(sheet);
  await port.writeValues(sheet, "A1", [template.columns.map((c) => c.header)], template.columns.map(() => "@"));
  for (const [i, column] of template.columns.entries()) {
    const range = `${columnLetter(i)}2:${columnLetter(i)}${rows + 1}`;
    await port.setNumberFormat(sheet, range, columnNumberFormat(column));
    if (column.type === "enum" && column.values?.length) await port.addDropdown({ sheet, range, values: column.values.map((v) => v.value) });
  }
  const mark: TemplateMark = { id: template.id, version: template.version };
  await port.setSetting(templateSettingKey(sheet), JSON.stringify(mark));
  await port.selectCell(sheet, "A2");
  return { sheet, headerRange: `A1:${columnLetter(template.columns.length - 1)}1` };
}

/** Reads back the template id and version recorded for a sheet (null when none or unreadable). */
export async function readTemplateMark(port: WorkbookPort, sheet: string): Promise<TemplateMark | null> {
  const raw = await port.getSetting(templateSettingKey(sheet));
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<TemplateMark>;
    return typeof v.id === "string" && typeof v.version === "number" ? { id: v.id, version: v.version } : null;
  } catch {
    return null;
  }
}

function freeName(taken: string[], wanted: string): string {
  const lower = new Set(taken.map((t) => t.toLocaleLowerCase("sv")));
  const base = wanted.slice(0, 31);
  if (!lower.has(base.toLocaleLowerCase("sv"))) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = `${wanted.slice(0, 31 - suffix.length)}${suffix}`;
    if (!lower.has(name.toLocaleLowerCase("sv"))) return name;
  }
}
