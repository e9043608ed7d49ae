import { beforeAll, describe, expect, it } from "vitest";
import { auditPattern } from "./audit";
import { highsSolver } from "./highs";
import type { LpSolver } from "./lp";
import { compileModel, type CellStatus } from "./model";
import { pruneSecondaries } from "./prune";
import { protectTables } from "./protect";
import { resolveRule } from "./rule";
import { gridModel, productModel } from "./tables";

const rule = resolveRule();
let solver: LpSolver;
beforeAll(async () => {
  solver = await highsSolver();
});

function compiled(model: Parameters<typeof compileModel>[0]) {
  const m = compileModel(model);
  if (!m.ok) throw new Error("bad model");
  return m.value;
}

describe("pruneSecondaries", () => {
  // A 4×4 grid with one small cell at r0c0: a rectangle with r0c1, r1c0, r1c1 protects it. A second rectangle
  // (r2c2, r2c3, r3c2, r3c3) suppressed on top protects nothing and must be published again.
  const model = gridModel([
    [1, 5, 6, 7],
    [5, 6, 7, 8],
    [6, 7, 8, 9],
    [7, 8, 9, 10],
  ]);
  const m = compiled(model);
  const idx = (id: string): number => m.cellIndex.get(id)!;
  const needed = ["r0c1", "r1c0", "r1c1"];
  const extra = ["r2c2", "r2c3", "r3c2", "r3c3"];
  const start = (): CellStatus[] =>
    m.cells.map((c) => (c.ids[0] === "r0c0" ? "primary" : needed.includes(c.ids[0]) || extra.includes(c.ids[0]) ? "secondary" : "published"));

  it("publishes again the secondaries that protect nothing and keeps the ones that do", async () => {
    const status = start();
    const result = await pruneSecondaries({
      model,
      m,
      status,
      candidates: [...needed, ...extra].map(idx),
      audit: { solver, rule },
      maxProbes: 100,
    });
    expect(result.published.map((k) => m.cells[k].ids[0]).sort()).toEqual([...extra].sort());
    for (const id of needed) expect(status[idx(id)]).toBe("secondary");
    const pattern = new Map(m.cells.map((c, k) => [c.ids[0], status[k]] as const));
    expect((await auditPattern(model, pattern, { solver, rule, exact: true })).ok).toBe(true);
  });

  it("stops at its probe budget, leaving the rest suppressed", async () => {
    const status = start();
    const result = await pruneSecondaries({ model, m, status, candidates: [...needed, ...extra].map(idx), audit: { solver, rule }, maxProbes: 1 });
    expect(result.probes).toBe(1);
    expect(result.published).toEqual([]);
    expect(status.filter((s) => s === "secondary")).toHaveLength(7);
  });
});

describe("protectTables with pruning", () => {
  // Leaf areas 0–5 in districts {0,1,2} and {3,4,5}; half-months 0–3 in months {0,1} and {2,3}.
  // Dense small counts: the lean loop needs a second round, whose complements make two earlier ones unnecessary.
  const counts = [
    [4, 8, 6, 8],
    [2, 1, 3, 3],
    [2, 7, 3, 5],
    [2, 2, 1, 7],
    [7, 7, 1, 2],
    [4, 4, 6, 1],
  ];
  const model = productModel(counts, [[0, 1, 2], [3, 4, 5]], [[0, 1], [2, 3]]);

  it("publishes secondaries again that later rounds made unnecessary, passes the audit, and is deterministic", async () => {
    const without = await protectTables(model, { solver, rule }, { pruneProbes: 0 });
    const withPruning = await protectTables(model, { solver, rule });
    const again = await protectTables(model, { solver, rule });
    expect(without.audit.ok).toBe(true);
    expect(withPruning.audit.ok).toBe(true);
    expect(withPruning.secondaryCount).toBe(without.secondaryCount - withPruning.pruned);
    expect(withPruning.pruned).toBeGreaterThan(0);
    expect([...again.status]).toEqual([...withPruning.status]);
    expect((await auditPattern(model, withPruning.status, { solver, rule, exact: true })).ok).toBe(true);
  });
});
