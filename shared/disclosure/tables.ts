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
