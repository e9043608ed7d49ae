// Finds the header row of a sheet (title rows may stand above it) and matches its cells to a template's columns.
import type { Grid } from "../protocol/workbook";
import type { Template, TemplateColumn } from "../templates/schema";
import { cellText, isBlank } from "../grid/cell";
import { foldLoose } from "./text";

export interface HeaderMatch {
  /** 0-based index of the header row in the grid. */
  headerRow: number;
  /** Template column key → 0-based grid column. */
  columns: Map<string, number>;
  /** Header texts (with grid column) the template does not know. */
  unknown: { col: number; header: string }[];
  /** Required columns not found. */
  missing: TemplateColumn[];
  /** Matched columns / template columns. */
  score: number;
}

const HEADER_SCAN_ROWS = 30;

function headerIndex(template: Template): Map<string, string> {
  const index = new Map<string, string>();
  for (const c of template.columns) {
    for (const name of [c.header, ...c.aliases, c.key]) {
      const k = foldLoose(name);
      if (k && !index.has(k)) index.set(k, c.key);
    }
  }
  return index;
}

function matchRow(row: Grid[number], template: Template, index: Map<string, string>, headerRow: number): HeaderMatch {
  const columns = new Map<string, number>();
  const unknown: { col: number; header: string }[] = [];
  row.forEach((cell, col) => {
    if (isBlank(cell)) return;
    const key = index.get(foldLoose(cellText(cell)));
    if (key && !columns.has(key)) columns.set(key, col);
    else unknown.push({ col, header: cellText(cell).trim() });
  });
  const missing = template.columns.filter((c) => c.required && !columns.has(c.key));
  return { headerRow, columns, unknown, missing, score: columns.size / template.columns.length };
}

/** The best header row for this template among the first rows of the grid, or null when no row matches two columns. */
export function findHeader(grid: Grid, template: Template): HeaderMatch | null {
  const index = headerIndex(template);
  let best: HeaderMatch | null = null;
  const limit = Math.min(grid.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const m = matchRow(grid[r] ?? [], template, index, r);
    if (m.columns.size < Math.min(2, template.columns.length)) continue;
    if (!best || m.columns.size > best.columns.size) best = m;
  }
  return best;
}

/** Picks the template whose headers fit the grid best: all required columns present, then the highest share matched. */
export function pickTemplate(grid: Grid, templates: readonly Template[]): { template: Template; header: HeaderMatch } | null {
  let best: { template: Template; header: HeaderMatch } | null = null;
  for (const template of templates) {
    const header = findHeader(grid, template);
    if (!header) continue;
    const better =
      !best ||
      (header.missing.length === 0 && best.header.missing.length > 0) ||
      (header.missing.length === best.header.missing.length &&
        (header.score > best.header.score || (header.score === best.header.score && template.version > best.template.version)));
    if (better) best = { template, header };
  }
  return best;
}
