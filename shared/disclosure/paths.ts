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
import { atomsOf, buildAtoms, componentsOf, localIndices, type RowSpec } from "./audit-structure";
import type { LpRow, LpSession, LpSolver } from "./lp";
import { sumOver, type CompiledModel, type ParsedQuantity } from "./model";
import type { DisclosureRule } from "./rule";
import { HELD, PRIMARY, PUBLISHED, SECONDARY } from "./suppress";

/** Parts a quantity's group LP adds to its own (see `openPathFinder`). */
const PARTNERS = 2;

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
   * and returns them, ascending; `stuck` counts quantities no point can give room (the audit's failure stays),
   * `lps` the LPs solved, `fallbacks` the quantities whose local LP gave no room (they got the whole sub-model's).
   */
  complements(quantities: readonly PathQuantity[], status: Uint8Array): { cells: number[]; stuck: number; lps: number; fallbacks: number };
}

/**
 * The quantities of the audit's failures (revisions and infeasible components are left to the other means). The goal
 * is T for a small quantity the first time it fails (for a cell ≥ 1, an interval from 1 to T is wide enough) and
 * max(T, value + W) for every other and on every later failure; `tries` counts the failures per quantity and scenario.
 */
export function pathQuantities(
  failures: readonly ParsedQuantity<AuditFailure>[],
  insiderCells: readonly { knows: readonly number[] }[],
  insiders: readonly Insider[],
  tries: Map<string, number>,
  rule: DisclosureRule,
): PathQuantity[] {
  const insiderIndex = new Map(insiders.map((ins, j) => [ins.id, j]));
  const out: PathQuantity[] = [];
  for (const { item: f, inner, value } of failures) {
    if (f.kind === "revision" || f.kind === "infeasible" || !inner) continue;
    const key = triesKey(f.cellId, f.insider);
    const before = tries.get(key) ?? 0;
    tries.set(key, before + 1);
    const j = f.insider !== undefined ? insiderIndex.get(f.insider) : undefined;
    const goal = value < rule.threshold && before === 0 ? rule.threshold : Math.max(rule.threshold, value + rule.minWidth);
    out.push({ inner, value, known: j !== undefined ? insiderCells[j].knows : undefined, goal });
  }
  return out;
}

function triesKey(id: string, insider?: string): string {
  return `${insider ?? ""}\u0000${id}`;
}

/**
 * `fixed`: per distinct cell, whether it stays published whatever happens (never suppressed, already public, zero).
 * `facts`: unchanged facts of earlier rounds (sums with their values).
 *
 * Localised LPs. A sub-model is what its rows link, and a hard row (a municipality total, a zero, a fact) that spans
 * several parts of it links them all (every area of an indicator, through its totals). Per call, each hard row that
 * spans more than one part of what the other rows link (its "soft parts") is replaced by its residual: the row minus
 * strictly nested, pairwise disjoint cells chosen greedily, largest first (among any cells, or among cells inside one
 * soft part, whichever leaves a residual over fewer soft parts), which are made hard too (the residual keeps the
 * difference of the values). That is the same system with those published cells fixed: the point may not change them.
 * The rest splits into parts (per district and period, for the totals). A quantity gets the LP of its part's group: the
 * part, the parts of the residuals of the split rows it touches, and PARTNERS parts that hold children of those rows
 * (the ones with the most suppressed cells, which a point crosses for nothing, then the largest children), with those
 * rows opened again among them (the row minus its children outside the group, which stay hard). A group that would hold
 * half the sub-model or more gets the whole sub-model's LP instead; a part no split row touches is exact on its own.
 * Only when the group's LP finds no point that reaches the goal does the quantity get the whole sub-model's LP (built
 * then, once per call and sub-model). A group's point is a point of the whole sub-model (every other atom at its
 * value), so the audit's verdict and the reuse of points hold as before; what changes is only that a cycle through
 * districts outside the group is not taken (coarse cells cost more per unit, so it was rarely the cheapest anyway).
 */
export function openPathFinder(
  m: CompiledModel,
  fixed: Uint8Array,
  facts: readonly { inner: Int32Array; value: number }[],
  rule: DisclosureRule,
  solver: LpSolver,
  options: { localise?: boolean } = {},
): PathFinder {
  const localise = options.localise ?? true;
  const rows: RowSpec[] = [...m.cells.map((c) => ({ inner: c.inner })), ...facts.map((f) => ({ inner: f.inner }))];
  for (const c of m.constraints) rows.push({ inner: c.inner, coefs: c.coefs });
  const atoms = buildAtoms(m.innerIds.length, rows);
  const atomCount = atoms.atomInner.length;
  const cellAtoms = m.cells.map((c) => atomsOf(c.inner, atoms.atomOfInner));
  const factAtoms = facts.map((f) => atomsOf(f.inner, atoms.atomOfInner));
  const consAtoms = m.constraints.map((c) => atomsOf(c.inner, atoms.atomOfInner));
  const consCoefs = m.constraints.map((con, j) => {
    const coefOfAtom = new Map<number, number>();
    for (let q = 0; q < con.inner.length; q++) coefOfAtom.set(atoms.atomOfInner[con.inner[q]], con.coefs[q]);
    return Float64Array.from(consAtoms[j], (a) => coefOfAtom.get(a) ?? 0);
  });
  const { local, size } = localIndices(atoms);
  const truth = new Float64Array(atomCount);
  atoms.atomInner.forEach((inner, a) => (truth[a] = sumOver(inner, m.innerCounts)));
  const compOf = (at: Int32Array): number => atoms.componentOfAtom[at[0]];
  const atomsOfComp: Int32Array[] = (() => {
    const lists: number[][] = Array.from({ length: atoms.componentCount }, () => []);
    for (let a = 0; a < atomCount; a++) lists[atoms.componentOfAtom[a]].push(a);
    return lists.map((l) => Int32Array.from(l));
  })();
  const cellsOf: number[][] = Array.from({ length: atoms.componentCount }, () => []);
  m.cells.forEach((_, k) => cellsOf[compOf(cellAtoms[k])].push(k));
  const factsOf: number[][] = Array.from({ length: atoms.componentCount }, () => []);
  facts.forEach((f, j) => {
    if (f.inner.length > 0) factsOf[compOf(factAtoms[j])].push(j);
  });
  const consOf: number[][] = Array.from({ length: atoms.componentCount }, () => []);
  m.constraints.forEach((c, j) => {
    if (c.inner.length > 0) consOf[compOf(consAtoms[j])].push(j);
  });
  // Atom → the cells holding it (for the cells nested in a hard row).
  const cellStarts = new Int32Array(atomCount + 1);
  for (const at of cellAtoms) for (const a of at) cellStarts[a + 1]++;
  for (let a = 0; a < atomCount; a++) cellStarts[a + 1] += cellStarts[a];
  const cellList = new Int32Array(cellStarts[atomCount]);
  {
    const fill = cellStarts.slice(0, atomCount);
    cellAtoms.forEach((at, k) => {
      for (const a of at) cellList[fill[a]++] = k;
    });
  }
  const counter = new Int32Array(m.cells.length);
  // The cells strictly nested in a row (by atoms), largest first (then by index); cached per row, as the model is fixed.
  const nestedCache = new Map<string, Int32Array>();
  const nestedIn = (key: string, at: Int32Array): Int32Array => {
    let out = nestedCache.get(key);
    if (out) return out;
    const touched: number[] = [];
    for (const a of at) {
      for (let q = cellStarts[a]; q < cellStarts[a + 1]; q++) {
        const k = cellList[q];
        if (counter[k]++ === 0) touched.push(k);
      }
    }
    const inside = touched.filter((k) => counter[k] === cellAtoms[k].length && cellAtoms[k].length < at.length);
    for (const k of touched) counter[k] = 0;
    out = Int32Array.from(inside.sort((x, y) => m.cells[y].inner.length - m.cells[x].inner.length || x - y));
    nestedCache.set(key, out);
    return out;
  };
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

  /** The rows of one LP (a sub-model, or one local part of it): atoms, cells, facts, constraints and residuals. */
  interface System {
    /** Its atoms, ascending (the LP's first variables, in this order). */
    atoms: Int32Array;
    /** Its cells with a row (not held back, not replaced by a residual), ascending. */
    cells: number[];
    facts: number[];
    cons: number[];
    /** Rows of atoms with a value: what is left of a split hard row (`split` its index, or -1 for a row opened again). */
    residuals: { atoms: Int32Array; value: number; split: number }[];
  }

  interface ComponentLp {
    session: LpSession;
    /** Per atom of the sub-model (by its index there): its LP variable (index into its system's `atoms`), or -1. */
    varOf: Int32Array;
    /** Per cell that may differ (suppressed, or published and suppressible), ascending: its two deviation variables
     * (the point's sum is value + u − v) and its bound row (≥ the lower bound; exact for an insider's known cell). */
    dev: { k: number; u: number; v: number; boundRow: number }[];
    devOf: Map<number, { u: number; v: number; boundRow: number }>;
    /** The target row of each of its quantities (by their index in the sub-model's list), free until its turn. */
    targetRow: Map<number, number>;
    /** The points it found in this call. */
    points: Float64Array[];
  }

  /** Whether a cell's row is hard (an equality at its value) at this status, before any localisation. */
  const isHard = (k: number, st: Uint8Array): boolean => (fixed[k] === 1 && st[k] === PUBLISHED) || m.cells[k].value === 0;

  // Variables: the system's atoms (the point), then two deviation variables per cell that may differ. `hard` says
  // which cells are equalities (hard at this status, or made hard by a localisation).
  const build = (c: number, sys: System, hard: (k: number) => boolean, targets: readonly { index: number; at: Int32Array }[]): ComponentLp => {
    const varOf = new Int32Array(size[c]).fill(-1);
    sys.atoms.forEach((a, j) => (varOf[local[a]] = j));
    const lpRows: LpRow[] = [];
    const dev: ComponentLp["dev"] = [];
    let numVars = sys.atoms.length;
    // Atoms ascending have their variables ascending (the system's atoms are sorted), and the deviation variables
    // come after every atom's: the rows need no sorting.
    const sumRow = (at: Int32Array, lower: number, upper: number, dev?: { u: number; v: number }): LpRow => {
      const n = at.length + (dev ? 2 : 0);
      const indices = new Int32Array(n);
      const coefs = new Float64Array(n).fill(1);
      for (let q = 0; q < at.length; q++) indices[q] = varOf[local[at[q]]];
      if (dev) {
        indices[at.length] = dev.u;
        coefs[at.length] = -1;
        indices[at.length + 1] = dev.v;
      }
      return { indices, coefs, lower, upper };
    };
    for (const k of sys.cells) {
      const cell = m.cells[k];
      if (hard(k)) {
        lpRows.push(sumRow(cellAtoms[k], cell.value, cell.value));
        continue;
      }
      const u = numVars++;
      const v = numVars++;
      lpRows.push(sumRow(cellAtoms[k], cell.value, cell.value, { u, v }));
      dev.push({ k, u, v, boundRow: lpRows.length });
      lpRows.push(sumRow(cellAtoms[k], lb, Infinity));
    }
    for (const j of sys.facts) lpRows.push(sumRow(factAtoms[j], facts[j].value, facts[j].value));
    for (const j of sys.cons) {
      const con = m.constraints[j];
      lpRows.push({ indices: Int32Array.from(consAtoms[j], (a) => varOf[local[a]]), coefs: consCoefs[j], lower: con.lower, upper: con.upper });
    }
    for (const r of sys.residuals) lpRows.push(sumRow(r.atoms, r.value, r.value));
    const targetRow = new Map<number, number>();
    for (const t of targets) {
      targetRow.set(t.index, lpRows.length);
      lpRows.push(sumRow(t.at, -Infinity, Infinity));
    }
    return { session: solver.open({ numVars, rows: lpRows }), varOf, dev, devOf: new Map(dev.map((d) => [d.k, d])), targetRow, points: [] };
  };

  /** A hard row replaced by its residual: the row, the cells nested in it that were made hard (or were), the rest. */
  interface Split {
    value: number;
    children: number[];
    residual: Int32Array;
  }
  interface Localisation {
    parts: System[];
    /** Per atom of the sub-model (by its index there): its part. */
    partOf: Int32Array;
    splits: Split[];
    /** Per cell made hard: the splits that made it so. */
    hardened: Map<number, number[]>;
    /** Per part: the splits with a child made hard, or their residual, in it (ascending). */
    splitsOfPart: number[][];
  }

  /** Rows of atoms as indices among their sub-model's atoms, in one reused buffer (`componentsOf` reads a row before
   * asking for the next). */
  function* localRows(rows: readonly Int32Array[]): Generator<Int32Array> {
    let buffer = new Int32Array(64);
    for (const at of rows) {
      if (at.length > buffer.length) buffer = new Int32Array(at.length);
      for (let q = 0; q < at.length; q++) buffer[q] = local[at[q]];
      yield buffer.subarray(0, at.length);
    }
  }

  /**
   * Splits sub-model `c` at this status: the hard rows that span several soft parts are replaced by residuals (see
   * above). Returns the local parts (each a system), the part of every atom, the splits and the cells made hard.
   */
  const localParts = (c: number, st: Uint8Array): Localisation => {
    const cellsHere = cellsOf[c].filter((k) => st[k] !== HELD);
    const n = size[c];
    // The soft parts: what the rows that are no equality link (by the atoms' indices in the sub-model).
    const hardCells = cellsHere.filter((k) => isHard(k, st));
    const softRows: Int32Array[] = [];
    for (const k of cellsHere) if (!isHard(k, st)) softRows.push(cellAtoms[k]);
    for (const j of consOf[c]) softRows.push(consAtoms[j]);
    const soft = componentsOf(n, localRows(softRows)).componentOfAtom;
    const spans = (at: Int32Array): boolean => {
      for (let q = 1; q < at.length; q++) if (soft[local[at[q]]] !== soft[local[at[0]]]) return true;
      return false;
    };
    const splits: Split[] = [];
    const hardened = new Map<number, number[]>();
    const replaced = new Set<number>();
    const replacedFacts = new Set<number>();
    const stamp = new Uint8Array(n);
    // Children largest first, pairwise disjoint, among the cells `take` accepts (hard ones, or published ones).
    const greedy = (nested: Int32Array, at: Int32Array, take: (k: number) => boolean): { children: number[]; residual: Int32Array; span: number } => {
      const children: number[] = [];
      let covered = 0;
      for (const k of nested) {
        if (covered === at.length) break;
        if (st[k] === HELD || !(isHard(k, st) || st[k] === PUBLISHED) || !take(k)) continue;
        const ca = cellAtoms[k];
        let free = true;
        for (const a of ca) {
          if (stamp[local[a]]) {
            free = false;
            break;
          }
        }
        if (!free) continue;
        for (const a of ca) stamp[local[a]] = 1;
        covered += ca.length;
        children.push(k);
      }
      const residual = Int32Array.from(Array.from(at).filter((a) => !stamp[local[a]]));
      for (const a of at) stamp[local[a]] = 0;
      const span = new Set(Array.from(residual, (a) => soft[local[a]])).size;
      return { children, residual, span };
    };
    // Two choices of children: any cells, or only cells inside one soft part (a hard child that spans parts, such as
    // another indicator's total that shares categories, may leave a residual that spans them all); the one whose
    // residual spans fewer soft parts wins, the first on a tie.
    const splitRow = (key: string, at: Int32Array, value: number): boolean => {
      if (!spans(at)) return false;
      const nested = nestedIn(key, at);
      const any = greedy(nested, at, () => true);
      const inside = any.span <= 1 ? any : greedy(nested, at, (k) => !spans(cellAtoms[k]));
      const { children, residual } = inside.span < any.span ? inside : any;
      if (children.length === 0) return false;
      const s = splits.length;
      splits.push({ value, children, residual });
      for (const k of children) {
        if (isHard(k, st)) continue;
        const by = hardened.get(k);
        if (by) by.push(s);
        else hardened.set(k, [s]);
      }
      return true;
    };
    if (localise) {
      for (const k of hardCells) if (splitRow(`c${k}`, cellAtoms[k], m.cells[k].value)) replaced.add(k);
      for (const j of factsOf[c]) if (splitRow(`f${j}`, factAtoms[j], facts[j].value)) replacedFacts.add(j);
    }
    // The local parts: what every remaining row links (numbered by their first atom, as the sub-model's atoms).
    const partRows = [...softRows];
    for (const k of hardCells) if (!replaced.has(k)) partRows.push(cellAtoms[k]);
    for (const j of factsOf[c]) if (!replacedFacts.has(j)) partRows.push(factAtoms[j]);
    for (const sp of splits) partRows.push(sp.residual);
    const { componentOfAtom: partOf, componentCount } = componentsOf(n, localRows(partRows));
    const parts: System[] = Array.from({ length: componentCount }, () => ({ atoms: new Int32Array(0), cells: [], facts: [], cons: [], residuals: [] }));
    const partAtoms: number[][] = Array.from({ length: componentCount }, () => []);
    for (const a of atomsOfComp[c]) partAtoms[partOf[local[a]]].push(a);
    parts.forEach((p, j) => (p.atoms = Int32Array.from(partAtoms[j])));
    const partOfRow = (at: Int32Array): number => partOf[local[at[0]]];
    for (const k of cellsHere) if (!replaced.has(k)) parts[partOfRow(cellAtoms[k])].cells.push(k);
    for (const j of factsOf[c]) if (!replacedFacts.has(j)) parts[partOfRow(factAtoms[j])].facts.push(j);
    for (const j of consOf[c]) parts[partOfRow(consAtoms[j])].cons.push(j);
    const splitsOfPart: number[][] = parts.map(() => []);
    const touch = (part: number, s: number): void => {
      const list = splitsOfPart[part];
      if (list[list.length - 1] !== s) list.push(s);
    };
    splits.forEach((sp, s) => {
      if (sp.residual.length > 0) {
        parts[partOfRow(sp.residual)].residuals.push({ atoms: sp.residual, value: sp.value - sumValues(sp.children), split: s });
        touch(partOfRow(sp.residual), s);
      }
      // (a child hard already may span parts: it is never opened)
      for (const k of sp.children) if (hardened.has(k)) touch(partOfRow(cellAtoms[k]), s);
    });
    return { parts, partOf, splits, hardened, splitsOfPart };
  };
  const sumValues = (cells: readonly number[]): number => cells.reduce((sum, k) => sum + m.cells[k].value, 0);

  /**
   * A part's group, whose LP a quantity of the part gets: the part together with up to PARTNERS other parts that share
   * a split hard row with it (those with the most suppressed cells, which a point crosses for nothing, then the largest
   * children), with those rows opened between them again (the row minus its children elsewhere, which stay hard) and
   * the parts of their residuals. `undefined` when the part shares no split row (its own LP is then exact).
   */
  const groupSystem = (loc: Localisation, p: number, st: Uint8Array): { sys: System; parts: number[]; hard: (k: number) => boolean } | undefined => {
    const opened = loc.splitsOfPart[p];
    if (opened.length === 0) return undefined;
    const free = new Map<number, number>();
    const room = new Map<number, number>();
    for (const s of opened) {
      for (const k of loc.splits[s].children) {
        if (!loc.hardened.has(k)) continue;
        const q = loc.partOf[local[cellAtoms[k][0]]];
        if (q === p) continue;
        room.set(q, (room.get(q) ?? 0) + m.cells[k].value);
        if (!free.has(q)) free.set(q, loc.parts[q].cells.filter((d) => st[d] === PRIMARY || st[d] === SECONDARY).length);
      }
    }
    const partners = [...room.keys()].sort((x, y) => free.get(y)! - free.get(x)! || room.get(y)! - room.get(x)! || x - y).slice(0, PARTNERS);
    const group = new Set([p, ...partners]);
    for (const s of opened) if (loc.splits[s].residual.length > 0) group.add(loc.partOf[local[loc.splits[s].residual[0]]]);
    // A cell made hard that the opened rows take in again (a hard one stays as it is; a made-hard cell lies in one part).
    const inGroup = (k: number): boolean => loc.hardened.has(k) && group.has(loc.partOf[local[cellAtoms[k][0]]]);
    const openedSet = new Set(opened);
    const sorted = [...group].sort((x, y) => x - y);
    const sys: System = { atoms: new Int32Array(0), cells: [], facts: [], cons: [], residuals: [] };
    const at: number[] = [];
    for (const q of sorted) {
      const part = loc.parts[q];
      at.push(...part.atoms);
      sys.cells.push(...part.cells);
      sys.facts.push(...part.facts);
      sys.cons.push(...part.cons);
      sys.residuals.push(...part.residuals.filter((r) => !openedSet.has(r.split)));
    }
    for (const s of opened) {
      const sp = loc.splits[s];
      const inside = sp.children.filter(inGroup);
      const rowAtoms = [...sp.residual];
      for (const k of inside) rowAtoms.push(...cellAtoms[k]);
      const outside = sp.children.filter((k) => !inGroup(k));
      sys.residuals.push({ atoms: Int32Array.from(rowAtoms.sort((x, y) => x - y)), value: sp.value - sumValues(outside), split: -1 });
    }
    sys.atoms = Int32Array.from(at.sort((x, y) => x - y));
    sys.cells.sort((x, y) => x - y);
    sys.facts.sort((x, y) => x - y);
    sys.cons.sort((x, y) => x - y);
    const soft = new Set<number>();
    for (const [k, by] of loc.hardened) if (inGroup(k) && by.every((s) => openedSet.has(s))) soft.add(k);
    return { sys, parts: sorted, hard: (k) => isHard(k, st) || (loc.hardened.has(k) && !soft.has(k)) };
  };

  /** The whole sub-model as one system (no localisation). */
  const wholeSystem = (c: number, st: Uint8Array): System => {
    return { atoms: atomsOfComp[c], cells: cellsOf[c].filter((k) => st[k] !== HELD), facts: factsOf[c], cons: consOf[c], residuals: [] };
  };

  return {
    complements(quantities, status) {
      const st = status.slice();
      const chosen: number[] = [];
      let stuck = 0;
      let lps = 0;
      let fallbacks = 0;
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
        const loc = localise ? localParts(c, st) : undefined;
        // Each quantity's local part, or -1 when it spans several (it gets the whole sub-model's LP).
        const partOfQ = list.map(({ at }) => {
          if (!loc) return -1;
          const p = loc.partOf[local[at[0]]];
          for (const a of at) if (loc.partOf[local[a]] !== p) return -1;
          return p;
        });
        const all: ComponentLp[] = [];
        // The LPs open on each part (its own, and the groups it is in).
        const covering = new Map<number, ComponentLp[]>();
        const register = (lp: ComponentLp, parts: readonly number[]): ComponentLp => {
          all.push(lp);
          for (const p of parts) {
            const list = covering.get(p);
            if (list) list.push(lp);
            else covering.set(p, [lp]);
          }
          return lp;
        };
        const targetsIn = (parts: readonly number[]) => {
          const set = new Set(parts);
          return list.map((e, index) => ({ index, at: e.at })).filter((t) => set.has(partOfQ[t.index]));
        };
        const partLps = new Map<number, ComponentLp>();
        const groupLps = new Map<number, ComponentLp>();
        let whole: ComponentLp | undefined;
        const partLp = (p: number): ComponentLp => {
          let lp = partLps.get(p);
          if (!lp) {
            lp = register(build(c, loc!.parts[p], (k) => isHard(k, st) || loc!.hardened.has(k), targetsIn([p])), [p]);
            partLps.set(p, lp);
          }
          return lp;
        };
        const groupLp = (p: number): ComponentLp => {
          let lp = groupLps.get(p);
          if (!lp) {
            // A group that would hold half the sub-model or more (few districts): the whole sub-model's LP instead, which
            // all its quantities share (fewer LPs to build).
            const group = groupSystem(loc!, p, st);
            lp = !group ? partLp(p) : 2 * group.sys.atoms.length >= size[c] ? wholeLp() : register(build(c, group.sys, group.hard, targetsIn(group.parts)), group.parts);
            groupLps.set(p, lp);
          }
          return lp;
        };
        const wholeLp = (): ComponentLp => {
          whole ??= register(build(c, wholeSystem(c, st), (k) => isHard(k, st), list.map((e, index) => ({ index, at: e.at }))), []);
          return whole;
        };
        try {
          list.forEach(({ q, at }, t) => {
            const known = q.known ?? [];
            // A point of `lp`: every atom outside it at its value, every cell outside it (or hard in it) exact.
            const reaches = (lp: ComponentLp, x: Float64Array): boolean => {
              let v = 0;
              for (const a of at) {
                const j = lp.varOf[local[a]];
                v += j >= 0 ? x[j] : truth[a];
              }
              if (v < q.goal - 1e-6) return false;
              for (const k of known) {
                const d = lp.devOf.get(k);
                if (d && Math.abs(x[d.u] - x[d.v]) > 1e-6) return false;
              }
              return true;
            };
            // The points found so far in this sub-model: each changes only cells suppressed since, so it stays a
            // feasible point, and a quantity it already gives room (on the same cycle, say) needs no LP of its own.
            const candidates = partOfQ[t] >= 0 ? [...(covering.get(partOfQ[t]) ?? []), ...(whole ? [whole] : [])] : all;
            if (candidates.some((lp) => lp.points.some((x) => reaches(lp, x)))) return;
            const solve = (lp: ComponentLp): boolean => {
              const row = lp.targetRow.get(t)!;
              const knownHere = known.filter((k) => lp.devOf.has(k));
              lp.session.setRowBounds(row, q.goal, Infinity);
              for (const k of knownHere) lp.session.setRowBounds(lp.devOf.get(k)!.boundRow, m.cells[k].value, m.cells[k].value);
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
              lp.session.setRowBounds(row, -Infinity, Infinity);
              for (const k of knownHere) lp.session.setRowBounds(lp.devOf.get(k)!.boundRow, lb, Infinity);
              if (out.status !== "optimal") return false;
              lp.points.push(out.x);
              for (const d of lp.dev) {
                if (st[d.k] !== PUBLISHED || Math.abs(out.x[d.u] - out.x[d.v]) <= 1e-6) continue;
                st[d.k] = SECONDARY;
                chosen.push(d.k);
              }
              return true;
            };
            // The part's group first (its own part where no split row touches it: that LP is then exact); the whole
            // sub-model only when that gives the quantity no room.
            const p = partOfQ[t];
            if (p >= 0) {
              const lp = groupLp(p);
              if (solve(lp)) return;
              if (lp === whole) {
                stuck++;
                return;
              }
              fallbacks++;
            }
            if (!solve(wholeLp())) stuck++;
          });
        } finally {
          for (const lp of all) lp.session.dispose();
        }
      }
      return { cells: chosen.sort((x, y) => x - y), stuck, lps, fallbacks };
    },
  };
}
