// A1 addresses: column letters and 1-based rows.

export function columnLetter(index: number): string {
  // index is 0-based: 0 → A, 25 → Z, 26 → AA
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0-based row and column → "B7". */
export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

export function parseA1(address: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) throw new Error(`Invalid A1 address: ${address}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

/** Offsets an A1 address by rows and columns. */
export function offsetA1(address: string, rows: number, cols: number): string {
  const p = parseA1(address);
  return a1(p.row + rows, p.col + cols);
}

/** "A1" + size → "A1:C10". */
export function rangeA1(topLeft: string, rowCount: number, colCount: number): string {
  return `${topLeft}:${offsetA1(topLeft, Math.max(rowCount, 1) - 1, Math.max(colCount, 1) - 1)}`;
}
