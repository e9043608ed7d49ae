import { beforeAll, describe, expect, it } from "vitest";
import { auditPattern } from "./audit";
import { highsSolver } from "./highs";
import type { LpSolver } from "./lp";
import { compileModel } from "./model";
import { openPathFinder } from "./paths";
import { isPrimaryCount } from "./primary";
import { protectTables } from "./protect";
import { resolveRule } from "./rule";
import { PRIMARY, PUBLISHED } from "./suppress";
import { gridModel, productModel } from "./tables";

let solver: LpSolver;
beforeAll(async () => {
  solver = await highsSolver();
});

const suppressed = (status: Map<string, string>, kind: string): string[] =>
  [...status].filter(([, s]) => s === kind).map(([id]) => id).sort();

describe("complements from the attacker's LP (paths)", () => {
  it("lets two small cells on a diagonal share their complements: two secondaries for two primaries", async () => {
    const rule = resolveRule({ threshold: 3, minWidth: 2, protectEverySuppressed: true });
    const model = gridModel([
      [1, 5, 6],
      [5, 1, 7],
      [6, 7, 8],
    ]);
    const result = await protectTables(model, { solver, rule }, { complements: "paths" });
    expect(result.audit.ok).toBe(true);
    expect(suppressed(result.status, "primary")).toEqual(["r0c0", "r1c1"]);
    // The other two corners of the rectangle: each 1 can reach 3 while they give up 2, and they are 3 to 5 wide.
    expect(suppressed(result.status, "secondary")).toEqual(["r0c1", "r1c0"]);
    expect(result.status.get("r0")).toBe("published");
    expect(result.status.get("c0")).toBe("published");
  });

  it("protects a two-axis round with hierarchies for the outsider and an insider, the same pattern every time", async () => {
    const rule = resolveRule({ threshold: 3, minWidth: 2, protectEverySuppressed: true });
    const counts = [
      [4, 1, 6, 5, 2, 7],
      [3, 8, 2, 6, 5, 4],
      [6, 5, 7, 1, 9, 3],
      [2, 6, 4, 8, 6, 1],
    ];
    const model = productModel(counts, [[0, 1], [2, 3]], [[0, 1, 2], [3, 4, 5]]);
    // An insider who knows the cells of leaf area 0 (its own rows).
    const insider = {
      id: "org",
      knows: model.cells.filter((c) => c.inner.every((i) => i.startsWith("x0_"))).map((c) => c.id),
      own: model.inner.filter((i) => i.id.startsWith("x0_")).map((i) => i.id),
    };
    const options = { solver, rule, insiders: [insider] };
    const paths = await protectTables(model, options, { complements: "paths" });
    const again = await protectTables(model, options, { complements: "paths" });
    expect(paths.audit.ok).toBe(true);
    expect((await auditPattern(model, paths.status, { ...options, exact: true })).ok).toBe(true);
    expect([...again.status]).toEqual([...paths.status]);
    expect(paths.primaryCount).toBe(6);
    expect(paths.secondaryCount).toBeGreaterThan(0);
  });
});

describe("localised LPs (a district's part first, the whole sub-model only when that gives no room)", () => {
  // Seven districts of two leaf areas, four leaf periods in two quarters; the municipality totals are never suppressed.
  // District G0 holds a small cell at P0 (1, beside a zero); G1 and G2 are zero at P0 but each holds two small cells
  // (suppressed: the partners with the most of them are tried first); only G3 (one small cell) has room at P0 (G4 to
  // G6 are zero there). A group of three districts is less than half the sub-model, so it gets an LP of its own.
  const counts = [
    [1, 5, 6, 7],
    [0, 6, 5, 8],
    [0, 7, 1, 6],
    [0, 5, 8, 2],
    [0, 6, 7, 2],
    [0, 8, 1, 6],
    [6, 5, 7, 1],
    [7, 6, 8, 9],
    [0, 6, 7, 8],
    [0, 7, 6, 9],
    [0, 8, 9, 6],
    [0, 9, 8, 7],
    [0, 6, 9, 8],
    [0, 7, 8, 6],
  ];
  const model = productModel(
    counts,
    [
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 7],
      [8, 9],
      [10, 11],
      [12, 13],
    ],
    [
      [0, 1],
      [2, 3],
    ],
  );
  const rule = resolveRule({ threshold: 3, minWidth: 2, protectEverySuppressed: true });
  const compiled = compileModel(model);
  if (!compiled.ok) throw new Error("the test model does not compile");
  const m = compiled.value;
  const fixed = Uint8Array.from(m.cells, (c) => (c.neverSuppress || c.value === 0 ? 1 : 0));
  const primaries = (): Uint8Array => Uint8Array.from(m.cells, (c) => (isPrimaryCount(c.value, rule.threshold) ? PRIMARY : PUBLISHED));
  const quantity = (cell: string) => {
    const c = m.cells[m.cellIndex.get(cell)!];
    return { inner: c.inner, value: c.value, goal: rule.threshold };
  };
  const ids = (cells: number[]) => cells.map((k) => m.cells[k].ids[0]);
  const finder = (localise: boolean) => openPathFinder(m, fixed, [], rule, solver, { localise });

  it("finds the whole sub-model's point inside a district that has room, without a fallback", () => {
    const q = quantity("a:A6|p:P3");
    const local = finder(true).complements([q], primaries());
    const whole = finder(false).complements([q], primaries());
    expect(local.fallbacks).toBe(0);
    expect(local.stuck).toBe(0);
    expect(ids(local.cells)).toEqual(ids(whole.cells));
    // A rectangle inside the district: nothing of another district, no district total.
    expect(ids(local.cells).every((id) => /^a:A[67]\|/.test(id))).toBe(true);
  });

  it("falls back to the whole sub-model when neither the district nor its partners give room, and finds its point", () => {
    const q = quantity("a:A0|p:P0");
    const local = finder(true).complements([q], primaries());
    const whole = finder(false).complements([q], primaries());
    expect(local.fallbacks).toBe(1);
    expect(local.stuck).toBe(0);
    expect(ids(local.cells)).toEqual(ids(whole.cells));
    // The room comes from G3 (the only district with room at P0).
    expect(ids(local.cells).some((id) => id.startsWith("a:G3|p:P0"))).toBe(true);
  });

  it("chooses the same complements every time, and they let the audit pass as without localisation", async () => {
    const quantities = ["a:A0|p:P0", "a:A2|p:P2", "a:A5|p:P2", "a:A6|p:P3"].map(quantity);
    const first = finder(true).complements(quantities, primaries());
    const again = finder(true).complements(quantities, primaries());
    expect(again).toEqual(first);
    const options = { solver, rule };
    const local = await protectTables(model, options, { complements: "paths" });
    const whole = await protectTables(model, options, { complements: "paths", localPaths: false });
    const localAgain = await protectTables(model, options, { complements: "paths" });
    expect(local.audit.ok).toBe(true);
    expect(whole.audit.ok).toBe(true);
    expect([...localAgain.status]).toEqual([...local.status]);
    expect((await auditPattern(model, local.status, { ...options, exact: true })).ok).toBe(true);
  });
});
