// Cell values as a workbook gives them: Office.js gives numbers (dates as serials), strings, booleans and "" for empty;
// ExcelJS gives Date objects, rich text and formula results, which `normaliseCell` flattens.

export type CellValue = string | number | boolean | Date | null;

/** Flattens an ExcelJS-style value (rich text, formula result, hyperlink, error) into a plain cell value. */
export function normaliseCell(value: unknown): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value;
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((p) => p.text).join("");
    if ("result" in v) return normaliseCell(v.result);
    if (typeof v.text === "string") return v.text;
    if (typeof v.error === "string") return null;
  }
  return String(value);
}

/** True for null, undefined and strings that are empty after trimming. */
export function isBlank(value: CellValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== "string") return false;
  return isBlankText(value);
}

/** True for text that is empty after trimming. */
export function isBlankText(value: string): boolean {
  if (value.length === 0) return true;
  // Most cells start with a visible character: no need to trim them (trim's white space is ≤ 32, 160, or ≥ 5760).
  const first = value.charCodeAt(0);
  if (first > 32 && first !== 160 && first < 5760) return false;
  return value.trim() === "";
}

/** The text of a cell as a person reads it (used in messages). */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}
