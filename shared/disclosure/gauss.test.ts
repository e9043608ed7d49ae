import { describe, expect, it } from "vitest";
import { gaussSecondary, type GaussInput } from "./gauss";
import { compileModel, type CompiledModel, type CoverModel } from "./model";
import { resolveRule } from "./rule";
import { gridModel, productModel, rowModel } from "./tables";

function compiled(model: CoverModel): CompiledModel {
  const r = compileModel(model);
  if (!r.ok) throw new Error("bad model");
  return r.value;
}

/** The elimination's input with the small cells (1 ≤ n < 3) hidden and sensitive, totals and zeros forced. */
function inputFor(m: CompiledModel): GaussInput {
  const small = Uint8Array.from(m.cells, (c) => (c.value >= 1 && c.value < 3 ? 1 : 0));
  return {
    m,
    hidden: small,
    forced: Uint8Array.from(m.cells, (c) => (c.neverSuppress || c.value === 0 ? 1 : 0)),
    target: small,
    knownSums: [],
    extraTargets: [],
    refineRows: [],
    rule: resolveRule(),
  };
}

function run(model: CoverModel, options: Partial<GaussInput> = {}): { m: CompiledModel; secondary: string[] } {
  const m = compiled(model);
  const r = gaussSecondary({ ...inputFor(m), ...options });
  return { m, secondary: r.secondary.map((k) => m.cells[k].ids[0]) };
}

describe("gaussSecondary", () => {
  it("hides the smallest sibling of a lone small cell in a row", () => {
    expect(run(rowModel([5, 1, 6, 9])).secondary).toEqual(["c0"]);
  });

  it("publishes everything when two small cells already hide each other", () => {
    expect(run(rowModel([5, 1, 2, 9])).secondary).toEqual([]);
  });

  it("closes a rectangle in a two-way table and never hides the total", () => {
    const { secondary } = run(
      gridModel([
        [1, 4, 7],
        [5, 3, 6],
        [8, 9, 12],
      ]),
    );
    // r0c0 is small: its row, its column and the cell across form the rectangle; the margins stay published.
    expect(secondary.sort()).toEqual(["r0c1", "r1c0", "r1c1"]);
  });

  it("makes the sensitive quantities independent when all are strict", () => {
    // Two small cells in one row: alone each is free, but together they are pinned by the rest; strict asks for one more.
    expect(run(rowModel([5, 1, 2, 9]), { allStrict: true }).secondary).toEqual(["c0"]);
  });

  it("leaves no sensitive cell in the span of the published ones and is deterministic", () => {
    const counts = [
      [6, 1, 5, 7],
      [2, 8, 5, 9],
      [7, 5, 6, 1],
    ];
    const model = productModel(counts, [[0, 1]], [
      [0, 1],
      [2, 3],
    ]);
    const first = run(model);
    expect(run(model).secondary).toEqual(first.secondary);
    // Check by brute force over the atoms: rank(published) < rank(published + sensitive cell) for each sensitive cell.
    const m = first.m;
    const hidden = new Set(first.secondary);
    const vectors = (pred: (k: number) => boolean): number[][] =>
      m.cells.flatMap((c, k) => (pred(k) ? [Array.from({ length: m.innerIds.length }, (_, i) => (c.inner.includes(i) ? 1 : 0))] : []));
    const small = (k: number): boolean => m.cells[k].value >= 1 && m.cells[k].value < 3;
    const published = vectors((k) => !small(k) && !hidden.has(m.cells[k].ids[0]));
    m.cells.forEach((c, k) => {
      if (!small(k)) return;
      const own = vectors((j) => j === k);
      expect(rank([...published, ...own])).toBe(rank(published) + 1);
    });
    for (const c of model.cells) if (c.neverSuppress) expect(first.secondary).not.toContain(c.id);
  });

  it("keeps a small cell undetermined for an insider that knows its own small cell", () => {
    const model = rowModel([5, 1, 2, 9]);
    const m = compiled(model);
    // Outside, c1 and c2 hide each other; the organisation behind c2 knows it, and would compute c1 from the total.
    const own = new Uint8Array(m.innerIds.length);
    own[m.innerIndex.get("i2")!] = 1;
    const insider = { knows: [m.cellIndex.get("c2")!], own };
    expect(run(model).secondary).toEqual([]);
    expect(run(model, { insiders: [insider] }).secondary).toEqual(["c0"]);
    // Symmetrically, the organisation behind c1 would compute c2.
    const own1 = new Uint8Array(m.innerIds.length);
    own1[m.innerIndex.get("i1")!] = 1;
    expect(run(model, { insiders: [{ knows: [m.cellIndex.get("c1")!], own: own1 }] }).secondary).toEqual(["c0"]);
  });

  it("reports the complements an insider could compute, and keeps them free for it when asked", () => {
    const model = gridModel([
      [1, 4, 7],
      [5, 3, 6],
      [8, 9, 12],
    ]);
    const m = compiled(model);
    const own = new Uint8Array(m.innerIds.length);
    own[m.innerIndex.get("x0_0")!] = 1;
    const insider = { knows: [m.cellIndex.get("r0c0")!], own };
    const input = inputFor(m);
    const small = input.target;
    // The rectangle protects r0c0 from outsiders, but the one who knows r0c0 computes every corner of it.
    const first = gaussSecondary({ ...input, insiders: [insider] });
    const name = (k: number): string => m.cells[k].ids[0];
    expect(first.secondary.map(name).sort()).toEqual(["r0c1", "r1c0", "r1c1"]);
    expect(first.pinned[0].map(name).sort()).toEqual(["r0c1", "r1c0", "r1c1"]);
    // Kept free for it, the next elimination opens more, and nothing suppressed is computable with r0c0 known.
    const second = gaussSecondary({ ...input, insiders: [{ ...insider, alsoFree: first.pinned[0] }] });
    expect(second.pinned[0]).toEqual([]);
    expect(second.secondary.length).toBeGreaterThan(3);
    const hidden = new Set([...second.secondary, ...m.cells.flatMap((_, k) => (small[k] ? [k] : []))]);
    const vector = (k: number): number[] => Array.from({ length: m.innerIds.length }, (_, i) => (m.cells[k].inner.includes(i) ? 1 : 0));
    const known = [...m.cells.flatMap((_, k) => (hidden.has(k) ? [] : [vector(k)])), vector(m.cellIndex.get("r0c0")!)];
    for (const k of hidden) if (name(k) !== "r0c0") expect(rank([...known, vector(k)])).toBe(rank(known) + 1);
  });
});

function rank(rows: number[][]): number {
  const a = rows.map((r) => r.slice());
  let r = 0;
  const cols = a[0]?.length ?? 0;
  for (let c = 0; c < cols && r < a.length; c++) {
    let p = -1;
    for (let i = r; i < a.length; i++) if (Math.abs(a[i][c]) > 1e-9) p = p < 0 ? i : p;
    if (p < 0) continue;
    [a[r], a[p]] = [a[p], a[r]];
    for (let i = 0; i < a.length; i++) {
      if (i === r) continue;
      const f = a[i][c] / a[r][c];
      if (f !== 0) for (let j = c; j < cols; j++) a[i][j] -= f * a[r][j];
    }
    r++;
  }
  return r;
}
