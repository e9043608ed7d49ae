import { beforeAll, describe, expect, it } from "vitest";
import { auditPattern, openAuditProbe } from "./audit";
import { highsSolver } from "./highs";
import type { LpSolver } from "./lp";
import { compileModel, type CellStatus, type CoverModel } from "./model";
import { checkNesting } from "./nesting";
import { protectTables } from "./protect";
import { resolveRule } from "./rule";
import { gridModel, patternOf, productModel, rowModel } from "./tables";

const rule = resolveRule();
let solver: LpSolver;
beforeAll(async () => {
  solver = await highsSolver();
});

describe("auditPattern", () => {
  it("fails a single suppression in a row: the total gives it away", async () => {
    const model = rowModel([5, 1, 6]);
    const result = await auditPattern(model, patternOf(model, ["c1"]), { solver, rule });
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([expect.objectContaining({ cellId: "c1", kind: "cell", min: 1, max: 1 })]);
  });

  it("passes a 2×2 rectangle of suppressions", async () => {
    const model = gridModel([
      [1, 4, 7],
      [5, 3, 6],
      [8, 9, 2],
    ]);
    const pattern = patternOf(model, ["r0c0", "r0c1", "r1c0", "r1c1"]);
    const result = await auditPattern(model, pattern, { solver, rule, exact: true });
    expect(result.failures).toEqual([]);
    expect(result.ok).toBe(true);
    // The rectangle moves by t with 0 ≤ t ≤ 3: r0c0 ∈ [1, 4].
    expect(result.bounds.get("r0c0")).toEqual({ min: 1, max: 4 });
    expect(result.bounds.get("r1c0")).toEqual({ min: 2, max: 5 });
  });

  it("uses an offered witness only where it satisfies the audit's own rows", async () => {
    // The rectangle moves by t with 0 ≤ t ≤ 3; the point at t = 3 proves all four wide, so no LP is needed.
    const grid = gridModel([
      [1, 4, 7],
      [5, 3, 6],
      [8, 9, 2],
    ]);
    const rectangle = patternOf(grid, ["r0c0", "r0c1", "r1c0", "r1c1"]);
    const atThree = { inner: Int32Array.from(grid.inner.map((_, i) => i)), value: Float64Array.from([4, 1, 7, 2, 6, 6, 8, 9, 2]) };
    const alone = await auditPattern(grid, rectangle, { solver, rule });
    const helped = await auditPattern(grid, rectangle, { solver, rule }, [atThree]);
    expect(alone.ok).toBe(true);
    expect(alone.stats.lps).toBeGreaterThan(0);
    expect(helped.ok).toBe(true);
    expect(helped.stats.lps).toBe(0);
    // A point that breaks a published total, a negative one, or one naming unknown inner cells proves nothing: the
    // single suppression in a row still fails, pinned at 1.
    const model = rowModel([5, 1, 6]);
    const lies = [
      { inner: Int32Array.of(0, 1, 2), value: Float64Array.of(5, 4, 6) },
      { inner: Int32Array.of(0, 1, 2), value: Float64Array.of(9, 4, -1) },
      { inner: Int32Array.of(1, 7), value: Float64Array.of(4, 8) },
    ];
    const result = await auditPattern(model, patternOf(model, ["c1"]), { solver, rule }, lies);
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([expect.objectContaining({ cellId: "c1", kind: "cell", min: 1, max: 1 })]);
  });

  it("fails suppressed cells that sum to zero", async () => {
    const model = rowModel([0, 0, 5]);
    const pattern = patternOf(model, ["c0", "c1"]);
    const hidden = await auditPattern(model, pattern, { solver, rule: resolveRule({ zerosPublished: false }) });
    expect(hidden.ok).toBe(false);
    expect(hidden.failures.map((f) => [f.cellId, f.min, f.max])).toEqual([
      ["c0", 0, 0],
      ["c1", 0, 0],
    ]);
    // When zeros are published a suppressed zero breaks the rule the attacker relies on: refused.
    const published = await auditPattern(model, pattern, { solver, rule });
    expect(published.ok).toBe(false);
    expect(published.failures.filter((f) => f.kind === "suppressed-zero").map((f) => f.cellId)).toEqual(["c0", "c1"]);
  });

  it("fails two suppressed 1s summing to 2 when zeros are published (both pinned to 1)", async () => {
    const model = rowModel([1, 1, 6]);
    const result = await auditPattern(model, patternOf(model, ["c0", "c1"]), { solver, rule });
    expect(result.ok).toBe(false);
    expect(result.failures.map((f) => [f.cellId, f.min, f.max])).toEqual([
      ["c0", 1, 1],
      ["c1", 1, 1],
    ]);
    // Suppressing the third cell too leaves each 1 free in [1, 6].
    const wider = await auditPattern(model, patternOf(model, ["c0", "c1", "c2"]), { solver, rule, exact: true });
    expect(wider.ok).toBe(true);
    expect(wider.bounds.get("c0")).toEqual({ min: 1, max: 6 });
  });

  it("refuses a duplicate cell given a different status", async () => {
    const base = rowModel([5, 1, 6]);
    const model: CoverModel = { ...base, cells: [...base.cells, { id: "c1-again", inner: ["i1"] }] };
    const pattern = patternOf(model, ["c1", "c0"]);
    const result = await auditPattern(model, pattern, { solver, rule });
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([expect.objectContaining({ code: "status-mismatch" })]);
  });

  it("catches a period sliver: a two-week period and a half-month expose the day between them", async () => {
    const days = Array.from({ length: 31 }, (_, d) => ({ id: `d${d + 1}`, count: d + 1 === 15 ? 1 : (d % 3) + 2 }));
    const range = (from: number, to: number): string[] => days.slice(from - 1, to).map((d) => d.id);
    const model: CoverModel = {
      inner: days,
      cells: [
        { id: "2026-03-H1", inner: range(1, 15) },
        { id: "2026-03-H2", inner: range(16, 31) },
        { id: "2026-03", inner: range(1, 31), neverSuppress: true },
        { id: "v10-11", inner: range(1, 14) },
      ],
    };
    const result = await auditPattern(model, patternOf(model, []), { solver, rule });
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([expect.objectContaining({ kind: "implied", cellId: "implied:d15", min: 1, max: 1 })]);
    // And the nesting check refuses both kinds of period family outright.
    const asSets = (cells: CoverModel["cells"]) => cells.map((c) => ({ id: c.id, members: c.inner }));
    const nested = checkNesting(asSets(model.cells));
    expect(nested).toEqual({ ok: false, issues: [expect.objectContaining({ code: "period-sliver", units: ["d15"] })] });
    const crossing = checkNesting(asSets([...model.cells.slice(0, 3), { id: "v11-12", inner: range(10, 23) }]));
    expect(crossing.ok).toBe(false);
    if (!crossing.ok) {
      expect(crossing.issues.map((i) => (i.code === "periods-do-not-nest" ? [i.a, i.b] : []))).toEqual([
        ["2026-03-H1", "v11-12"],
        ["2026-03-H2", "v11-12"],
      ]);
    }
    expect(checkNesting(asSets(model.cells.slice(0, 3)))).toEqual({ ok: true });
  });

  it("treats a revision of an earlier published cell by 1 as a disclosed difference", async () => {
    const model = rowModel([6, 6, 7]);
    const fixedFacts = [
      { id: "old-c0", inner: ["i0"], value: 5 },
      { id: "old-c1", inner: ["i1"], value: 6 },
      { id: "old-c2", inner: ["i2"], value: 7 },
      { id: "old-total", inner: ["i0", "i1", "i2"], value: 18 },
    ];
    const naive = await auditPattern(model, patternOf(model, []), { solver, rule, fixedFacts });
    expect(naive.ok).toBe(false);
    expect(naive.failures.map((f) => [f.cellId, f.kind, f.min, f.max])).toEqual([
      ["old-c0", "revision", 6, 6],
      ["old-total", "revision", 19, 19],
    ]);
  });

  it("asks protection of sensitive cells only, unless every suppressed cell must keep a wide interval", async () => {
    // B (5) is a secondary that D = B + E with E = 0 gives away; the small A is still free in [1, 4].
    const model: CoverModel = {
      inner: [
        { id: "i0", count: 1 },
        { id: "i1", count: 5 },
        { id: "i2", count: 4 },
        { id: "i3", count: 0 },
      ],
      cells: [
        { id: "A", inner: ["i0"] },
        { id: "B", inner: ["i1"] },
        { id: "C", inner: ["i2"] },
        { id: "D", inner: ["i1", "i3"] },
        { id: "E", inner: ["i3"] },
        { id: "total", inner: ["i0", "i1", "i2"], neverSuppress: true },
      ],
    };
    const pattern = new Map([
      ["A", "primary"],
      ["B", "secondary"],
      ["C", "secondary"],
      ["D", "published"],
      ["E", "published"],
      ["total", "published"],
    ] as const);
    const sensitiveOnly = await auditPattern(model, pattern, { solver, rule, exact: true });
    expect(sensitiveOnly.ok).toBe(true);
    expect(sensitiveOnly.bounds.get("A")).toEqual({ min: 1, max: 4 });
    const every = await auditPattern(model, pattern, { solver, rule: resolveRule({ protectEverySuppressed: true }) });
    expect(every.ok).toBe(false);
    expect(every.failures.map((f) => [f.cellId, f.min, f.max])).toEqual([["B", 5, 5]]);
    // A small cell is sensitive by its value even when it is labelled secondary.
    const mislabelled = await auditPattern(model, new Map([...pattern, ["A", "secondary"]]), { solver, rule, exact: true });
    expect(mislabelled.bounds.get("A")).toEqual({ min: 1, max: 4 });
  });

  it("holds for an insider who knows one of its own suppressed cells", async () => {
    const model = gridModel([
      [1, 4, 7],
      [5, 3, 6],
      [8, 9, 2],
    ]);
    const pattern = patternOf(model, ["r0c0", "r0c1", "r1c0", "r1c1"]);
    const result = await auditPattern(model, pattern, { solver, rule, insiders: [{ id: "polisen", knows: ["r0c1"] }] });
    expect(result.ok).toBe(false);
    expect(result.failures.every((f) => f.insider === "polisen")).toBe(true);
    expect(result.failures.map((f) => f.cellId)).toEqual(["r0c0", "r1c0", "r1c1"]);
  });

  it("does not hold an insider's own cells against it, but fails another's cell pinned through its knowledge", async () => {
    const model = gridModel([
      [1, 4, 7],
      [5, 3, 6],
      [8, 9, 2],
    ]);
    const pattern = patternOf(model, ["r0c0", "r0c1", "r1c0", "r1c1"]);
    const row0 = ["x0_0", "x0_1", "x0_2"];
    // The insider's rows are row 0: knowing r0c0 it can work out r0c1 (its own fact) and r1c0, r1c1 (another's).
    const insider = { id: "polisen", knows: ["r0c0", "r0c2", "r0"], own: row0 };
    const result = await auditPattern(model, pattern, { solver, rule, insiders: [insider] });
    expect(result.ok).toBe(false);
    expect(result.failures.map((f) => [f.cellId, f.insider, f.min, f.max])).toEqual([
      ["r1c0", "polisen", 5, 5],
      ["r1c1", "polisen", 3, 3],
    ]);
    // Without `own` its own r0c1 is bounded too.
    const strict = await auditPattern(model, pattern, { solver, rule, insiders: [{ id: "polisen", knows: ["r0c0"] }] });
    expect(strict.failures.map((f) => f.cellId)).toEqual(["r0c1", "r1c0", "r1c1"]);
    // An insider whose own rows are everything it could pin: nothing fails.
    const both = { id: "polisen", knows: ["r0c0"], own: [...row0, "x1_0", "x1_1", "x1_2"] };
    const mine = await auditPattern(model, pattern, { solver, rule, insiders: [both] });
    expect(mine.failures).toEqual([]);
    expect(mine.ok).toBe(true);
    // Outsiders alone: the rectangle holds.
    expect((await auditPattern(model, pattern, { solver, rule })).ok).toBe(true);
  });
});

describe("openAuditProbe", () => {
  // c1 = 1 is primary; c0 = 5 and c2 = 6 are suppressed beside it. Publishing c2 leaves c0 as its complement
  // (c1 between 1 and 5); publishing c0 as well would pin it.
  const model = rowModel([5, 1, 6, 4]);
  const pattern = (): Map<string, "published" | "primary" | "secondary"> =>
    new Map([
      ["c0", "secondary"],
      ["c1", "primary"],
      ["c2", "secondary"],
      ["c3", "published"],
      ["total", "published"],
    ]);

  it("keeps a publication that leaves every sensitive cell protected and refuses one that pins it", () => {
    const probe = openAuditProbe(model, pattern(), { solver, rule })!;
    try {
      expect(probe.tryPublish(["c2"])).toBe(true);
      expect(probe.tryPublish(["c0"])).toBe(false);
    } finally {
      probe.dispose();
    }
  });

  it("checks the insiders too: one that knows c0 could compute c1 once c2 is published", async () => {
    const insiders = [{ id: "aktor", knows: ["c0"] }];
    const probe = openAuditProbe(model, pattern(), { solver, rule, insiders })!;
    try {
      expect(probe.tryPublish(["c2"])).toBe(false);
    } finally {
      probe.dispose();
    }
    const withC2 = pattern().set("c2", "published");
    expect((await auditPattern(model, withC2, { solver, rule, insiders })).ok).toBe(false);
    expect((await auditPattern(model, withC2, { solver, rule })).ok).toBe(true);
  });

  it("gives the full audit's verdict for each publication in turn (its shortcuts change the work, not the verdict)", async () => {
    const counts = [
      [6, 1, 5, 7, 2, 9],
      [2, 8, 5, 9, 6, 4],
      [7, 5, 6, 1, 8, 3],
      [4, 9, 1, 6, 5, 2],
    ];
    const grid = productModel(counts, [[0, 1], [2, 3]], [[0, 1, 2], [3, 4, 5]]);
    // A strict, unpruned pattern has complements to spare, so some publications pass and some do not.
    const base = await protectTables(grid, { solver, rule }, { strategy: "strict", pruneProbes: 0 });
    expect(base.audit.ok).toBe(true);
    const current = new Map(base.status);
    const probe = openAuditProbe(grid, current, { solver, rule })!;
    const verdicts: boolean[] = [];
    try {
      for (const [id, status] of base.status) {
        if (status !== "secondary") continue;
        const next = new Map(current).set(id, "published");
        const expected = (await auditPattern(grid, next, { solver, rule })).ok;
        expect(probe.tryPublish([id])).toBe(expected);
        verdicts.push(expected);
        if (expected) current.set(id, "published");
      }
    } finally {
      probe.dispose();
    }
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });

  it("publishes unconditionally when asked, names every failure, and suppressing again restores the verdicts", () => {
    const probe = openAuditProbe(model, pattern(), { solver, rule })!;
    try {
      // Publishing c2 leaves c0 as c1's complement (c0 + c1 = 6 once c2, c3 and the total are known) ...
      expect(probe.publish(["c2"])).toEqual([]);
      // ... but publishing c0 too leaves c1 computable; the publication stays, the failure is named.
      const failures = probe.publish(["c0"]);
      expect(failures.map((f) => f.cellId)).toEqual(["c1"]);
      expect(probe.failures().map((f) => f.cellId)).toEqual(["c1"]);
      // Suppressing c0 again: c1 is protected as before, and c0 is bounded afresh (no stale witnesses).
      probe.suppress([{ id: "c0", status: "secondary" }]);
      expect(probe.failures()).toEqual([]);
      expect(probe.tryPublish(["c0"])).toBe(false);
    } finally {
      probe.dispose();
    }
  });

  it("refuses a pattern the audit cannot read", () => {
    expect(openAuditProbe(model, new Map([["c0", "secondary"]]), { solver, rule })).toBeNull();
  });
});

describe("the reduced equality rows", () => {
  /** The attacker's LP written out in full over the inner cells (every published cell and fact a row), without atoms or reduction. */
  function directBounds(model: CoverModel, pattern: ReadonlyMap<string, string>, facts: { inner: string[]; value: number }[], quantities: string[][]) {
    const compiled = compileModel(model);
    if (!compiled.ok) throw new Error("bad model");
    const m = compiled.value;
    const rowOf = (inner: ArrayLike<number>, lower: number, upper: number) => ({
      indices: Int32Array.from(inner),
      coefs: new Float64Array(inner.length).fill(1),
      lower,
      upper,
    });
    const rows = m.cells.flatMap((c) => {
      const s = pattern.get(c.ids[0]);
      if (s === "published") return [rowOf(c.inner, c.value, c.value)];
      if (s === "held") return [];
      return [rowOf(c.inner, c.value === 0 ? 0 : rule.lowerBound, Infinity)];
    });
    for (const f of facts) rows.push(rowOf(Int32Array.from(f.inner.map((id) => m.innerIndex.get(id)!)).sort(), f.value, f.value));
    const session = solver.open({ numVars: m.innerIds.length, rows });
    try {
      return quantities.map((ids) => {
        const vars = Int32Array.from(ids.map((id) => m.innerIndex.get(id)!)).sort();
        const lo = session.optimise(vars, "min");
        const hi = session.optimise(vars, "max");
        if (lo.status !== "optimal" || hi.status !== "optimal") throw new Error("reference LP not optimal");
        return { min: lo.value, max: hi.value };
      });
    } finally {
      session.dispose();
    }
  }

  it("gives the same exact bounds as the attacker's LP written out in full (random hierarchical models)", async () => {
    let seed = 11;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const every = resolveRule({ protectEverySuppressed: true });
    let compared = 0;
    for (let trial = 0; trial < 12; trial++) {
      const nA = 4 + rand(3);
      const nP = 3 + rand(2);
      const counts = Array.from({ length: nA }, () => Array.from({ length: nP }, () => rand(9)));
      const model = productModel(counts, [Array.from({ length: 2 }, (_, a) => a), Array.from({ length: nA - 2 }, (_, a) => a + 2)], [[0, 1]]);
      const compiled = compileModel(model);
      if (!compiled.ok) throw new Error("bad model");
      const m = compiled.value;
      const pattern = new Map<string, "published" | "primary" | "secondary">();
      for (const c of m.cells) {
        const s = c.neverSuppress || c.value === 0 || rand(10) >= 3 ? "published" : "secondary";
        for (const id of c.ids) pattern.set(id, s);
      }
      // An unchanged fact about a published sum, and one about a union that is no cell.
      const someCell = m.cells[rand(m.cells.length)];
      const union = [...new Set([...m.cells[rand(m.cells.length)].inner, ...m.cells[rand(m.cells.length)].inner])].map((i) => m.innerIds[i]);
      const facts = [someCell.inner, Int32Array.from(union.map((id) => m.innerIndex.get(id)!))].map((inner, k) => ({
        id: `fact${k}`,
        inner: Array.from(inner, (i) => m.innerIds[i]),
        value: Array.from(inner).reduce((s, i) => s + m.innerCounts[i], 0),
      }));
      const audit = await auditPattern(model, pattern, { solver, rule: every, exact: true, fixedFacts: facts });
      expect(audit.issues).toEqual([]);
      const ids = [...audit.bounds.keys()];
      const quantities = ids.map((id) =>
        id.startsWith("implied:") ? id.slice("implied:".length).split("+") : Array.from(m.cells[m.cellIndex.get(id)!].inner, (i) => m.innerIds[i]),
      );
      const direct = directBounds(model, pattern, facts, quantities);
      ids.forEach((id, k) => {
        expect(audit.bounds.get(id)!.min, id).toBeCloseTo(direct[k].min, 6);
        expect(audit.bounds.get(id)!.max, id).toBeCloseTo(direct[k].max, 6);
        compared++;
      });
    }
    expect(compared).toBeGreaterThan(50);
  });

  it("splits the sub-models per district: the municipality total over published districts links nothing", () => {
    // Areas 0, 1 in district G0 and 2, 3 in G1; half-months 0, 1 in one month. A rectangle of small cells in each district.
    const counts = [
      [1, 5, 4, 6],
      [6, 7, 5, 8],
      [5, 6, 1, 7],
      [8, 6, 7, 9],
    ];
    const model = productModel(counts, [[0, 1], [2, 3]], [[0, 1], [2, 3]]);
    const pattern = patternOf(model, ["a:A0|p:P0", "a:A0|p:P1", "a:A1|p:P0", "a:A1|p:P1", "a:A2|p:P2", "a:A2|p:P3", "a:A3|p:P2", "a:A3|p:P3"]);
    const probe = openAuditProbe(model, pattern, { solver, rule })!;
    try {
      const first = probe.componentOf("a:A0|p:P0");
      expect(["a:A0|p:P1", "a:A1|p:P0", "a:A1|p:P1"].map((id) => probe.componentOf(id))).toEqual([first, first, first]);
      const second = probe.componentOf("a:A2|p:P2");
      expect(second).not.toBe(first);
      expect(["a:A2|p:P3", "a:A3|p:P2", "a:A3|p:P3"].map((id) => probe.componentOf(id))).toEqual([second, second, second]);
      expect(probe.failures()).toEqual([]);
      // Suppressing the district total G0 × Q0 (an equality the reduction used) joins what it holds, and nothing else.
      probe.suppress([{ id: "a:G0|p:Q0", status: "secondary" }]);
      expect(probe.componentOf("a:G0|p:Q0")).toBe(probe.componentOf("a:A0|p:P0"));
      expect(probe.componentOf("a:A2|p:P2")).not.toBe(probe.componentOf("a:A0|p:P0"));
    } finally {
      probe.dispose();
    }
  });

  it("takes a suppressed equality out of the reduction: a probe's verdicts after it are the full audit's", async () => {
    // Areas 0–2 in district G0, 3–5 in G1; the single small cell A1 × P0 is pinned by its district and period rows
    // until cells beside it are suppressed. Each suppression below removes an equality the reduction used (a child of
    // a district row, a district row, a child of a child) and must free what it frees, no more and no less.
    const counts = [
      [5, 6, 7],
      [1, 6, 8],
      [7, 5, 6],
      [6, 8, 5],
      [5, 7, 9],
      [8, 6, 7],
    ];
    const model = productModel(counts, [[0, 1, 2], [3, 4, 5]], [[0, 1]]);
    const insiders = [{ id: "aktor", knows: ["a:A0|p:P0"] }];
    const current = new Map<string, CellStatus>(patternOf(model, ["a:A1|p:P0"]));
    const probe = openAuditProbe(model, current, { solver, rule, insiders })!;
    const steps: { id: string; status: "secondary" }[][] = [
      [{ id: "a:A0|p:P0", status: "secondary" }],
      [{ id: "a:A1|p:P1", status: "secondary" }],
      [{ id: "a:A0|p:P1", status: "secondary" }],
      [{ id: "a:G0|p:P0", status: "secondary" }, { id: "a:A2|p:P0", status: "secondary" }],
      [{ id: "a:A1|p:Q0", status: "secondary" }],
    ];
    const verdicts: string[][] = [];
    try {
      const failing = (failures: { cellId: string; insider?: string }[]) => failures.map((f) => `${f.insider ?? ""}:${f.cellId}`).sort();
      expect(failing(probe.failures())).toEqual(failing((await auditPattern(model, current, { solver, rule, insiders })).failures));
      for (const step of steps) {
        probe.suppress(step);
        for (const { id, status } of step) current.set(id, status);
        const full = await auditPattern(model, current, { solver, rule, insiders });
        expect(failing(probe.failures())).toEqual(failing(full.failures));
        verdicts.push(failing(full.failures));
        // And a publication tried now gets the full audit's verdict too.
        const again = new Map(current).set(step[0].id, "published");
        expect(probe.tryPublish([step[0].id])).toBe((await auditPattern(model, again, { solver, rule, insiders })).ok);
        if ((await auditPattern(model, again, { solver, rule, insiders })).ok) current.set(step[0].id, "published");
      }
    } finally {
      probe.dispose();
    }
    // The steps do change the verdict: pinned for everyone at first, for the outsider no longer at the end (the
    // insider, who knows A0 × P0 beside it, still pins it).
    expect(verdicts[0]).toEqual([":a:A1|p:P0", "aktor:a:A1|p:P0"]);
    expect(verdicts.at(-1)).toEqual(["aktor:a:A1|p:P0"]);
  });
});
