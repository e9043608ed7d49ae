// Splits rows into chunks whose estimated request size stays under a byte budget (Excel's limit is 5 MB per
// request) and a cell count (large requests are slow even under the limit).
import { estimateRowBytes } from "./values";

export interface ChunkLimits {
  maxBytes: number;
  maxCells: number;
}

export const DEFAULT_LIMITS: ChunkLimits = { maxBytes: 4_000_000, maxCells: 200_000 };

/** [start, end) row index pairs. `extraBytesPerRow` covers what else each row sends (e.g. number formats). */
export function chunkRows(rows: readonly (readonly unknown[])[], limits: ChunkLimits, extraBytesPerRow = 0): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  let bytes = 0;
  let cells = 0;
  rows.forEach((row, i) => {
    const b = estimateRowBytes(row) + extraBytesPerRow;
    if (i > start && (bytes + b > limits.maxBytes || cells + row.length > limits.maxCells)) {
      out.push([start, i]);
      start = i;
      bytes = 0;
      cells = 0;
    }
    if (b > limits.maxBytes) throw new Error(`En rad är för stor för en begäran till Excel (${b} byte)`);
    bytes += b;
    cells += row.length;
  });
  if (start < rows.length) out.push([start, rows.length]);
  return out;
}
