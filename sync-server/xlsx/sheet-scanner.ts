// One pass over a worksheet's XML, fed in chunks of text, straight into the grid: no cell objects, no XML events.
// Values come out as ExcelJS gave them to `readUsedRange` (our reader before this one): shared and inline
// strings (rich text joined), numbers, booleans, a formula's cached result, Date objects for numbers in a date
// format, and a merged area's value in each of its cells; errors and empty strings are empty cells.
import { a1, columnIndex } from "../../shared/grid/a1";
import type { CellValue } from "../../shared/grid/cell";
import type { Grid, UsedRange } from "../../shared/protocol/workbook";
import { ooxmlUnescape, startTags, attribute, textsOf, xmlText } from "./xml-text";

export interface SheetContext {
  strings: readonly string[];
  /** Per cell style index: true when the style's number format shows a date. */
  dateStyles: readonly boolean[];
  date1904: boolean;
}

const enum CellType {
  Number,
  Shared,
  Str,
  Inline,
  Bool,
  Error,
}

const enum Phase {
  BeforeData,
  InData,
  AfterData,
}

const MS_PER_DAY = 86_400_000;
const MAX_CACHED_DATES = 100_000;

function isNameEnd(code: number): boolean {
  return code === 32 || code === 62 || code === 47 || code === 9 || code === 10 || code === 13;
}

/** ExcelJS decodes the text of `t="str"` cells a second time (after the XML parser did). */
function decodeAgain(text: string): string {
  return text.replace(/&([a-z]*);/g, (c) => ({ "&lt;": "<", "&gt;": ">", "&amp;": "&", "&apos;": "'", "&quot;": '"' })[c] ?? c);
}

/** A non-negative or negative integer of at most 15 digits in s[from, to), else NaN (then parseFloat decides). */
function smallInteger(s: string, from: number, to: number): number {
  let p = from;
  const negative = s.charCodeAt(p) === 45;
  if (negative) p++;
  if (p === to || to - p > 15) return NaN;
  let n = 0;
  for (; p < to; p++) {
    const d = s.charCodeAt(p) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return negative ? -n : n;
}

export class SheetScanner {
  private phase = Phase.BeforeData;
  private carry = "";
  /** Rows by 0-based sheet row; each row holds values from column A, null where a cell is empty. */
  private readonly rows: CellValue[][] = [];
  private top = Infinity;
  private bottom = -1;
  private left = Infinity;
  private right = -1;
  private row = -1;
  private previousCol = -1;
  private readonly merges: string[] = [];
  private readonly dates = new Map<number, Date>();

  constructor(private readonly context: SheetContext) {}

  /** Feeds the next piece of the sheet's text (any split: a tag may continue in the next piece). */
  push(piece: string): void {
    let text = this.carry + piece;
    let pos = 0;
    if (this.phase === Phase.BeforeData) {
      const at = text.indexOf("<sheetData");
      const open = at < 0 ? -1 : text.indexOf(">", at);
      if (open < 0) {
        this.carry = at < 0 ? text.slice(Math.max(0, text.length - 16)) : text.slice(at);
        return;
      }
      this.phase = text.charCodeAt(open - 1) === 47 ? Phase.AfterData : Phase.InData;
      pos = open + 1;
    }
    if (this.phase === Phase.InData) {
      const end = text.indexOf("</sheetData>", pos);
      if (end >= 0) {
        this.scanRows(text, pos, end);
        this.phase = Phase.AfterData;
        pos = end + 12;
      } else {
        const cut = text.lastIndexOf("</row>");
        if (cut >= pos) {
          this.scanRows(text, pos, cut + 6);
          pos = cut + 6;
        }
        this.carry = text.slice(pos);
        return;
      }
    }
    // After the rows: only merged areas matter.
    text = text.slice(pos);
    const lastOpen = text.lastIndexOf("<");
    const complete = lastOpen >= 0 && text.indexOf(">", lastOpen) < 0 ? lastOpen : text.length;
    for (const tag of startTags(text, "mergeCell", 0, complete)) {
      const ref = attribute(tag, "ref");
      if (ref) this.merges.push(ref);
    }
    this.carry = text.slice(complete);
  }

  /** The used range, as `readUsedRange` of the ExcelJS workbook gives it. */
  finish(): UsedRange {
    if (this.phase !== Phase.AfterData) throw new Error("Bladets data tar slut mitt i (filen är skadad).");
    if (this.merges.length > 0) this.applyMerges();
    if (this.bottom < 0) return { topLeft: "A1", values: [] };
    const width = this.right - this.left + 1;
    const values: Grid = new Array(this.bottom - this.top + 1);
    for (let r = this.top; r <= this.bottom; r++) {
      let line = this.rows[r];
      if (line === undefined) line = [];
      else if (this.left > 0) line = line.slice(this.left, this.right + 1);
      else if (line.length > width) line.length = width;
      while (line.length < width) line.push(null);
      values[r - this.top] = line;
    }
    return { topLeft: a1(this.top, this.left), values };
  }

  private scanRows(s: string, from: number, to: number): void {
    let i = s.indexOf("<", from);
    while (i >= 0 && i < to) {
      const c1 = s.charCodeAt(i + 1);
      if (c1 === 99 && isNameEnd(s.charCodeAt(i + 2))) i = this.cell(s, i);
      else if (c1 === 114 && s.charCodeAt(i + 2) === 111 && s.charCodeAt(i + 3) === 119 && isNameEnd(s.charCodeAt(i + 4))) i = this.startRow(s, i);
      else if (c1 === 33 && s.startsWith("<!--", i)) i = s.indexOf("-->", i) + 3;
      else i = s.indexOf(">", i) + 1;
      i = s.indexOf("<", i);
    }
  }

  private startRow(s: string, i: number): number {
    const end = s.indexOf(">", i);
    const r = attributeValue(s, i + 4, end, 114);
    const n = r < 0 ? NaN : smallInteger(s, r, s.indexOf(s[r - 1], r));
    this.row = Number.isNaN(n) ? this.row + 1 : n - 1;
    this.previousCol = -1;
    return end + 1;
  }

  /** Reads one `<c …>…</c>` (or `<c …/>`) at `i`; returns the position after it. */
  private cell(s: string, i: number): number {
    const tagEnd = s.indexOf(">", i);
    let col = -1;
    let type = CellType.Number;
    let style = 0;
    for (let p = i + 2; p < tagEnd;) {
      const ch = s.charCodeAt(p);
      if (ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 47) {
        p++;
        continue;
      }
      const eq = s.indexOf("=", p);
      if (eq < 0 || eq > tagEnd) break;
      let q = eq + 1;
      while (s.charCodeAt(q) === 32) q++;
      const valueEnd = s.indexOf(s[q], q + 1);
      if (eq - p === 1 || s.charCodeAt(p + 1) === 32) {
        const name = s.charCodeAt(p);
        if (name === 114) {
          // Column letters of the address (its row is the row's).
          let n = 0;
          for (let k = q + 1; k < valueEnd; k++) {
            const letter = s.charCodeAt(k) | 32; // lower case
            if (letter < 97 || letter > 122) break;
            n = n * 26 + letter - 96;
          }
          if (n > 0) col = n - 1;
        } else if (name === 116) type = cellType(s, q + 1, valueEnd);
        else if (name === 115) style = Number.parseInt(s.slice(q + 1, valueEnd), 10) || 0;
      }
      p = valueEnd + 1;
    }
    if (col < 0) col = this.previousCol + 1;
    if (s.charCodeAt(tagEnd - 1) === 47) {
      if (style) this.previousCol = col;
      return tagEnd + 1;
    }
    const close = s.indexOf("</c>", tagEnd);
    let value: CellValue | undefined;
    // The common case: <c …><v>text</v></c>.
    if (s.charCodeAt(tagEnd + 1) === 60 && s.charCodeAt(tagEnd + 2) === 118 && s.charCodeAt(tagEnd + 3) === 62 && s.indexOf("<", tagEnd + 4) === close - 4) {
      const from = tagEnd + 4;
      const to = close - 4;
      if (from === to) {
        if (style) this.previousCol = col;
        return close + 4;
      }
      if (type === CellType.Shared) {
        let index = smallInteger(s, from, to);
        if (Number.isNaN(index)) index = Number.parseInt(xmlText(s.slice(from, to)), 10);
        value = this.context.strings[index] ?? null;
      } else if (type === CellType.Number) value = this.number(s, from, to, style);
      else value = this.typed(type, xmlText(s.slice(from, to)), style);
    } else value = this.complexCell(s, tagEnd + 1, close, type, style);
    if (value !== undefined) this.previousCol = col;
    else if (style) this.previousCol = col;
    if (value !== undefined && value !== null && value !== "") this.set(col, value);
    return close + 4;
  }

  private number(s: string, from: number, to: number, style: number): number | Date {
    let n = smallInteger(s, from, to);
    if (Number.isNaN(n)) n = Number.parseFloat(xmlText(s.slice(from, to)));
    return this.context.dateStyles[style] === true ? this.date(n) : n;
  }

  private date(serial: number): Date {
    let date = this.dates.get(serial);
    if (date === undefined) {
      date = new Date(Math.round((serial - 25569 + (this.context.date1904 ? 1462 : 0)) * MS_PER_DAY));
      if (this.dates.size < MAX_CACHED_DATES) this.dates.set(serial, date);
    }
    return date;
  }

  /** A value given as text (`<v>`, or an inline string) and the cell's type, as ExcelJS types it. */
  private typed(type: CellType, text: string, style: number): CellValue {
    switch (type) {
      case CellType.Shared:
        return this.context.strings[Number.parseInt(text, 10)] ?? null;
      case CellType.Str:
        return decodeAgain(text);
      case CellType.Inline:
        return text;
      case CellType.Bool:
        return Number.parseInt(text, 10) !== 0;
      case CellType.Error:
        return null;
      default: {
        const n = Number.parseFloat(text);
        return this.context.dateStyles[style] === true ? this.date(n) : n;
      }
    }
  }

  /**
   * Any other cell: a formula (its cached result counts), an inline string (plain or rich), or a value split by
   * comments. Undefined when the cell has no value at all.
   */
  private complexCell(s: string, from: number, to: number, type: CellType, style: number): CellValue | undefined {
    let formula = false;
    let text: string | undefined;
    for (let i = s.indexOf("<", from); i >= 0 && i < to; i = s.indexOf("<", i)) {
      const end = s.indexOf(">", i);
      const selfClosing = s.charCodeAt(end - 1) === 47;
      const c1 = s.charCodeAt(i + 1);
      const c2 = s.charCodeAt(i + 2);
      if (c1 === 102 && isNameEnd(c2)) {
        // <f>: a formula when it has text or a type (a shared formula's other cells have none)
        if (attributeValue(s, i + 2, end, 116) >= 0) formula = true;
        if (selfClosing) {
          i = end + 1;
          continue;
        }
        const close = s.indexOf("</f>", end);
        if (close > end + 1) formula = true;
        i = close + 4;
      } else if (c1 === 118 && isNameEnd(c2)) {
        if (selfClosing) {
          i = end + 1;
          continue;
        }
        const close = s.indexOf("</v>", end);
        if (close > end + 1) text = (text ?? "") + xmlText(s.slice(end + 1, close));
        i = close + 4;
      } else if (c1 === 105 && c2 === 115 && isNameEnd(s.charCodeAt(i + 3))) {
        if (selfClosing) {
          i = end + 1;
          continue;
        }
        const close = s.indexOf("</is>", end);
        let body = s.slice(end + 1, close);
        if (body.includes("<rPh")) body = body.replace(/<rPh[\s>][\s\S]*?<\/rPh>/g, "");
        const rich = body.includes("<r>") || body.includes("<r ");
        const texts = textsOf(body, 0, body.length);
        const joined = rich ? texts.map(ooxmlUnescape).join("") : texts.join("");
        if (rich || joined !== "") text = (text ?? "") + joined;
        i = close + 5;
      } else i = end + 1;
    }
    if (formula) {
      if (!text) return null;
      if (type === CellType.Str) return decodeAgain(text);
      if (type === CellType.Bool) return Number.parseInt(text, 10) !== 0;
      if (type === CellType.Error) return null;
      return this.typed(CellType.Number, text, style);
    }
    if (text === undefined) return undefined;
    return this.typed(type, text, style);
  }

  private set(col: number, value: CellValue): void {
    const r = this.row;
    let line = this.rows[r];
    if (line === undefined) {
      line = [];
      this.rows[r] = line;
    }
    if (col === line.length) line.push(value);
    else if (col < line.length) line[col] = value;
    else {
      while (line.length < col) line.push(null);
      line.push(value);
    }
    if (r < this.top) this.top = r;
    if (r > this.bottom) this.bottom = r;
    if (col < this.left) this.left = col;
    if (col > this.right) this.right = col;
  }

  /** Each cell of a merged area shows the value of its top-left cell (an empty one empties the area). */
  private applyMerges(): void {
    for (const ref of this.merges) {
      const [from, to] = ref.split(":");
      if (!from || !to) continue;
      const start = cellOf(from);
      const end = cellOf(to);
      const master = this.rows[start.row]?.[start.col] ?? null;
      for (let r = start.row; r <= end.row; r++) {
        for (let c = start.col; c <= end.col; c++) {
          if (r === start.row && c === start.col) continue;
          if (master !== null) {
            this.row = r;
            this.set(c, master);
          } else {
            const line = this.rows[r];
            if (line !== undefined && c < line.length) line[c] = null;
          }
        }
      }
    }
    // Emptied cells may shrink the used range: measure it again.
    this.top = Infinity;
    this.bottom = -1;
    this.left = Infinity;
    this.right = -1;
    this.rows.forEach((line, r) => {
      for (let c = 0; c < line.length; c++) {
        if (line[c] === null) continue;
        if (r < this.top) this.top = r;
        if (r > this.bottom) this.bottom = r;
        if (c < this.left) this.left = c;
        if (c > this.right) this.right = c;
      }
    });
  }
}

function cellOf(address: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  return m ? { row: Number(m[2]) - 1, col: columnIndex(m[1]) } : { row: -1, col: -1 };
}

/** Start of the value of the one-letter attribute `name` (a char code) in s[from, to), or -1. */
function attributeValue(s: string, from: number, to: number, name: number): number {
  for (let p = from; p < to; p++) {
    if (s.charCodeAt(p) !== name || !isNameEnd(s.charCodeAt(p - 1))) continue;
    let q = p + 1;
    while (s.charCodeAt(q) === 32) q++;
    if (s.charCodeAt(q) !== 61) continue;
    q++;
    while (s.charCodeAt(q) === 32) q++;
    const quote = s.charCodeAt(q);
    if (quote === 34 || quote === 39) return q + 1;
  }
  return -1;
}

function cellType(s: string, from: number, to: number): CellType {
  const first = s.charCodeAt(from);
  const length = to - from;
  if (length === 1) return first === 115 ? CellType.Shared : first === 98 ? CellType.Bool : first === 101 ? CellType.Error : CellType.Number;
  if (length === 3 && s.startsWith("str", from)) return CellType.Str;
  if (length === 9 && s.startsWith("inlineStr", from)) return CellType.Inline;
  return CellType.Number;
}
