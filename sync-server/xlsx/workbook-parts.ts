// The workbook-level parts a sheet's values depend on: the sheets and where they live, the 1904 date system,
// the shared strings, and which cell styles show a date. Each reads the way ExcelJS reads it (our reader before
// this one), so a sheet gives the same values.
import { attribute, ooxmlUnescape, startTags, textsOf, xmlText } from "./xml-text";

export interface SheetPart {
  name: string;
  /** The part's name inside the archive, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
}

/** Worksheets in workbook order (chart sheets and sheets whose part is missing are left out, as ExcelJS does). */
export function worksheetParts(workbookXml: string, relsXml: string, partExists: (name: string) => boolean): SheetPart[] {
  const targets = new Map<string, string>();
  for (const tag of startTags(relsXml, "Relationship")) {
    const id = attribute(tag, "Id");
    const target = attribute(tag, "Target");
    if (id !== undefined && target !== undefined) targets.set(id, target);
  }
  const sheets: SheetPart[] = [];
  for (const tag of startTags(workbookXml, "sheet")) {
    const name = attribute(tag, "name");
    const target = targets.get(attribute(tag, "r:id") ?? "");
    if (name === undefined || target === undefined) continue;
    const part = `xl/${target.replace(/^(\s|\/xl\/)+/, "")}`;
    if (/xl\/worksheets\/sheet\d+[.]xml/.test(part) && partExists(part)) sheets.push({ name, part });
  }
  return sheets;
}

/** True when the workbook counts dates from 1904 (`<workbookPr date1904="1"/>`, also written `true`). */
export function usesDate1904(workbookXml: string): boolean {
  for (const tag of startTags(workbookXml, "workbookPr")) {
    const value = attribute(tag, "date1904");
    return value === "1" || value === "true";
  }
  return false;
}

/** One string per `<si>`: plain text, or the runs of rich text joined. */
export function sharedStrings(xml: string): string[] {
  const strings: string[] = [];
  for (let at = xml.indexOf("<si", 0); at >= 0; at = xml.indexOf("<si", at + 3)) {
    const next = xml.charCodeAt(at + 3);
    if (next !== 62 && next !== 32 && next !== 47) continue;
    const open = xml.indexOf(">", at);
    if (xml.charCodeAt(open - 1) === 47) {
      strings.push("");
      continue;
    }
    const end = xml.indexOf("</si>", open);
    strings.push(ownString(sharedString(xml, open + 1, end)));
    at = end;
  }
  return strings;
}

/**
 * Text cut from the part, as a string of its own. V8 makes a cut of 13 characters or more a view into the whole part:
 * it would keep the part (megabytes) alive as long as any cell of the sheet, and every read of a cell's characters
 * would go through to it, one more memory access per cell when the sheet is checked. An own string is made by
 * interning it (V8 stores a property name as a flat string once).
 */
function ownString(text: string): string {
  return text.length < 13 ? text : Object.keys({ [text]: 0 })[0];
}

function sharedString(xml: string, from: number, to: number): string {
  // The common case: <si><t>text</t></si>.
  if (xml.startsWith("<t>", from) && xml.indexOf("<", from + 3) === to - 4) return ooxmlUnescape(xmlText(xml.slice(from + 3, to - 4)));
  let body = xml.slice(from, to);
  // Phonetic runs (<rPh>) are a reading aid, not the cell's text.
  if (body.includes("<rPh")) body = body.replace(/<rPh[\s>][\s\S]*?<\/rPh>/g, "");
  const texts = textsOf(body, 0, body.length).map(ooxmlUnescape);
  if (body.includes("<r>") || body.includes("<r ")) return texts.join("");
  return texts.length > 0 ? texts[texts.length - 1] : "";
}

/** Built-in number formats that show a date or a time (14–22 and 45–47; the East Asian ids have no code in ExcelJS). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** ExcelJS's test: a date or time format has y, m, d, h, M, s or b outside quotes and brackets. */
export function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/** For each cell style index (`s` of a cell): true when its number format shows a date. */
export function dateStyles(stylesXml: string): boolean[] {
  const custom = new Map<number, string>();
  const formats = stylesXml.indexOf("<numFmts");
  const formatsEnd = formats < 0 ? -1 : stylesXml.indexOf("</numFmts>", formats);
  for (const tag of startTags(stylesXml, "numFmt", formats < 0 ? stylesXml.length : formats, formatsEnd < 0 ? stylesXml.length : formatsEnd)) {
    const id = Number.parseInt(attribute(tag, "numFmtId") ?? "", 10);
    const code = attribute(tag, "formatCode");
    if (code !== undefined) custom.set(id, code.replace(/[\\](.)/g, "$1"));
  }
  const start = stylesXml.indexOf("<cellXfs");
  if (start < 0) return [];
  const end = stylesXml.indexOf("</cellXfs>", start);
  const styles: boolean[] = [];
  for (const tag of startTags(stylesXml, "xf", start, end < 0 ? stylesXml.length : end)) {
    const id = Number.parseInt(attribute(tag, "numFmtId") ?? "", 10);
    const code = id ? custom.get(id) : undefined;
    styles.push(code ? isDateFormat(code) : id ? BUILTIN_DATE_FORMATS.has(id) : false);
  }
  return styles;
}
