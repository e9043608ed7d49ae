import { beforeAll, describe, expect, it } from "vitest";
import { auditPattern } from "./audit";
import { highsSolver } from "./highs";
import type { LpSolver } from "./lp";
import { protectTables } from "./protect";
import { resolveRule } from "./rule";
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
