// The attacker audit, independent of the suppressor: from the model, the published pattern and the known facts it
// rebuilds the attacker's LP (variables: inner cells ≥ 0; published cells and unchanged facts: equalities;
// suppressed cells: ≥ 1 when zeros are published; extra constraints as given) and bounds every sensitive quantity.
// A quantity is protected when its maximum is at least T and its interval at least W wide. The sensitive quantities
// are the suppressed cells that are primary (labelled so, or 1 ≤ n < T by the data), small implied quantities and
// revisions; a secondary cell only protects them and carries no requirement of its own (as in τ-Argus and
// sdcTable), unless `protectEverySuppressed` asks for the strict reading (every suppressed cell), as the deliveries do.
import { atomsOf, buildAtoms, localIndices, type RowSpec } from "./audit-structure";
import type { LpProblem, LpRow, LpSession, LpSolver } from "./lp";
import {
  canonicalKey,
  compileModel,
  innerIndicesOf,
  sumOver,
  type CellStatus,
  type CompiledModel,
  type CoverModel,
  type FixedFact,
  type ModelIssue,
} from "./model";
import type { DisclosureRule } from "./rule";

export interface Insider {
  id: string;
  /** Published cell ids the insider knows exactly (its own suppressed cells). */
  knows: readonly string[];
  /**
   * Inner cell ids that are the insider's own data (its own rows, known to it one by one). A sensitive quantity made
   * only of these is the insider's own fact, not a disclosure to it, so it is not checked for this insider; every
   * other quantity is, with `knows` as equalities. Without it only the known cells themselves are left out.
   */
  own?: readonly string[];
}

/** What the audit needs: the solver, the rule, and what the attacker knows besides the published cells. */
export interface AuditOptions {
  solver: LpSolver;
  rule: DisclosureRule;
  /** Values published in earlier rounds. */
  fixedFacts?: readonly FixedFact[];
  insiders?: readonly Insider[];
  /** Compute exact bounds of every checked quantity (otherwise a feasible witness may prove protection). */
  exact?: boolean;
}

export type FailureKind = "cell" | "implied" | "revision" | "suppressed-zero" | "infeasible";

export interface AuditFailure {
  /** A published cell id, `implied:<inner ids>`, a fact id, or a component id for infeasibility. */
  cellId: string;
  kind: FailureKind;
  min: number;
  max: number;
  /** The inner ids of the quantity, for a suppressor to act on. */
  inner: string[];
  insider?: string;
}

export type PatternIssue =
  | ModelIssue
  | { code: "missing-status" | "status-mismatch" | "never-suppress-suppressed" | "bad-fact"; message: string; ref?: string };

export interface AuditResult {
  ok: boolean;
  issues: PatternIssue[];
  failures: AuditFailure[];
  /** Exact bounds of each checked quantity (only with `exact`). */
  bounds: Map<string, { min: number; max: number }>;
  stats: { components: number; variables: number; lps: number; targets: number };
}

const EPS = 1e-6;

interface Target {
  id: string;
  kind: "cell" | "implied" | "revision";
  atoms: Int32Array;
  /** The same atoms as indices of the component's LP variables. */
  local: Int32Array;
  truth: number;
  /** Old value of a revised cell (protection is about the difference). */
  old?: number;
  cell?: number;
}

/**
 * A point offered to the audit as a possible witness: a value for some of the model's inner cells (indices in the order
 * of `CoverModel.inner`; the others are 0). The audit trusts none: it sums the values into its own atoms, and uses a
 * point only for the scenarios whose every row (as the audit builds it from the model, the pattern and the facts, an
 * insider's known cells exact) the point satisfies. A verified feasible point is a proof, whoever found it.
 */
export interface WitnessHint {
  inner: Int32Array;
  value: Float64Array;
}

export async function auditPattern(
  model: CoverModel,
  pattern: ReadonlyMap<string, CellStatus>,
  options: AuditOptions,
  /** Candidate witnesses (a protector's LP points, say): they only spare LPs, never decide anything unverified. */
  hints: readonly WitnessHint[] = [],
): Promise<AuditResult> {
  const prep = prepare(model, pattern, options);
  if (!prep.ok) return prep.result;
  const { failures, bounds, stats } = prep;
  const offered = prep.hintsByComponent(hints);
  prep.comps.forEach((comp, c) => {
    if (comp.targets.length === 0) return;
    // Opened when the first LP is needed (witnesses may prove every target without one).
    const session = lazySession(options.solver, { numVars: prep.compSize[c], rows: comp.rows });
    try {
      prep.checkComponent(c, session, failures, bounds, undefined, offered.get(c));
    } finally {
      session.dispose();
    }
  });
  failures.sort(byFailure);
  return { ok: failures.length === 0, issues: [], failures, bounds, stats };
}

/** An LP session opened on its first solve; row bound changes before that are applied then. */
function lazySession(solver: LpSolver, problem: LpProblem): LpSession {
  let session: LpSession | undefined;
  const pending = new Map<number, [number, number]>();
  return {
    optimise(vars, sense) {
      if (!session) {
        session = solver.open(problem);
        for (const [row, [lower, upper]] of pending) session.setRowBounds(row, lower, upper);
        pending.clear();
      }
      return session.optimise(vars, sense);
    },
    setRowBounds(row, lower, upper) {
      if (session) session.setRowBounds(row, lower, upper);
      else pending.set(row, [lower, upper]);
    },
    dispose() {
      session?.dispose();
    },
  };
}

function byFailure(a: AuditFailure, b: AuditFailure): number {
  return a.cellId < b.cellId ? -1 : a.cellId > b.cellId ? 1 : (a.insider ?? "").localeCompare(b.insider ?? "");
}

/**
 * The audit as an oracle for a suppressor that wants to publish suppressed cells again: `tryPublish` makes the given
 * suppressed cells published (equalities) in the LP of their components and checks every sensitive quantity of
 * those components again, with every insider; it keeps them published when all stay protected and reverts otherwise.
 * LP sessions stay open between calls (warm starts). The verdicts are the audit's own; `auditPattern` on the final
 * pattern is still the check that counts.
 */
export interface AuditProbe {
  tryPublish(cellIds: readonly string[]): boolean;
  /**
   * Publishes suppressed cells unconditionally (a local search that will repair what breaks) and returns every failure
   * of their sub-models, with every insider; `suppress` undoes it.
   */
  publish(cellIds: readonly string[]): AuditFailure[];
  /**
   * Suppresses published cells (a suppressor that adds complements). Suppressing only relaxes the attacker's LP, so
   * every quantity already shown protected stays so; `failures` bounds only the others.
   */
  suppress(cells: readonly { id: string; status: "primary" | "secondary" }[]): void;
  /**
   * From now on every suppressed cell is a quantity to protect (the strict reading), not only the sensitive ones: the
   * witnesses found so far are kept.
   */
  requireEverySuppressed(): void;
  /** The audit's failures for the current pattern (every sub-model; quantities with valid witnesses are not bounded again). */
  failures(): AuditFailure[];
  /** LPs solved so far (a measure of the work, for budgets that must not depend on time). */
  readonly lps: number;
  /** The audit's sub-model (component) of a cell, or -1 for an unknown cell. */
  componentOf(cellId: string): number;
  /** The feasible points found so far (witnesses and kept LP solutions), for an audit of the final pattern to verify and reuse. */
  witnessPoints(): WitnessHint[];
  dispose(): void;
}

export function openAuditProbe(model: CoverModel, pattern: ReadonlyMap<string, CellStatus>, options: AuditOptions): AuditProbe | null {
  const prep = prepare(model, pattern, options);
  if (!prep.ok) return null;
  const sessions = new Map<number, LpSession>();
  const caches = new Map<number, WitnessCache>();
  const suspects = new Map<number, { insider: string; id: string }[]>();
  // A component's witnesses; on the first visit every target is bounded and its witnesses kept.
  const cacheOf = (c: number): WitnessCache => {
    let cache = caches.get(c);
    if (!cache) {
      cache = new Map();
      caches.set(c, cache);
    }
    return cache;
  };
  const sessionOf = (c: number): LpSession => {
    let session = sessions.get(c);
    if (!session) {
      session = options.solver.open({ numVars: prep.compSize[c], rows: prep.comps[c].rows });
      sessions.set(c, session);
    }
    return session;
  };
  // Publishes the cells and checks their sub-models: `verdict` stops at the first failure and reverts on failure
  // (`tryPublish`); otherwise every failure is returned and the cells stay published (`publish`).
  const publishCells = (cellIds: readonly string[], verdict: boolean): AuditFailure[] => {
    const cells = [...new Set(cellIds.map((id) => prep.m.cellIndex.get(id)))].filter((k): k is number => k !== undefined && isSuppressed(prep.status[k]));
    const touched = [...new Set(cells.map((k) => prep.componentOfCell(k)))].sort((a, b) => a - b);
    const undo: (() => void)[] = [];
    for (const k of cells) {
      const c = prep.componentOfCell(k);
      const comp = prep.comps[c];
      const row = comp.cellRow.get(k)!;
      const before = { ...comp.rows[row] };
      const value = prep.m.cells[k].value;
      comp.rows[row] = { ...before, lower: value, upper: value };
      sessionOf(c).setRowBounds(row, value, value);
      const targets = comp.targets;
      comp.targets = targets.filter((t) => t.cell !== k);
      const status = prep.status[k];
      prep.status[k] = "published";
      undo.push(() => {
        comp.rows[row] = before;
        sessionOf(c).setRowBounds(row, before.lower, before.upper);
        comp.targets = targets;
        prep.status[k] = status;
      });
    }
    const failures: AuditFailure[] = [];
    for (const c of touched) {
      if (prep.comps[c].targets.length === 0) continue;
      const changed = cells.filter((k) => prep.componentOfCell(k) === c);
      const list = suspects.get(c) ?? [];
      prep.checkComponent(c, sessionOf(c), failures, new Map(), { cache: cacheOf(c), changed, stopAtFirst: verdict, suspects: list });
      if (failures.length > 0 && verdict) {
        const f = { insider: failures[0].insider ?? "", id: failures[0].cellId };
        suspects.set(c, [f, ...list.filter((x) => x.insider !== f.insider || x.id !== f.id)].slice(0, SUSPECTS));
        break;
      }
    }
    if (failures.length > 0 && verdict) for (const u of undo.reverse()) u();
    else
      for (const k of cells) {
        // A published cell is no target: its witnesses would be stale if it were suppressed again.
        for (const scCache of caches.get(prep.componentOfCell(k))?.values() ?? []) scCache.delete(prep.m.cells[k].ids[0]);
      }
    return failures.sort(byFailure);
  };
  return {
    tryPublish(cellIds) {
      return publishCells(cellIds, true).length === 0;
    },
    publish(cellIds) {
      return publishCells(cellIds, false);
    },
    suppress(cells) {
      for (const { id, status } of cells) {
        const k = prep.m.cellIndex.get(id);
        if (k === undefined || prep.status[k] !== "published") continue;
        const comp: CompRows = prep.comps[prep.componentOfCell(k)];
        const row = comp.cellRow.get(k)!;
        const lower = prep.m.cells[k].value === 0 ? 0 : prep.lb;
        comp.rows[row] = { ...comp.rows[row], lower, upper: Infinity };
        sessions.get(prep.componentOfCell(k))?.setRowBounds(row, lower, Infinity);
        prep.status[k] = status;
        const target = prep.cellTarget(k, status);
        if (target) comp.targets.push(target);
      }
    },
    failures() {
      const out: AuditFailure[] = [];
      prep.comps.forEach((comp, c) => {
        if (comp.targets.length > 0) prep.checkComponent(c, sessionOf(c), out, new Map(), { cache: cacheOf(c), changed: [], stopAtFirst: false });
      });
      return out.sort(byFailure);
    },
    requireEverySuppressed() {
      prep.requireEverySuppressed();
    },
    get lps() {
      return prep.stats.lps;
    },
    componentOf(cellId) {
      const k = prep.m.cellIndex.get(cellId);
      return k === undefined ? -1 : prep.componentOfCell(k);
    },
    witnessPoints() {
      const out: WitnessHint[] = [];
      prep.comps.forEach((_, c) => {
        const seen = new Set<Float64Array>();
        const add = (x: Witness): void => {
          if (!x || seen.has(x)) return;
          seen.add(x);
          out.push(prep.toHint(c, x));
        };
        for (const p of prep.pools[c]) add(p.x);
        for (const byTarget of caches.get(c)?.values() ?? [])
          for (const w of byTarget.values()) {
            add(w.lo);
            add(w.hi);
          }
      });
      return out;
    },
    dispose() {
      for (const session of sessions.values()) session.dispose();
      sessions.clear();
    },
  };
}

/** Per component: the witnesses that proved each target, by scenario (the insider's id, "" for the outsider) and target id. */
type WitnessCache = Map<string, Map<string, { lo: Witness; hi: Witness }>>;

/** A probe's check of one component: its witnesses, the cells published since they were found, and whether only the
 * verdict is wanted (stop at the first unprotected quantity). */
interface ProbeCheck {
  cache: WitnessCache;
  changed: readonly number[];
  stopAtFirst: boolean;
  /**
   * The quantities (scenario and target id) that refused this component's latest probes, latest first: a probe of
   * part of a refused batch is most often refused by the same one, so those scenarios and targets are checked first.
   */
  suspects?: { insider: string; id: string }[];
}

interface CompRows {
  rows: LpRow[];
  cellRow: Map<number, number>;
  targets: Target[];
}

type Prepared =
  | { ok: false; result: AuditResult }
  | {
      ok: true;
      m: CompiledModel;
      status: CellStatus[];
      comps: CompRows[];
      compSize: Int32Array;
      componentOfCell: (k: number) => number;
      cellTarget: (k: number, st: CellStatus) => Target | undefined;
      /** Makes every suppressed cell a target from now on. */
      requireEverySuppressed: () => void;
      lb: number;
      failures: AuditFailure[];
      bounds: Map<string, { min: number; max: number }>;
      stats: AuditResult["stats"];
      /** Bounds the component's targets for the outsider and every insider; appends failures. */
      checkComponent: (
        c: number,
        session: LpSession,
        failures: AuditFailure[],
        bounds: Map<string, { min: number; max: number }>,
        probe?: ProbeCheck,
        offered?: readonly PoolPoint[],
      ) => void;
      /** The kept LP points per component. */
      pools: PoolPoint[][];
      /** A component's point as inner-cell values. */
      toHint: (c: number, x: Float64Array) => WitnessHint;
      /** Offered points as points of this audit's components (with their row activities), by component. */
      hintsByComponent: (hints: readonly WitnessHint[]) => Map<number, PoolPoint[]>;
    };

function prepare(model: CoverModel, pattern: ReadonlyMap<string, CellStatus>, options: AuditOptions): Prepared {
  const { threshold: T, minWidth: W, lowerBound: lb } = options.rule;
  const empty = (issues: PatternIssue[]): Prepared => ({
    ok: false,
    result: { ok: false, issues, failures: [], bounds: new Map(), stats: { components: 0, variables: 0, lps: 0, targets: 0 } },
  });
  const compiled = compileModel(model);
  if (!compiled.ok) return empty(compiled.issues);
  const m = compiled.value;
  const statusOf = resolveStatuses(m, pattern);
  if (!statusOf.ok) return empty(statusOf.issues);
  const status = statusOf.value;
  const facts = resolveFacts(m, options.fixedFacts ?? []);
  if (!facts.ok) return empty(facts.issues);

  const failures: AuditFailure[] = [];
  const innerNames = (inner: ArrayLike<number>): string[] => Array.from(inner, (i) => m.innerIds[i]);
  m.cells.forEach((c, k) => {
    if (lb === 1 && isSuppressed(status[k]) && c.value === 0) {
      failures.push({ cellId: c.ids[0], kind: "suppressed-zero", min: 0, max: 0, inner: innerNames(c.inner) });
    }
  });

  // Rows: every distinct cell, then unchanged facts, then extra constraints, then revised facts (targets only).
  const rowSpecs: RowSpec[] = m.cells.map((c) => ({ inner: c.inner }));
  const factRow0 = rowSpecs.length;
  for (const f of facts.value.unchanged) rowSpecs.push({ inner: f.inner });
  const conRow0 = rowSpecs.length;
  for (const c of m.constraints) rowSpecs.push({ inner: c.inner, coefs: c.coefs });
  const revRow0 = rowSpecs.length;
  for (const r of facts.value.revised) rowSpecs.push({ inner: r.inner });
  const atoms = buildAtoms(m.innerIds.length, rowSpecs);
  const atomValue = atoms.atomInner.map((inner) => sumOver(inner, m.innerCounts));

  // LP rows, grouped by component.
  const comps: CompRows[] = Array.from({ length: atoms.componentCount }, () => ({ rows: [], cellRow: new Map(), targets: [] }));
  const { local: localIndex, size: compSize } = localIndices(atoms);
  const compAtoms: number[][] = Array.from({ length: atoms.componentCount }, () => []);
  for (let a = 0; a < atoms.atomInner.length; a++) compAtoms[atoms.componentOfAtom[a]].push(a);
  const toLocal = (globalAtoms: Int32Array): Int32Array => Int32Array.from(globalAtoms, (a) => localIndex[a]);
  const compOf = (globalAtoms: Int32Array): number => atoms.componentOfAtom[globalAtoms[0]];
  const sumRow = (globalAtoms: Int32Array, lower: number, upper: number): LpRow => ({
    indices: toLocal(globalAtoms),
    coefs: new Float64Array(globalAtoms.length).fill(1),
    lower,
    upper,
  });

  const cellAtoms = m.cells.map((c) => atomsOf(c.inner, atoms.atomOfInner));
  /** A suppressed cell is a sensitive quantity when primary, small by the data, or when every suppressed cell must be wide. */
  let everySuppressed = options.rule.protectEverySuppressed;
  const cellTarget = (k: number, st: CellStatus): Target | undefined => {
    const c = m.cells[k];
    const sensitive = st === "primary" || (c.value >= 1 && c.value < T) || everySuppressed;
    return sensitive ? { id: c.ids[0], kind: "cell", atoms: cellAtoms[k], local: toLocal(cellAtoms[k]), truth: c.value, cell: k } : undefined;
  };
  m.cells.forEach((c, k) => {
    const st = status[k];
    if (st === "held") return;
    const comp = comps[compOf(cellAtoms[k])];
    if (st === "published") {
      comp.cellRow.set(k, comp.rows.length);
      comp.rows.push(sumRow(cellAtoms[k], c.value, c.value));
    } else {
      comp.cellRow.set(k, comp.rows.length);
      const lower = c.value === 0 ? 0 : lb;
      comp.rows.push(sumRow(cellAtoms[k], lower, Infinity));
      const target = cellTarget(k, st);
      if (target) comp.targets.push(target);
    }
  });
  facts.value.unchanged.forEach((f, k) => {
    const at = atomsOf(rowSpecs[factRow0 + k].inner, atoms.atomOfInner);
    comps[compOf(at)].rows.push(sumRow(at, f.value, f.value));
  });
  m.constraints.forEach((c, k) => {
    if (c.inner.length === 0) return;
    // Every inner cell of an atom has the same coefficient here, so one entry per atom.
    const coefOfAtom = new Map<number, number>();
    for (let j = 0; j < c.inner.length; j++) coefOfAtom.set(atoms.atomOfInner[c.inner[j]], c.coefs[j]);
    const at = atomsOf(rowSpecs[conRow0 + k].inner, atoms.atomOfInner);
    comps[compOf(at)].rows.push({
      indices: toLocal(at),
      coefs: Float64Array.from(at, (a) => coefOfAtom.get(a) ?? 0),
      lower: c.lower,
      upper: c.upper,
    });
  });
  facts.value.revised.forEach((r, k) => {
    const delta = r.current - r.value;
    if (Math.abs(delta) < 1 || Math.abs(delta) >= T) return;
    const at = atomsOf(rowSpecs[revRow0 + k].inner, atoms.atomOfInner);
    comps[compOf(at)].targets.push({ id: r.id, kind: "revision", atoms: at, local: toLocal(at), truth: r.current, old: r.value });
  });
  if (options.rule.checkImplied) {
    const singleAtomCell = new Set<number>();
    cellAtoms.forEach((at) => {
      if (at.length === 1) singleAtomCell.add(at[0]);
    });
    atoms.atomInner.forEach((inner, a) => {
      if (singleAtomCell.has(a) || atomValue[a] < 1 || atomValue[a] >= T) return;
      if (inner.every((i) => m.innerPseudo[i] === 1)) return;
      const at = Int32Array.of(a);
      comps[atoms.componentOfAtom[a]].targets.push({ id: `implied:${innerNames(inner).join("+")}`, kind: "implied", atoms: at, local: toLocal(at), truth: atomValue[a] });
    });
  }

  const stats = { components: atoms.componentCount, variables: atoms.atomInner.length, lps: 0, targets: 0 };
  const bounds = new Map<string, { min: number; max: number }>();
  const protects = (t: Target, lo: number, hi: number): boolean => {
    if (hi - lo < W - EPS) return false;
    if (t.old === undefined) return hi >= T - EPS;
    return Math.max(Math.abs(hi - t.old), Math.abs(lo - t.old)) >= T - EPS;
  };

  const insiderKnown = (options.insiders ?? []).map((ins) => {
    const own = new Uint8Array(m.innerIds.length);
    for (const id of ins.own ?? []) {
      const i = m.innerIndex.get(id);
      if (i !== undefined) own[i] = 1;
    }
    // Per component, the cells it knows there (filtered by the current status where used: a probe changes statuses).
    const cellsOf = new Map<number, number[]>();
    for (const id of ins.knows) {
      const k = m.cellIndex.get(id);
      if (k === undefined || cellAtoms[k].length === 0) continue;
      const c = compOf(cellAtoms[k]);
      const list = cellsOf.get(c) ?? [];
      list.push(k);
      cellsOf.set(c, list);
    }
    return { id: ins.id, cellsOf, own, hasOwn: ins.own !== undefined && ins.own.length > 0, ownTarget: new WeakMap<Target, boolean>() };
  });
  const targetInner = (t: Target): ArrayLike<number> =>
    t.cell !== undefined ? m.cells[t.cell].inner : Array.from(t.atoms).flatMap((a) => Array.from(atoms.atomInner[a]));
  const innerOfTarget = (t: Target): string[] => innerNames(targetInner(t));
  /** Whether a target is made only of the insider's own inner cells (its own fact, not checked for it); once per target. */
  const ownBy = (ins: (typeof insiderKnown)[number], t: Target): boolean => {
    let own = ins.ownTarget.get(t);
    if (own === undefined) {
      own = false;
      if (ins.hasOwn) {
        const inner = targetInner(t);
        own = inner.length > 0;
        for (let j = 0; j < inner.length && own; j++) if (ins.own[inner[j]] !== 1) own = false;
      }
      ins.ownTarget.set(t, own);
    }
    return own;
  };

  // Per component: the latest LP solutions, reused as witnesses wherever they are still feasible. Each keeps its row
  // activities (the matrix never changes, only row bounds do), so checking it against the rows as they stand is cheap.
  const pools: PoolPoint[][] = comps.map(() => []);
  const checkComponent = (
    c: number,
    session: LpSession,
    out: AuditFailure[],
    boundsOut: Map<string, { min: number; max: number }>,
    probe?: ProbeCheck,
    offered: readonly PoolPoint[] = [],
  ): void => {
    const comp = comps[c];
    const cache = probe?.cache;
    const stopAtFirst = probe?.stopAtFirst === true;
    // With a cache: a target whose two witnesses still satisfy every newly published cell is still protected.
    const changed = (probe?.changed ?? []).map((k) => ({ atoms: toLocal(cellAtoms[k]), value: m.cells[k].value }));
    // Witnesses are shared (a joint LP's point proves many targets): each point is checked once per call.
    const checked = new Map<Float64Array, boolean>();
    const stillFeasible = (x: Witness): boolean => {
      if (x === null) return true;
      if (x === undefined) return false;
      let ok = checked.get(x);
      if (ok === undefined) {
        ok = changed.every(({ atoms: at, value }) => Math.abs(sumAt(x, at) - value) <= 1e-6);
        checked.set(x, ok);
      }
      return ok;
    };
    const scenarios: { insider?: string; known: number[]; targets: Target[] }[] = [{ known: [], targets: comp.targets }];
    for (const ins of insiderKnown) {
      const known = (ins.cellsOf.get(c) ?? []).filter((k) => comp.cellRow.has(k) && isSuppressed(status[k]));
      if (known.length === 0) continue;
      // The insider's own facts (its known cells, and with `own` every quantity made only of its own rows) are not
      // disclosures to it; every other target is bounded with its knowledge as equalities.
      const knownSet = new Set(known);
      const targets = comp.targets.filter((t) => (t.cell === undefined || !knownSet.has(t.cell)) && !ownBy(ins, t));
      if (targets.length > 0) scenarios.push({ insider: ins.id, known, targets });
    }
    const suspects = probe?.suspects ?? [];
    if (stopAtFirst && suspects.length > 0) {
      const rank = (sc: { insider?: string }): number => {
        const r = suspects.findIndex((x) => x.insider === (sc.insider ?? ""));
        return r < 0 ? suspects.length : r;
      };
      // Stable: the outsider, then the insiders, each group in order, the suspects' scenarios first.
      scenarios.sort((a, b) => rank(a) - rank(b));
    }
    for (const sc of scenarios) {
      let scCache: Map<string, { lo: Witness; hi: Witness }> | undefined;
      if (cache) {
        scCache = cache.get(sc.insider ?? "");
        if (!scCache) cache.set(sc.insider ?? "", (scCache = new Map()));
      }
      const targets = scCache
        ? sc.targets.filter((t) => {
            const w = scCache.get(t.id);
            return !w || !stillFeasible(w.lo) || !stillFeasible(w.hi);
          })
        : sc.targets;
      // For a verdict only, bound first the quantities that were narrowest (by their last witnesses): a refusal is
      // then found early. The order does not change the verdict.
      let leading = 0;
      if (scCache && stopAtFirst) {
        const width = new Map<Target, number>();
        for (const t of targets) {
          const w = scCache.get(t.id);
          const valueAt = (x: Witness): number => (x === null ? t.truth : x === undefined ? Infinity : sumAt(x, t.local));
          width.set(t, w ? valueAt(w.hi) - valueAt(w.lo) : -1);
        }
        const rank = new Map<string, number>();
        suspects.forEach((x, r) => {
          if (x.insider === (sc.insider ?? "") && !rank.has(x.id)) rank.set(x.id, r);
        });
        targets.sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity) || width.get(a)! - width.get(b)!);
        leading = targets.filter((t) => rank.has(t.id)).length;
      }
      if (targets.length === 0) continue;
      for (const k of sc.known) session.setRowBounds(comp.cellRow.get(k)!, m.cells[k].value, m.cells[k].value);
      stats.targets += targets.length;
      // Points found by earlier LPs of this component that are feasible here (every row as it now stands, the
      // insider's known cells exact) are witnesses too, before any LP is solved.
      const pool = pools[c];
      const knownRows = sc.known.map((k) => ({ row: comp.cellRow.get(k)!, value: m.cells[k].value }));
      const seeds = [...pool, ...offered].filter((p) => feasibleAt(p, comp.rows, knownRows)).map((p) => p.x);
      const result = boundTargets(session, targets, protects, options.exact === true, stopAtFirst, seeds, leading);
      stats.lps += result.lps;
      for (const { x, rows } of result.points) {
        // The solver's row activities where it gives them (a solution of this very LP), else computed.
        pool.push({ x, act: rows && rows.length === comp.rows.length ? rows : activities(x, comp.rows) });
        if (pool.length > POOL_SIZE) pool.shift();
      }
      if (scCache)
        targets.forEach((t, k) => {
          if (result.proven[k]) scCache.set(t.id, { lo: result.witnessLo[k], hi: result.witnessHi[k] });
          else if (result.decided[k]) scCache.delete(t.id);
        });
      if (result.infeasible) {
        out.push({ cellId: `component:${c}`, kind: "infeasible", min: NaN, max: NaN, inner: [], insider: sc.insider });
      }
      targets.forEach((t, k) => {
        const lo = result.lo[k];
        const hi = result.hi[k];
        if (!sc.insider && options.exact) boundsOut.set(t.id, { min: lo, max: hi });
        if (!result.infeasible && !result.proven[k] && result.decided[k]) {
          out.push({ cellId: t.id, kind: t.kind, min: lo, max: hi, inner: innerOfTarget(t), insider: sc.insider });
        }
      });
      for (const k of sc.known) session.setRowBounds(comp.cellRow.get(k)!, m.cells[k].value === 0 ? 0 : lb, Infinity);
      // A probe only needs the verdict: the first failing scenario settles it.
      if (stopAtFirst && out.length > 0) return;
    }
  };
  return {
    ok: true,
    m,
    status,
    comps,
    compSize,
    componentOfCell: (k) => compOf(cellAtoms[k]),
    pools,
    toHint: (c, x) => {
      const inner: number[] = [];
      const value: number[] = [];
      for (const a of compAtoms[c]) {
        const v = x[localIndex[a]];
        if (v === 0) continue;
        inner.push(atoms.atomInner[a][0]);
        value.push(v);
      }
      return { inner: Int32Array.from(inner), value: Float64Array.from(value) };
    },
    hintsByComponent: (hints) => {
      const out = new Map<number, PoolPoint[]>();
      for (const h of hints) {
        if (h.inner.length === 0 || h.inner.length !== h.value.length) continue;
        const first = h.inner[0] >= 0 && h.inner[0] < atoms.atomOfInner.length ? atoms.atomOfInner[h.inner[0]] : -1;
        if (first < 0) continue;
        const c = atoms.componentOfAtom[first];
        const x = new Float64Array(compSize[c]);
        let ok = true;
        for (let j = 0; j < h.inner.length && ok; j++) {
          const i = h.inner[j];
          const a = i >= 0 && i < atoms.atomOfInner.length ? atoms.atomOfInner[i] : -1;
          if (a < 0 || atoms.componentOfAtom[a] !== c || !Number.isFinite(h.value[j])) ok = false;
          else x[localIndex[a]] += h.value[j];
        }
        // Every variable of the attacker's LP is non-negative.
        for (let j = 0; j < x.length && ok; j++) if (x[j] < -1e-6) ok = false;
        if (!ok) continue;
        const list = out.get(c) ?? [];
        list.push({ x, act: activities(x, comps[c].rows) });
        out.set(c, list);
      }
      return out;
    },
    cellTarget,
    requireEverySuppressed: () => {
      if (everySuppressed) return;
      everySuppressed = true;
      m.cells.forEach((_, k) => {
        const comp = comps[compOf(cellAtoms[k])];
        if (!isSuppressed(status[k]) || !comp.cellRow.has(k) || comp.targets.some((t) => t.cell === k)) return;
        const target = cellTarget(k, status[k]);
        if (target) comp.targets.push(target);
      });
    },
    lb,
    failures,
    bounds,
    stats,
    checkComponent,
  };
}

function isSuppressed(s: CellStatus): boolean {
  return s === "primary" || s === "secondary";
}

/** A feasible point of the attacker's LP: null for the data itself, undefined when there is none (an unbounded side). */
type Witness = Float64Array | null | undefined;

/** At most this many rounds of joint LPs before the quantities still unproven are bounded one by one. */
const UNION_ROUNDS = 4;

/** A probe remembers this many of the quantities that refused its latest probes per component (checked first). */
const SUSPECTS = 4;

/** A probe bounds this many of its narrowest targets one by one before the joint LPs (see `boundTargets`). */
const EARLY_SINGLES = 6;

/** LP solutions kept per component for reuse as witnesses. */
const POOL_SIZE = 24;

/** An LP solution kept for reuse, with its row activities. */
interface PoolPoint {
  x: Float64Array;
  act: Float64Array;
}

/** The activity of every row at a point. */
function activities(x: Float64Array, rows: readonly LpRow[]): Float64Array {
  const act = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    let v = 0;
    for (let j = 0; j < row.indices.length; j++) v += row.coefs[j] * x[row.indices[j]];
    act[r] = v;
  }
  return act;
}

/** Whether a kept point satisfies every row as it now stands, and the given rows (an insider's known cells) exactly. */
function feasibleAt(p: PoolPoint, rows: readonly LpRow[], exact: readonly { row: number; value: number }[]): boolean {
  const act = p.act;
  for (let r = 0; r < rows.length; r++) {
    const v = act[r];
    const row = rows[r];
    if (v < row.lower - 1e-6 || v > row.upper + 1e-6) return false;
  }
  for (const { row, value } of exact) if (Math.abs(act[row] - value) > 1e-6) return false;
  return true;
}

/** A quantity's value at a point: the sum over its (local) atoms. */
function sumAt(x: Float64Array, atoms: ArrayLike<number>): number {
  let v = 0;
  for (let j = 0; j < atoms.length; j++) v += x[atoms[j]];
  return v;
}

/** Bounds the targets, using every LP solution as a feasible witness; exact LPs only where witnesses do not prove protection. */
function boundTargets(
  session: LpSession,
  targets: Target[],
  protects: (t: Target, lo: number, hi: number) => boolean,
  exact: boolean,
  stopAtFirst: boolean,
  /** Feasible points known already (witnesses before any LP). */
  seeds: readonly Float64Array[],
  /** With `stopAtFirst`: the first this many targets are bounded first (suspects). */
  leading: number,
): {
  lo: number[];
  hi: number[];
  proven: boolean[];
  /** Per target: proven, or bounded by its own LPs (a probe that stops early leaves the others undecided). */
  decided: boolean[];
  infeasible: boolean;
  lps: number;
  witnessLo: Witness[];
  witnessHi: Witness[];
  /** The LP solutions found (feasible points, for reuse). */
  points: { x: Float64Array; rows?: Float64Array }[];
} {
  const local = targets.map((t) => t.local);
  const lo = targets.map((t) => t.truth);
  const hi = targets.map((t) => t.truth);
  // The feasible points that attain lo and hi: null is the data itself (always feasible).
  const witnessLo: Witness[] = targets.map(() => null);
  const witnessHi: Witness[] = targets.map(() => null);
  const exactLo = targets.map(() => false);
  const exactHi = targets.map(() => false);
  const proven = targets.map(() => false);
  let lps = 0;
  const points: { x: Float64Array; rows?: Float64Array }[] = [];
  const observe = (x: Float64Array): void => {
    targets.forEach((t, k) => {
      if (proven[k] && !exact) return;
      const v = sumAt(x, local[k]);
      if (v < lo[k] && !exactLo[k]) {
        lo[k] = v;
        witnessLo[k] = x;
      }
      if (v > hi[k] && !exactHi[k]) {
        hi[k] = v;
        witnessHi[k] = x;
      }
    });
  };
  const settle = (): void => {
    targets.forEach((t, k) => {
      if (!exact && !proven[k] && protects(t, lo[k], hi[k])) proven[k] = true;
    });
  };
  const solve = (vars: Int32Array, sense: "min" | "max"): { ok: boolean; unbounded: boolean; infeasible: boolean; value: number } => {
    lps++;
    const out = session.optimise(vars, sense);
    if (out.status === "optimal") {
      observe(out.x);
      points.push({ x: out.x, rows: out.rows });
      return { ok: true, unbounded: false, infeasible: false, value: out.value };
    }
    if (out.status === "unbounded") return { ok: false, unbounded: true, infeasible: false, value: NaN };
    if (out.status === "infeasible") return { ok: false, unbounded: false, infeasible: true, value: NaN };
    throw new Error(`LP solver failed: ${out.message}`);
  };
  for (const x of seeds) observe(x);
  settle();
  const bounded = targets.map(() => false);
  const done = (all: boolean, infeasible = false) => ({
    lo,
    hi,
    proven,
    decided: targets.map((_, k) => all || proven[k] || bounded[k]),
    infeasible,
    lps,
    witnessLo,
    witnessHi,
    points,
  });
  // Bounds target k exactly (its maximum, then its minimum unless that settles it): "proven", "failed" or "infeasible".
  const bound = (k: number): "proven" | "failed" | "infeasible" => {
    bounded[k] = true;
    const maxR = solve(local[k], "max");
    if (maxR.infeasible) return "infeasible";
    hi[k] = maxR.unbounded ? Infinity : maxR.value;
    if (maxR.unbounded) witnessHi[k] = undefined;
    exactHi[k] = true;
    settle();
    if (proven[k]) return "proven";
    // Too low a maximum fails whatever the minimum (reported then as the lowest value seen): no second LP.
    if (!exact && !protects(targets[k], -Infinity, hi[k])) return "failed";
    const minR = solve(local[k], "min");
    if (minR.infeasible) return "infeasible";
    lo[k] = minR.value;
    exactLo[k] = true;
    if (protects(targets[k], lo[k], hi[k])) proven[k] = true;
    return proven[k] ? "proven" : "failed";
  };
  // Only the verdict is wanted (a probe): most probes are refused, nearly always by a quantity that refused a probe
  // just before (the first `leading` targets) or by one of the narrowest by their last witnesses (the next ones), so
  // those are bounded one by one before any joint LP. The first unprotected target settles it; the others stay undecided.
  // (The order changes which LPs are solved, never the verdict.)
  if (stopAtFirst && !exact) {
    for (let k = 0, tried = 0; k < targets.length && tried < Math.max(EARLY_SINGLES, leading); k++) {
      if (proven[k]) continue;
      tried++;
      const r = bound(k);
      if (r === "infeasible") return done(true, true);
      if (r === "failed") return done(false);
    }
  }
  // Joint LPs: maximise (then minimise) the sum of every quantity not yet proven protected; each solution is a
  // witness for all of them at once. Repeated over the ones still unproven while that proves more than it costs.
  for (let round = 0; !exact && round < UNION_ROUNDS; round++) {
    const open = proven.reduce((n, p) => n + (p ? 0 : 1), 0);
    if (open === 0) break;
    for (const sense of ["max", "min"] as const) {
      const union = new Set<number>();
      local.forEach((l, k) => {
        if (!proven[k]) for (const a of l) union.add(a);
      });
      if (union.size === 0) break;
      const r = solve(Int32Array.from([...union].sort((a, b) => a - b)), sense);
      if (r.infeasible) return done(true, true);
      settle();
    }
    const closed = open - proven.reduce((n, p) => n + (p ? 0 : 1), 0);
    if (closed < 2) break;
  }
  for (let k = 0; k < targets.length; k++) {
    if (proven[k] || bounded[k]) continue;
    const r = bound(k);
    if (r === "infeasible") return done(true, true);
    if (r === "failed" && stopAtFirst && !exact) return done(false);
  }
  if (exact) targets.forEach((t, k) => (proven[k] = protects(t, lo[k], hi[k])));
  return done(true);
}

function resolveStatuses(m: CompiledModel, pattern: ReadonlyMap<string, CellStatus>): { ok: true; value: CellStatus[] } | { ok: false; issues: PatternIssue[] } {
  const issues: PatternIssue[] = [];
  const status: (CellStatus | undefined)[] = new Array(m.cells.length).fill(undefined);
  m.cells.forEach((c, k) => {
    for (const id of c.ids) {
      const s = pattern.get(id);
      if (s === undefined) {
        issues.push({ code: "missing-status", message: `no status for cell ${id}`, ref: id });
        continue;
      }
      if (status[k] !== undefined && status[k] !== s) {
        issues.push({ code: "status-mismatch", message: `cells ${c.ids.join(", ")} are the same sum but have different statuses`, ref: id });
      }
      status[k] ??= s;
    }
    if (c.neverSuppress && status[k] !== undefined && status[k] !== "published" && status[k] !== "held") {
      issues.push({ code: "never-suppress-suppressed", message: `cell ${c.ids[0]} must never be suppressed`, ref: c.ids[0] });
    }
  });
  for (const id of pattern.keys()) {
    if (!m.cellIndex.has(id)) issues.push({ code: "unknown-cell", message: `status for unknown cell ${id}`, ref: id });
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: status as CellStatus[] };
}

interface ResolvedFact {
  id: string;
  inner: Int32Array;
  value: number;
  current: number;
}

function resolveFacts(
  m: CompiledModel,
  facts: readonly FixedFact[],
): { ok: true; value: { unchanged: ResolvedFact[]; revised: ResolvedFact[] } } | { ok: false; issues: PatternIssue[] } {
  const issues: PatternIssue[] = [];
  const unchanged: ResolvedFact[] = [];
  const revised: ResolvedFact[] = [];
  const seen = new Map<string, number>();
  for (const f of facts) {
    const idx = innerIndicesOf(f.inner, m.innerIndex);
    if (!idx.ok || idx.value.length === 0 || !Number.isFinite(f.value)) {
      issues.push({ code: "bad-fact", message: `fact ${f.id} is malformed`, ref: f.id });
      continue;
    }
    const key = canonicalKey(idx.value);
    if (seen.has(key) && seen.get(key) !== f.value) {
      issues.push({ code: "bad-fact", message: `fact ${f.id} contradicts an earlier fact about the same sum`, ref: f.id });
      continue;
    }
    seen.set(key, f.value);
    const current = sumOver(idx.value, m.innerCounts);
    (current === f.value ? unchanged : revised).push({ id: f.id, inner: idx.value, value: f.value, current });
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { unchanged, revised } };
}
