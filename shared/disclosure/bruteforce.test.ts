import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { auditPattern } from "./audit";
import { bruteForceBounds } from "./bruteforce";
import { highsSolver } from "./highs";
import { countOnceConstraints } from "./model";
import type { LpSolver } from "./lp";
import { resolveRule } from "./rule";
import { gridModel, patternOf } from "./tables";

let solver: LpSolver;
beforeAll(async () => {
  solver = await highsSolver();
});

describe("LP bounds against brute-force enumeration", () => {
  it("agree on tiny two-way tables (whose margins make the LP's vertices integral)", async () => {
    const tiny = fc.record({
      values: fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 2 }), { minLength: 2, maxLength: 3 }),
      hide: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      zerosPublished: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(tiny, async ({ values, hide, zerosPublished }) => {
        const model = gridModel(values);
        const leafIds = values.flatMap((row, i) => row.map((_, j) => `r${i}c${j}`));
        const suppressed = leafIds.filter((id, k) => hide[k] && (!zerosPublished || values[+id[1]][+id[3]] > 0));
        fc.pre(suppressed.length > 0);
        const pattern = patternOf(model, suppressed);
        const rule = resolveRule({ zerosPublished, checkImplied: false });
        const lp = await auditPattern(model, pattern, { solver, rule, exact: true });
        const exact = bruteForceBounds(model, pattern, rule);
        for (const id of suppressed) {
          expect(lp.bounds.get(id)).toEqual(exact.get(id));
        }
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it("the LP interval contains the integer one under a count-once constraint", async () => {
    const model = {
      inner: [
        { id: "police", count: 2 },
        { id: "rescue", count: 3 },
        { id: "once", count: 4 },
      ],
      cells: [
        { id: "police", inner: ["police"] },
        { id: "rescue", inner: ["rescue"] },
        { id: "once", inner: ["once"] },
        { id: "all", inner: ["police", "rescue", "once"] },
      ],
      // Fires counted once lie between the larger partner count and the sum of both.
      constraints: countOnceConstraints([{ id: "fires", once: "once", partners: ["police", "rescue"] }]),
    };
    const pattern = patternOf(model, ["police", "rescue", "once"]);
    const rule = resolveRule();
    const lp = await auditPattern(model, pattern, { solver, rule, exact: true });
    const exact = bruteForceBounds(model, pattern, rule);
    for (const id of ["police", "rescue", "once"]) {
      expect(lp.bounds.get(id)!.min).toBeLessThanOrEqual(exact.get(id)!.min + 1e-9);
      expect(lp.bounds.get(id)!.max).toBeGreaterThanOrEqual(exact.get(id)!.max - 1e-9);
    }
  });
});
