// Matches a cell's text to a closed-list value through its synonyms, case- and space-insensitively
// (accents too, as a fallback when that is unambiguous).
import type { TemplateColumn } from "../templates/schema";
import type { Parsed } from "./parse-cell";
import { foldLoose, foldSpaces } from "./text";

export function enumMatcher(column: TemplateColumn): (text: string) => Parsed<string> {
  const exact = new Map<string, string>();
  const loose = new Map<string, string | null>();
  for (const v of column.values ?? []) {
    for (const name of [v.value, ...v.synonyms]) {
      exact.set(foldSpaces(name), v.value);
      const k = foldLoose(name);
      const prior = loose.get(k);
      loose.set(k, prior === undefined || prior === v.value ? v.value : null);
    }
  }
  const allowed = (column.values ?? []).map((v) => v.value).join(", ");
  const cache = new Map<string, Parsed<string>>();
  return (text) => {
    const hit = cache.get(text);
    if (hit) return hit;
    const value = exact.get(foldSpaces(text)) ?? loose.get(foldLoose(text)) ?? null;
    const result: Parsed<string> =
      value !== null
        ? { ok: true, value }
        : { ok: false, code: "enum-unknown", message: `”${text.trim()}” är inget tillåtet värde för ${column.header}. Tillåtna: ${allowed}.` };
    if (cache.size < 10_000) cache.set(text, result);
    return result;
  };
}
