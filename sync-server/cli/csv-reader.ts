// Reads a partner's CSV export into a grid for the shared pipeline: detects the encoding (UTF-8 with or without
// BOM, UTF-16 with BOM, otherwise Windows-1252) and the separator (`;`, `,`, tab or `|`), and honours quoted fields
// (a quoted field may hold separators, doubled quotes and line breaks). Every cell is text, or null when empty:
// the shared parsers read dates, times and numbers from text (ISO dates, decimal comma) as they do from Excel.
import iconv from "iconv-lite";
import { csvRecords } from "../../shared/areas/csv";
import type { Grid } from "../../shared/protocol/workbook";

export type CsvEncoding = "utf-8" | "utf-16le" | "windows-1252";
export type CsvSeparator = ";" | "," | "\t" | "|";

export interface CsvRead {
  grid: Grid;
  encoding: CsvEncoding;
  separator: CsvSeparator;
}

const SEPARATORS: readonly CsvSeparator[] = [";", "\t", ",", "|"];

/** The text of the file's bytes and the encoding it was read in. */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not valid UTF-8: Swedish Excel on Windows saves "CSV (semikolonavgränsad)" in Windows-1252.
    return { text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "win1252"), encoding: "windows-1252" };
  }
}

/** Occurrences of the separator outside quotes on each of the first lines. */
function counts(text: string, separator: CsvSeparator, lines: number): number[] {
  const result: number[] = [];
  let count = 0;
  let quoted = false;
  for (let i = 0; i < text.length && result.length < lines; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === separator) count++;
    else if (!quoted && ch === "\n") {
      result.push(count);
      count = 0;
    }
  }
  if (result.length < lines && count > 0) result.push(count);
  return result;
}

/**
 * The separator that splits the first lines most consistently: present on the first line (the header), and on
 * most of the following lines as often as there. Ties go to `;` (Swedish Excel's choice), then tab, `,`, `|`.
 */
export function detectSeparator(text: string): CsvSeparator {
  let best: CsvSeparator = ";";
  let bestScore = -1;
  for (const sep of SEPARATORS) {
    const c = counts(text, sep, 20);
    if (c.length === 0 || c[0] === 0) continue;
    const same = c.filter((x) => x === c[0]).length / c.length;
    const score = same * 1000 + c[0];
    if (score > bestScore) {
      best = sep;
      bestScore = score;
    }
  }
  return best;
}

/** A CSV file's bytes as a grid of text cells (empty → null), with trailing empty rows dropped. */
export function readCsvGrid(bytes: Uint8Array): CsvRead {
  const { text, encoding } = decodeCsvBytes(bytes);
  const separator = detectSeparator(text);
  const rows = csvRecords(text, separator).map((r) => r.fields);
  while (rows.length > 0 && rows[rows.length - 1].every((f) => f.trim() === "")) rows.pop();
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const grid: Grid = rows.map((r) => {
    const line = r.map((f) => (f.trim() === "" ? null : f));
    while (line.length < width) line.push(null);
    return line;
  });
  return { grid, encoding, separator };
}
