// Writing into Excel is an attack surface: text starting with =, +, -, @ (or a tab/CR) would become a formula.
// Every write of text goes through `literalText`.

const FORMULA_START = /^[=+\-@\t\r]/;

/** True when Excel would treat the text as a formula or DDE trigger. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** Makes a text cell literal for Office.js `range.values`: a leading apostrophe is Excel's own quote prefix. */
export function literalText(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/** For CSV: the OWASP recommendation is the same leading apostrophe. */
export const literalCsvText = literalText;
