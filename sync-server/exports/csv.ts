// CSV that Excel and Power Query open correctly: UTF-8 with BOM, `;` as separator, CRLF, optional decimal comma.
// Text is never formula-injectable: every text value goes through `literalText` before quoting.
import { literalText } from "../../shared/grid/literal";
import { cellStatus, MISSING_MARK, SUPPRESSED_MARK, type Delivery } from "../../shared/protocol/delivery";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { CHANGE_TEXT } from "../../shared/stats/cell-uncertainty";

export interface CsvOptions {
  decimalComma?: boolean;
}

export type CsvValue = string | number | null;

/** One field: numbers as numbers (point or comma), text made literal and quoted when needed. */
export function csvField(v: CsvValue, opts: CsvOptions = {}): string {
  if (v === null) return "";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return "";
    const text = String(Math.round(v * 1e6) / 1e6);
    return opts.decimalComma ? text.replace(".", ",") : text;
  }
  const safe = literalText(v);
  return /[;"\r\n,]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], opts: CsvOptions = {}): string {
  const lines = [header.map((h) => csvField(h, opts)).join(";"), ...rows.map((r) => r.map((v) => csvField(v, opts)).join(";"))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** The `status` column's words: a value, `skyddat` (`..`), `saknas` (not reported by every expected partner). */
const STATUS_WORD = { value: "varde", suppressed: "skyddat", missing: MISSING_MARK } as const;

/**
 * A delivery as a table: one row per cell, a suppressed value written as `..`, a missing one as `saknas` (never 0,
 * never `..`); the last column, `status`, says which of the three a row is, so the table explains its own marks.
 */
export function deliveryCsv(d: Delivery, opts: CsvOptions = {}): string {
  const titles = new Map(d.definitions.map((x) => [x.id, x.title]));
  const rows = d.cells.map((c) => {
    const status = cellStatus(c);
    return [
      c.indicator,
      titles.get(c.indicator) ?? c.indicator,
      c.nyko ?? "kommun",
      c.level,
      c.periodType,
      c.period,
      status === "suppressed" ? SUPPRESSED_MARK : status === "missing" ? MISSING_MARK : c.value,
      status === "suppressed" ? "ja" : "nej",
      STATUS_WORD[status],
      // The 95 % interval and the "osäker" mark of a published value; empty for suppressed and missing cells.
      status === "value" ? (c.low ?? null) : null,
      status === "value" ? (c.high ?? null) : null,
      status === "value" && c.uncertain !== undefined ? (c.uncertain ? "ja" : "nej") : null,
      c.change?.previous ? CHANGE_TEXT[c.change.previous] : null,
      c.change?.lastYear ? CHANGE_TEXT[c.change.lastYear] : null,
    ];
  });
  return toCsv(["indikator", "namn", "nyko", "niva", "periodtyp", "period", "varde", "undertryckt", "status", "low", "high", "uncertain", "change_previous", "change_last_year"], rows, opts);
}

/** The de-identified approved records (the huvudman's export for statistical analysis). */
export function recordsCsv(records: Iterable<DeidentifiedRecord>, opts: CsvOptions = {}): string {
  const list = [...records];
  const catKeys = [...new Set(list.flatMap((r) => Object.keys(r.categories)))].sort();
  const measureKeys = [...new Set(list.flatMap((r) => Object.keys(r.measures)))].sort();
  const rows = list.map((r) => [
    r.org,
    r.templateId,
    r.templateVersion,
    r.date ?? null,
    r.hour ?? null,
    r.period ?? null,
    r.nyko ?? null,
    ...catKeys.map((k) => r.categories[k] ?? null),
    ...measureKeys.map((k) => r.measures[k] ?? null),
  ]);
  return toCsv(["organisation", "mall", "mallversion", "datum", "timme", "period", "nyko", ...catKeys, ...measureKeys], rows, opts);
}
