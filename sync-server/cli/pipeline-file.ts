// The file side of the command line's pipeline, shared by `check` and `submit`: read an .xlsx (streamed straight
// into the grid) or a .csv into a grid, and pick a template version from `ID` or `ID@VERSION`.
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { Grid } from "../../shared/protocol/workbook";
import type { Template } from "../../shared/templates/schema";
import { withXlsx } from "../xlsx/read-grid";
import { readCsvGrid, type CsvEncoding, type CsvSeparator } from "./csv-reader";
import { templateVersion } from "../../shared/templates/builtin";

export class UsageError extends Error {}

export interface FileGrid {
  /** The sheet read (for a CSV: the file's name). */
  sheet: string;
  grid: Grid;
  format: "xlsx" | "csv";
  encoding?: CsvEncoding;
  separator?: CsvSeparator;
}

export function isCsvFile(file: string): boolean {
  const ext = extname(file).toLowerCase();
  return ext === ".csv" || ext === ".txt";
}

/** Reads the named sheet, or the first sheet not starting with `_`; a CSV is its own single sheet. */
export async function readFileGrid(file: string, options: { sheet?: string } = {}): Promise<FileGrid> {
  if (isCsvFile(file)) {
    const csv = readCsvGrid(new Uint8Array(await readFile(file)));
    return { sheet: file.split(/[\\/]/).pop() ?? file, grid: csv.grid, format: "csv", encoding: csv.encoding, separator: csv.separator };
  }
  return withXlsx(file, async (workbook) => {
    const sheets = workbook.listSheets();
    const sheet = options.sheet ?? sheets.find((s) => !s.startsWith("_")) ?? sheets[0];
    if (!sheet || !sheets.includes(sheet)) throw new UsageError(`Bladet ”${options.sheet}” finns inte. Blad: ${sheets.join(", ")}`);
    return { sheet, grid: (await workbook.readUsedRange(sheet)).values, format: "xlsx" as const };
  });
}

/** `ID` or `ID@VERSION`, or null when the version is not a number. */
export function parseTemplateArg(arg: string): { id: string; version?: number } | null {
  const [id, version, ...rest] = arg.split("@");
  if (!id || rest.length > 0 || (version !== undefined && !/^\d+$/.test(version))) return null;
  return version === undefined ? { id } : { id, version: Number(version) };
}

/** The template version named by `ID@VERSION`, or the latest version of `ID`, among `templates`. */
export function pickTemplateVersion(templates: readonly Template[], arg: string): Template | null {
  const parsed = parseTemplateArg(arg);
  if (!parsed) return null;
  return templateVersion(templates, parsed.id, parsed.version) ?? null;
}
