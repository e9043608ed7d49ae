import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { auditPattern } from "./audit";
import { highsSolver } from "./highs";
import type { LpSolver } from "./lp";
import { protectTables } from "./protect";
import { resolveRule } from "./rule";
import { productModel } from "./tables";

// The deliveries' reading: every suppressed cell wide.
const rule = resolveRule({ protectEverySuppressed: true });
let solver: LpSolver;
beforeAll(async () => {
  solver = await highsSolver();
});

const without = { complements: "paths" as const, localSearch: { singles: 0, moves: 0, lps: 0 } };
const withMoves = { complements: "paths" as const, localSearch: { singles: 0, moves: 100, lps: 100_000 } };
const withAll = { complements: "paths" as const, localSearch: { singles: 1000, moves: 100, lps: 100_000 } };

describe("localSearch (after pruning, with the LP paths)", () => {
  // Five leaf areas in two districts, four leaf periods in two halves: the LP paths and pruning leave a secondary that
  // one move replaces by fewer cells elsewhere.
  const model = productModel(
    [
      [4, 4, 5, 6],
      [2, 5, 5, 5],
      [4, 1, 1, 1],
      [5, 8, 6, 5],
      [8, 1, 1, 8],
    ],
    [
      [0, 1],
      [2, 3, 4],
    ],
    [
      [0, 1],
      [2, 3],
    ],
  );

  it("reduces the secondaries where a better pattern exists, and the independent audit passes", async () => {
    const before = await protectTables(model, { solver, rule }, without);
    const after = await protectTables(model, { solver, rule }, withMoves);
    expect(before.audit.ok).toBe(true);
    expect(after.primaryCount).toBe(before.primaryCount);
    expect(after.search!.kept).toBeGreaterThan(0);
    expect(after.secondaryCount).toBeLessThan(before.secondaryCount);
    expect(after.secondaryCount - before.secondaryCount).toBe(after.search!.change);
    const audit = await auditPattern(model, after.status, { solver, rule, exact: true });
    expect(audit.ok).toBe(true);
  });

  it("is deterministic", async () => {
    const a = await protectTables(model, { solver, rule }, withAll);
    const b = await protectTables(model, { solver, rule }, withAll);
    expect([...a.status]).toEqual([...b.status]);
    expect(a.search).toEqual(b.search);
  });

  it("never breaks the audit and never adds suppressions", async () => {
    const table = fc
      .tuple(fc.integer({ min: 4, max: 5 }), fc.integer({ min: 4, max: 5 }))
      .chain(([nA, nP]) =>
        fc.array(fc.array(fc.oneof(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 3, max: 10 }), fc.integer({ min: 3, max: 10 })), { minLength: nP, maxLength: nP }), {
          minLength: nA,
          maxLength: nA,
        }),
      );
    await fc.assert(
      fc.asyncProperty(table, async (counts) => {
        const nA = counts.length;
        const nP = counts[0].length;
        const half = (n: number): number[][] => [Array.from({ length: n >> 1 }, (_, k) => k), Array.from({ length: n - (n >> 1) }, (_, k) => k + (n >> 1))];
        const m = productModel(counts, half(nA), half(nP));
        const before = await protectTables(m, { solver, rule }, without);
        const after = await protectTables(m, { solver, rule }, withAll);
        if (!before.audit.ok) return;
        expect(after.secondaryCount).toBeLessThanOrEqual(before.secondaryCount);
        const audit = await auditPattern(m, after.status, { solver, rule, exact: true });
        expect(audit.ok).toBe(true);
      }),
      { numRuns: 12, seed: 16 },
    );
  });

  it("by default tries the secondaries on their own and makes no moves; it is off when asked", async () => {
    const result = await protectTables(model, { solver, rule }, { complements: "paths" });
    expect(result.search!.singles).toBeGreaterThan(0);
    expect(result.search!.moves).toBe(0);
    expect((await protectTables(model, { solver, rule }, without)).search).toBeUndefined();
  });
});
