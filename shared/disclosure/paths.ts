// Complements chosen by the attacker's own LP (`ProtectStrategy.complements: "paths"`): for a quantity the audit finds
// too narrow, the cheapest way to give it room. The LP looks for a second feasible point of the attacker's system
// (inner cells ≥ 0, suppressed cells ≥ the lower bound, zeros, unchanged facts, never-suppressed cells and extra
// constraints as they are; an insider's known cells exact) at which the quantity reaches a goal (T for a small
// quantity the first time, whose interval then runs from its lower bound; max(T, value + W) after that). A published
// cell may differ at that point only by being suppressed, and each unit it differs by costs one, so the point follows
// a cycle through cells with room and uses what is already suppressed for nothing. The cells it changes are the
// complements. Unlike the elimination, which keeps quantities linearly free and picks small leaf cells (two small
// cells in one relation pin each other at the bound ≥ 1), this gives each quantity the room the audit asks for, so a
// complement can serve several small cells (two on a diagonal share the other two corners).
// These are proposals: the audit checks the pattern again, for the outsider and every insider, and stays the verdict.
import type { AuditFailure, Insider } from "./audit";
import { atomsOf, buildAtoms, localIndices, type RowSpec } from "./audit-structure";
import type { LpRow, LpSession, LpSolver } from "./lp";
import { innerIndicesOf, sumOver, type CompiledModel } from "./model";
import type { DisclosureRule } from "./rule";
import { HELD, PUBLISHED, SECONDARY } from "./suppress";

/** A quantity to give room: sorted inner indices, its value, the cells the attacker also knows, and the goal. */
export interface PathQuantity {
  inner: Int32Array;
  value: number;
  /** Distinct cells the attacker knows exactly besides the published ones (an insider's own cells). */
  known?: readonly number[];
  /** The value the second point must reach. */
  goal: number;
}

export interface PathFinder {
  /**
   * Chooses complements for the quantities in turn, finest first (each sees the cells chosen before it as suppressed)
   * and returns them, ascending; `stuck` counts quantities no point can give room (the audit's failure stays).
   */
  complements(quantities: readonly PathQuantity[], status: Uint8Array): { cells: number[]; stuck: number; lps: number };
}

/**
 * The quantities of the audit's failures (revisions and infeasible components are left to the other means). The goal
 * is T for a small quantity the first time it fails (for a cell ≥ 1, an interval from 1 to T is wide enough) and
 * max(T, value + W) for every other and on every later failure; `tries` counts the failures per quantity and scenario.
 */
export function pathQuantities(
  m: CompiledModel,
  failures: readonly AuditFailure[],
  insiderCells: readonly { knows: readonly number[] }[],
  insiders: readonly Insider[],
  tries: Map<string, number>,
  rule: DisclosureRule,
): PathQuantity[] {
  const insiderIndex = new Map(insiders.map((ins, j) => [ins.id, j]));
  const out: PathQuantity[] = [];
  for (const f of failures) {
    if (f.kind === "revision" || f.kind === "infeasible") continue;
    const idx = innerIndicesOf(f.inner, m.innerIndex);
    if (!idx.ok || idx.value.length === 0) continue;
    const value = sumOver(idx.value, m.innerCounts);
    const key = triesKey(f.cellId, f.insider);
    const before = tries.get(key) ?? 0;
    tries.set(key, before + 1);
    const j = f.insider !== undefined ? insiderIndex.get(f.insider) : undefined;
    const goal = value < rule.threshold && before === 0 ? rule.threshold : Math.max(rule.threshold, value + rule.minWidth);
    out.push({ inner: idx.value, value, known: j !== undefined ? insiderCells[j].knows : undefined, goal });
  }
  return out;
}

function triesKey(id: string, insider?: string): string {
  return `${insider ?? ""}\u0000${id}`;
}

/**
 * `fixed`: per distinct cell, whether it stays published whatever happens (never suppressed, already public, zero).
 * `facts`: unchanged facts of earlier rounds (sums with their values).
 */
export function openPathFinder(
  m: CompiledModel,
  fixed: Uint8Array,
  facts: readonly { inner: Int32Array; value: number }[],
  rule: DisclosureRule,
  solver: LpSolver,
): PathFinder {
  const rows: RowSpec[] = [...m.cells.map((c) => ({ inner: c.inner })), ...facts.map((f) => ({ inner: f.inner }))];
  for (const c of m.constraints) rows.push({ inner: c.inner, coefs: c.coefs });
  const atoms = buildAtoms(m.innerIds.length, rows);
  const cellAtoms = m.cells.map((c) => atomsOf(c.inner, atoms.atomOfInner));
  const { local, size } = localIndices(atoms);
  const compOf = (at: Int32Array): number => atoms.componentOfAtom[at[0]];
  const cellsOf: number[][] = Array.from({ length: atoms.componentCount }, () => []);
  m.cells.forEach((_, k) => cellsOf[compOf(cellAtoms[k])].push(k));
  const factsOf: number[][] = Array.from({ length: atoms.componentCount }, () => []);
  facts.forEach((f, j) => {
    if (f.inner.length > 0) factsOf[compOf(atomsOf(f.inner, atoms.atomOfInner))].push(j);
  });
  const consOf: number[][] = Array.from({ length: atoms.componentCount }, () => []);
  m.constraints.forEach((c, j) => {
    if (c.inner.length > 0) consOf[compOf(atomsOf(c.inner, atoms.atomOfInner))].push(j);
  });
  const lb = rule.lowerBound;
  // Each unit a published cell differs by costs one, and a little more for a coarse or large cell: among points that
  // need as many units, the one whose complements are small leaf cells wins (as with the elimination, totals and large
  // values stay published where that costs nothing). The extra stays below one unit over any path of up to 20 cells.
  let maxInner = 1;
  let maxValue = 1;
  for (const c of m.cells) {
    maxInner = Math.max(maxInner, c.inner.length);
    maxValue = Math.max(maxValue, c.value);
  }
  const weight = Float64Array.from(m.cells, (c) => 1 + 0.03 * (Math.log2(1 + c.inner.length) / Math.log2(1 + maxInner)) + 0.015 * (c.value / maxValue));

  interface ComponentLp {
    session: LpSession;
    /** Per cell that may differ (suppressed, or published and suppressible), ascending: its two deviation variables
     * (the point's sum is value + u − v) and its bound row (≥ the lower bound; exact for an insider's known cell). */
    dev: { k: number; u: number; v: number; boundRow: number }[];
    devOf: Map<number, { u: number; v: number; boundRow: number }>;
    /** The first target row: one per quantity of the call in this component, free until its turn. */
    targetRow0: number;
  }

  // Variables: the component's atoms (the point), then two deviation variables per cell that may differ.
  const build = (c: number, status: Uint8Array, targets: readonly Int32Array[]): ComponentLp => {
    const lpRows: LpRow[] = [];
    const dev: ComponentLp["dev"] = [];
    let numVars = size[c];
    const sumRow = (at: Int32Array, lower: number, upper: number, extra: [number, number][] = []): LpRow => {
      const entries: [number, number][] = [...Array.from(at, (a): [number, number] => [local[a], 1]), ...extra].sort((x, y) => x[0] - y[0]);
      return { indices: Int32Array.from(entries, (e) => e[0]), coefs: Float64Array.from(entries, (e) => e[1]), lower, upper };
    };
    for (const k of cellsOf[c]) {
      const cell = m.cells[k];
      if (status[k] === HELD) continue; // held back from everyone: no fact
      if ((fixed[k] && status[k] === PUBLISHED) || cell.value === 0) {
        lpRows.push(sumRow(cellAtoms[k], cell.value, cell.value));
        continue;
      }
      const u = numVars++;
      const v = numVars++;
      lpRows.push(sumRow(cellAtoms[k], cell.value, cell.value, [
        [u, -1],
        [v, 1],
      ]));
      dev.push({ k, u, v, boundRow: lpRows.length });
      lpRows.push(sumRow(cellAtoms[k], lb, Infinity));
    }
    for (const j of factsOf[c]) lpRows.push(sumRow(atomsOf(facts[j].inner, atoms.atomOfInner), facts[j].value, facts[j].value));
    for (const j of consOf[c]) {
      const con = m.constraints[j];
      const coefOfAtom = new Map<number, number>();
      for (let q = 0; q < con.inner.length; q++) coefOfAtom.set(atoms.atomOfInner[con.inner[q]], con.coefs[q]);
      const at = atomsOf(con.inner, atoms.atomOfInner);
      lpRows.push({ indices: Int32Array.from(at, (a) => local[a]), coefs: Float64Array.from(at, (a) => coefOfAtom.get(a) ?? 0), lower: con.lower, upper: con.upper });
    }
    const targetRow0 = lpRows.length;
    for (const t of targets) lpRows.push(sumRow(t, -Infinity, Infinity));
    return { session: solver.open({ numVars, rows: lpRows }), dev, devOf: new Map(dev.map((d) => [d.k, d])), targetRow0 };
  };

  return {
    complements(quantities, status) {
      const st = status.slice();
      const chosen: number[] = [];
      let stuck = 0;
      let lps = 0;
      // Finest first (a stable sort keeps the audit's order among equals): coarse quantities then find fine
      // complements already suppressed.
      const ordered = [...quantities].sort((a, b) => a.inner.length - b.inner.length);
      const byComp = new Map<number, { q: PathQuantity; at: Int32Array }[]>();
      for (const q of ordered) {
        const at = atomsOf(q.inner, atoms.atomOfInner);
        const c = compOf(at);
        const list = byComp.get(c) ?? [];
        list.push({ q, at });
        byComp.set(c, list);
      }
      for (const c of [...byComp.keys()].sort((x, y) => x - y)) {
        const list = byComp.get(c)!;
        const lp = build(c, st, list.map((e) => e.at));
        // The points found so far in this component: each changes only cells suppressed since, so it stays a feasible
        // point, and a quantity it already gives room (on the same cycle, say) needs no LP of its own.
        const points: Float64Array[] = [];
        try {
          list.forEach(({ q, at }, t) => {
            const known = (q.known ?? []).filter((k) => lp.devOf.has(k));
            const reaches = (x: Float64Array): boolean => {
              let v = 0;
              for (const a of at) v += x[local[a]];
              if (v < q.goal - 1e-6) return false;
              return known.every((k) => Math.abs(x[lp.devOf.get(k)!.u] - x[lp.devOf.get(k)!.v]) <= 1e-6);
            };
            if (points.some(reaches)) return;
            lp.session.setRowBounds(lp.targetRow0 + t, q.goal, Infinity);
            for (const k of known) lp.session.setRowBounds(lp.devOf.get(k)!.boundRow, m.cells[k].value, m.cells[k].value);
            // Only the cells still published cost: the suppressed ones differ for nothing.
            const costed: number[] = [];
            const weights: number[] = [];
            for (const d of lp.dev) {
              if (st[d.k] !== PUBLISHED) continue;
              costed.push(d.u, d.v);
              weights.push(weight[d.k], weight[d.k]);
            }
            lps++;
            const out = lp.session.optimise(Int32Array.from(costed), "min", Float64Array.from(weights));
            lp.session.setRowBounds(lp.targetRow0 + t, -Infinity, Infinity);
            for (const k of known) lp.session.setRowBounds(lp.devOf.get(k)!.boundRow, lb, Infinity);
            if (out.status !== "optimal") {
              stuck++;
              return;
            }
            points.push(out.x);
            for (const d of lp.dev) {
              if (st[d.k] !== PUBLISHED || Math.abs(out.x[d.u] - out.x[d.v]) <= 1e-6) continue;
              st[d.k] = SECONDARY;
              chosen.push(d.k);
            }
          });
        } finally {
          lp.session.dispose();
        }
      }
      return { cells: chosen.sort((x, y) => x - y), stuck, lps };
    },
  };
}
