// Small cover models for tests, examples and property tests: a row with its total, and a two-way table with margins.
import type { CoverModel, PublishedCell } from "./model";

/** Cells `c0…c(n-1)` and `total`; inner cells `i0…`. */
export function rowModel(values: readonly number[]): CoverModel {
  const inner = values.map((count, k) => ({ id: `i${k}`, count }));
  const cells: PublishedCell[] = values.map((_, k) => ({ id: `c${k}`, inner: [`i${k}`] }));
  cells.push({ id: "total", inner: inner.map((c) => c.id), neverSuppress: true });
  return { inner, cells };
}

/** Cells `r{i}c{j}`, row totals `r{i}`, column totals `c{j}` and `total`; inner cells `x{i}_{j}`. */
export function gridModel(values: readonly (readonly number[])[]): CoverModel {
  const inner = values.flatMap((row, i) => row.map((count, j) => ({ id: `x${i}_${j}`, count })));
  const cells: PublishedCell[] = [];
  values.forEach((row, i) => row.forEach((_, j) => cells.push({ id: `r${i}c${j}`, inner: [`x${i}_${j}`] })));
  values.forEach((row, i) => cells.push({ id: `r${i}`, inner: row.map((_, j) => `x${i}_${j}`) }));
  values[0].forEach((_, j) => cells.push({ id: `c${j}`, inner: values.map((_, i) => `x${i}_${j}`) }));
  cells.push({ id: "total", inner: inner.map((c) => c.id), neverSuppress: true });
  return { inner, cells };
}

/** A pattern: every cell published except the listed ones (suppressed as "primary"). */
export function patternOf(model: CoverModel, suppressed: readonly string[]): Map<string, "published" | "primary"> {
  const out = new Map<string, "published" | "primary">();
  for (const c of model.cells) out.set(c.id, suppressed.includes(c.id) ? "primary" : "published");
  return out;
}

/**
 * A two-axis cover like a delivery round: leaf areas grouped into districts and a municipality total, leaf periods
 * grouped into parents and a whole. Cells `a:<area>|p:<period>` for every level pair; the municipality totals are never suppressed.
 * `counts[a][p]` is the count of leaf area a in leaf period p.
 */
export function productModel(counts: readonly (readonly number[])[], areaGroups: readonly number[][], periodGroups: readonly number[][]): CoverModel {
  const nA = counts.length;
  const nP = counts[0].length;
  const inner = counts.flatMap((row, a) => row.map((count, p) => ({ id: `x${a}_${p}`, count })));
  const areaSets: { id: string; members: number[]; total: boolean }[] = [
    ...Array.from({ length: nA }, (_, a) => ({ id: `A${a}`, members: [a], total: false })),
    ...areaGroups.map((g, k) => ({ id: `G${k}`, members: g, total: false })),
    { id: "ALL", members: Array.from({ length: nA }, (_, a) => a), total: true },
  ];
  const periodSets: { id: string; members: number[] }[] = [
    ...Array.from({ length: nP }, (_, p) => ({ id: `P${p}`, members: [p] })),
    ...periodGroups.map((g, k) => ({ id: `Q${k}`, members: g })),
    { id: "YEAR", members: Array.from({ length: nP }, (_, p) => p) },
  ];
  const cells: PublishedCell[] = [];
  for (const area of areaSets) {
    for (const period of periodSets) {
      cells.push({
        id: `a:${area.id}|p:${period.id}`,
        inner: area.members.flatMap((a) => period.members.map((p) => `x${a}_${p}`)),
        neverSuppress: area.total,
      });
    }
  }
  return { inner, cells };
}
