// The attacker audit, independent of the suppressor: from the model, the published pattern and the known facts it
// rebuilds the attacker's LP (variables: inner cells ≥ 0; published cells and unchanged facts: equalities;
// suppressed cells: ≥ 1 when zeros are published; extra constraints as given) and bounds every sensitive quantity.
// A quantity is protected when its maximum is at least T and its interval at least W wide. The sensitive quantities
// are the suppressed cells that are primary (labelled so, or 1 ≤ n < T by the data), small implied quantities and
// revisions; a secondary cell only protects them and carries no requirement of its own (as in τ-Argus and
// sdcTable), unless `protectEverySuppressed` asks for the strict reading (every suppressed cell), as the deliveries do.
// The LP is written over atoms with its equality rows reduced by the ones nested in them (`NestedEqualities`): the
// same feasible set, split into many small components (see the folder's README).
import { atomsOf, buildAtoms, componentsOf, localIndices, NestedEqualities, type RowSpec } from "./audit-structure";
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
  /** Its local atoms as a key (made when first needed). */
  key?: string;
}

/**
 * A point offered to the audit as a possible witness: a value for some of the model's inner cells (indices in the order
 * of `CoverModel.inner`; the others are at their data values). The audit trusts none: it sums the values into its own
 * atoms, and uses a point in each of its components the hint names an inner cell of, only for the scenarios whose every
 * row there (as the audit builds it from the model, the pattern and the facts, an insider's known cells exact) the
 * point satisfies. A verified feasible point is a proof, whoever found it.
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
  const layout = prep.layout;
  layout.comps.forEach((comp, c) => {
    if (comp.targets.length === 0) return;
    // Opened when the first LP is needed (witnesses may prove every target without one).
    const session = lazySession(options.solver, { numVars: layout.size[c], rows: comp.rows });
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
  /**
   * The audit's sub-model (component) of a cell, or -1 for an unknown cell. A suppressed cell lies in one; a published
   * cell whose sum the reduced rows split gives the component of its first atom. Suppressing may join components (their
   * numbers change then).
   */
  componentOf(cellId: string): number;
  /** The feasible points found so far (witnesses and kept LP solutions), for an audit of the final pattern to verify and reuse. */
  witnessPoints(): WitnessHint[];
  dispose(): void;
}

export function openAuditProbe(model: CoverModel, pattern: ReadonlyMap<string, CellStatus>, options: AuditOptions): AuditProbe | null {
  const prep = prepare(model, pattern, options);
  if (!prep.ok) return null;
  // Per component of the current layout: its open LP, its witnesses, the quantities that refused its latest probes.
  let sessions = new Map<number, LpSession>();
  let caches = new Map<number, WitnessCache>();
  let suspects = new Map<number, { insider: string; id: string }[]>();
  // A component's witnesses; on the first visit every target is bounded and its witnesses kept.
  const cacheOf = (c: number): WitnessCache => {
    let cache = caches.get(c);
    if (!cache) {
      cache = new Map();
      caches.set(c, cache);
    }
    return cache;
  };
  // At most OPEN_SESSIONS LPs stay open, the least recently used closed first: the components are many and small, and
  // each open LP holds solver memory. A closed one opens again from its rows as they stand (they are kept current).
  const sessionOf = (c: number): LpSession => {
    let session = sessions.get(c);
    if (session) {
      sessions.delete(c);
    } else {
      // Opened when the first LP is needed (pinned targets and kept witnesses often settle a component without one).
      session = lazySession(options.solver, { numVars: prep.layout.size[c], rows: prep.layout.comps[c].rows });
    }
    sessions.set(c, session);
    if (sessions.size > OPEN_SESSIONS) {
      const [oldest, closed] = sessions.entries().next().value as [number, LpSession];
      closed.dispose();
      sessions.delete(oldest);
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
      const comp = prep.layout.comps[c];
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
      if (prep.layout.comps[c].targets.length === 0) continue;
      const changed = cells.filter((k) => prep.componentOfCell(k) === c);
      const list = suspects.get(c) ?? [];
      prep.checkComponent(c, sessionOf(c), failures, new Map(), { cache: cacheOf(c), changed, stopAtFirst: verdict, suspects: list });
      if (failures.length > 0 && verdict) {
        const f = { insider: failures[0].insider ?? "", id: failures[0].cellId };
        suspects.set(c, [f, ...list.filter((x) => x.insider !== f.insider || x.id !== f.id)].slice(0, SUSPECTS));
        break;
      }
    }
    if (failures.length > 0 && verdict) {
      for (const u of undo.reverse()) u();
      return failures;
    }
    // A published cell is no target: its witnesses are not kept up to date from now on, so they go.
    for (const k of cells) for (const byTarget of caches.get(prep.componentOfCell(k))?.values() ?? []) byTarget.delete(prep.m.cells[k].ids[0]);
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
      const list: { k: number; status: "primary" | "secondary" }[] = [];
      for (const { id, status } of cells) {
        const k = prep.m.cellIndex.get(id);
        if (k !== undefined && prep.status[k] === "published") list.push({ k, status });
      }
      const relaid = prep.suppress(list, (c, row, lower, upper) => sessions.get(c)?.setRowBounds(row, lower, upper));
      if (!relaid) return;
      // New components: an unchanged one keeps its LP, witnesses and suspects; a changed one starts with the witnesses
      // of the old ones it overlaps (suppressing only relaxes the LP, so a quantity proven protected stays so, by the
      // same points with the data's values elsewhere).
      const { old, same } = relaid;
      const nextSessions = new Map<number, LpSession>();
      const nextCaches = new Map<number, WitnessCache>();
      const nextSuspects = new Map<number, { insider: string; id: string }[]>();
      same.forEach((a, b) => {
        if (a < 0) {
          const targets = prep.layout.comps[b].targets;
          if (targets.length === 0) return;
          const memo = new Map<Float64Array, Float64Array>();
          const moved = (from: number, x: Witness): Witness => {
            if (!x) return x;
            let y = memo.get(x);
            if (!y) memo.set(x, (y = prep.carry(old, from, x, b)));
            return y;
          };
          const cache: WitnessCache = new Map();
          for (const t of targets) {
            const from = old.componentOfAtom[t.atoms[0]];
            if (!old.comps[from].targets.some((o) => o.id === t.id)) continue;
            for (const [scenario, byTarget] of caches.get(from) ?? []) {
              const w = byTarget.get(t.id);
              if (!w) continue;
              let into = cache.get(scenario);
              if (!into) cache.set(scenario, (into = new Map()));
              into.set(t.id, { lo: moved(from, w.lo), hi: moved(from, w.hi) });
            }
          }
          nextCaches.set(b, cache);
          return;
        }
        const session = sessions.get(a);
        if (session) nextSessions.set(b, session);
        const cache = caches.get(a);
        if (cache) nextCaches.set(b, cache);
        const s = suspects.get(a);
        if (s) nextSuspects.set(b, s);
      });
      const kept = new Set(nextSessions.values());
      for (const session of sessions.values()) if (!kept.has(session)) session.dispose();
      sessions = nextSessions;
      caches = nextCaches;
      suspects = nextSuspects;
    },
    failures() {
      const out: AuditFailure[] = [];
      prep.layout.comps.forEach((comp, c) => {
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
      prep.layout.comps.forEach((comp, c) => {
        const seen = new Set<Float64Array>();
        const add = (x: Witness): void => {
          if (!x || seen.has(x)) return;
          seen.add(x);
          out.push(prep.toHint(c, x));
        };
        for (const p of comp.pool) add(p.x);
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
  /** A suppressed cell's row (and a cell's published by a probe since): cell index → row. */
  cellRow: Map<number, number>;
  targets: Target[];
  /** The latest LP solutions, reused as witnesses wherever they are still feasible (see `PoolPoint`). */
  pool: PoolPoint[];
  /** Per row: its variables as a key when every coefficient is 1, else "" (made when first needed). */
  keys?: string[];
}

/**
 * The components of the attacker's LP for the current pattern: atoms linked by a row as the audit writes it (the
 * equality rows reduced by the ones nested in them, see `NestedEqualities`; suppressed cells; extra constraints) or by
 * a quantity to bound (a revised fact). Atoms are the same whatever the pattern; components change when a published
 * cell is suppressed.
 */
interface Layout {
  componentOfAtom: Int32Array;
  componentCount: number;
  /** Each atom's variable in its component's LP. */
  local: Int32Array;
  size: Int32Array;
  /** Per component: its atoms, ascending (variable j is atom `compAtoms[c][j]`). */
  compAtoms: Int32Array[];
  comps: CompRows[];
  /** Per insider: per component, the cells it knows that have a row there. */
  knownOf: Map<number, number[]>[];
}

type Prepared =
  | { ok: false; result: AuditResult }
  | {
      ok: true;
      m: CompiledModel;
      status: CellStatus[];
      /** The current layout (a new one after `suppress` changes the rows). */
      readonly layout: Layout;
      componentOfCell: (k: number) => number;
      /** Makes every suppressed cell a target from now on. */
      requireEverySuppressed: () => void;
      /**
       * Suppresses published cells. Where that changes the reduced rows a new layout is made: the result then gives the
       * old layout and, per new component, the old component it is unchanged from (else -1).
       */
      suppress: (
        cells: readonly { k: number; status: "primary" | "secondary" }[],
        /** Told of a row whose bounds changed in place (component and row of the current layout). */
        onRow: (c: number, row: number, lower: number, upper: number) => void,
      ) => { old: Layout; same: Int32Array } | undefined;
      /** A feasible point of an old component as a point of a new one (the data's values elsewhere). */
      carry: (old: Layout, from: number, x: Float64Array, to: number) => Float64Array;
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

  // Atoms from every row whatever its status: every distinct cell, unchanged facts, extra constraints, revised facts.
  const rowSpecs: RowSpec[] = m.cells.map((c) => ({ inner: c.inner }));
  for (const f of facts.value.unchanged) rowSpecs.push({ inner: f.inner });
  for (const c of m.constraints) rowSpecs.push({ inner: c.inner, coefs: c.coefs });
  for (const r of facts.value.revised) rowSpecs.push({ inner: r.inner });
  const atoms = buildAtoms(m.innerIds.length, rowSpecs);
  const atomCount = atoms.atomInner.length;
  const atomValue = Float64Array.from(atoms.atomInner, (inner) => sumOver(inner, m.innerCounts));
  const cellAtoms = m.cells.map((c) => atomsOf(c.inner, atoms.atomOfInner));

  // The rows that are equalities in every scenario (the published cells, the unchanged facts), reduced by the ones
  // nested in them: the same feasible set, but a total over published parts links nothing.
  const eqOfCell = new Int32Array(m.cells.length).fill(-1);
  const eqAtoms: Int32Array[] = [];
  const eqValues: number[] = [];
  m.cells.forEach((c, k) => {
    if (status[k] !== "published") return;
    eqOfCell[k] = eqAtoms.length;
    eqAtoms.push(cellAtoms[k]);
    eqValues.push(c.value);
  });
  for (const f of facts.value.unchanged) {
    eqAtoms.push(atomsOf(f.inner, atoms.atomOfInner));
    eqValues.push(f.value);
  }
  const nested = new NestedEqualities(eqAtoms, eqValues, atomCount);
  /** Whether a cell has a row of its own (a suppressed cell, or one published since the reduction was made). */
  const plain = (k: number): boolean => status[k] !== "held" && (eqOfCell[k] < 0 || nested.live[eqOfCell[k]] === 0);
  // Extra constraints: every inner cell of an atom has the same coefficient there, so one entry per atom.
  const conRows = m.constraints.map((c) => {
    const coefOfAtom = new Map<number, number>();
    for (let j = 0; j < c.inner.length; j++) coefOfAtom.set(atoms.atomOfInner[c.inner[j]], c.coefs[j]);
    const at = atomsOf(c.inner, atoms.atomOfInner);
    return { atoms: at, coefs: Float64Array.from(at, (a) => coefOfAtom.get(a) ?? 0), lower: c.lower, upper: c.upper };
  });
  const revisions = facts.value.revised
    .filter((r) => Math.abs(r.current - r.value) >= 1 && Math.abs(r.current - r.value) < T)
    .map((r) => ({ id: r.id, atoms: atomsOf(r.inner, atoms.atomOfInner), truth: r.current, old: r.value }));
  const impliedAtoms: number[] = [];
  if (options.rule.checkImplied) {
    const singleAtomCell = new Set<number>();
    cellAtoms.forEach((at) => {
      if (at.length === 1) singleAtomCell.add(at[0]);
    });
    atoms.atomInner.forEach((inner, a) => {
      if (singleAtomCell.has(a) || atomValue[a] < 1 || atomValue[a] >= T) return;
      if (inner.every((i) => m.innerPseudo[i] === 1)) return;
      impliedAtoms.push(a);
    });
  }
  const insiderCells = (options.insiders ?? []).map((ins) =>
    [...new Set(ins.knows.map((id) => m.cellIndex.get(id)).filter((k): k is number => k !== undefined && cellAtoms[k].length > 0))].sort((a, b) => a - b),
  );

  /** A suppressed cell is a sensitive quantity when primary, small by the data, or when every suppressed cell must be wide. */
  let everySuppressed = options.rule.protectEverySuppressed;
  let L: Layout;
  const toLocal = (globalAtoms: Int32Array): Int32Array => Int32Array.from(globalAtoms, (a) => L.local[a]);
  const compOf = (globalAtoms: Int32Array): number => L.componentOfAtom[globalAtoms[0]];
  const sumRow = (globalAtoms: Int32Array, lower: number, upper: number): LpRow => ({
    indices: toLocal(globalAtoms),
    coefs: new Float64Array(globalAtoms.length).fill(1),
    lower,
    upper,
  });
  const cellTarget = (k: number, st: CellStatus): Target | undefined => {
    const c = m.cells[k];
    const sensitive = st === "primary" || (c.value >= 1 && c.value < T) || everySuppressed;
    return sensitive ? { id: c.ids[0], kind: "cell", atoms: cellAtoms[k], local: toLocal(cellAtoms[k]), truth: c.value, cell: k } : undefined;
  };
  const layOut = (): Layout => {
    const linking: Int32Array[] = [];
    nested.residual.forEach((r, e) => {
      if (nested.live[e] && r.length > 0) linking.push(r);
    });
    m.cells.forEach((_, k) => {
      if (plain(k)) linking.push(cellAtoms[k]);
    });
    for (const c of conRows) linking.push(c.atoms);
    for (const r of revisions) linking.push(r.atoms);
    const { componentOfAtom, componentCount } = componentsOf(atomCount, linking);
    const { local, size } = localIndices({ componentOfAtom, componentCount });
    const compAtoms = Array.from(size, (n) => new Int32Array(n));
    for (let a = 0; a < atomCount; a++) compAtoms[componentOfAtom[a]][local[a]] = a;
    const comps: CompRows[] = Array.from({ length: componentCount }, () => ({ rows: [], cellRow: new Map(), targets: [], pool: [] }));
    L = { componentOfAtom, componentCount, local, size, compAtoms, comps, knownOf: [] };
    m.cells.forEach((c, k) => {
      if (!plain(k)) return;
      const comp = comps[compOf(cellAtoms[k])];
      comp.cellRow.set(k, comp.rows.length);
      if (status[k] === "published") {
        comp.rows.push(sumRow(cellAtoms[k], c.value, c.value));
        return;
      }
      comp.rows.push(sumRow(cellAtoms[k], c.value === 0 ? 0 : lb, Infinity));
      const target = cellTarget(k, status[k]);
      if (target) comp.targets.push(target);
    });
    nested.residual.forEach((r, e) => {
      if (nested.live[e] && r.length > 0) comps[compOf(r)].rows.push(sumRow(r, nested.value[e], nested.value[e]));
    });
    for (const c of conRows) {
      if (c.atoms.length > 0) comps[compOf(c.atoms)].rows.push({ indices: toLocal(c.atoms), coefs: c.coefs, lower: c.lower, upper: c.upper });
    }
    for (const r of revisions) comps[compOf(r.atoms)].targets.push({ id: r.id, kind: "revision", atoms: r.atoms, local: toLocal(r.atoms), truth: r.truth, old: r.old });
    for (const a of impliedAtoms) {
      const at = Int32Array.of(a);
      comps[componentOfAtom[a]].targets.push({ id: `implied:${innerNames(atoms.atomInner[a]).join("+")}`, kind: "implied", atoms: at, local: toLocal(at), truth: atomValue[a] });
    }
    // Per insider, the cells it knows by component (filtered by the current status where used: a probe changes statuses).
    L.knownOf = insiderCells.map((cells) => {
      const byComp = new Map<number, number[]>();
      for (const k of cells) {
        if (!plain(k)) continue;
        const c = compOf(cellAtoms[k]);
        const list = byComp.get(c) ?? [];
        list.push(k);
        byComp.set(c, list);
      }
      return byComp;
    });
    return L;
  };
  L = layOut();

  const stats = { components: L.componentCount, variables: atomCount, lps: 0, targets: 0 };
  const bounds = new Map<string, { min: number; max: number }>();
  const protects = (t: Target, lo: number, hi: number): boolean => {
    if (hi - lo < W - EPS) return false;
    if (t.old === undefined) return hi >= T - EPS;
    return Math.max(Math.abs(hi - t.old), Math.abs(lo - t.old)) >= T - EPS;
  };

  const insiderKnown = (options.insiders ?? []).map((ins, j) => {
    const own = new Uint8Array(m.innerIds.length);
    for (const id of ins.own ?? []) {
      const i = m.innerIndex.get(id);
      if (i !== undefined) own[i] = 1;
    }
    // Its known cells by sub-model of all rows (see `echoes` in `checkComponent`).
    const byWhole = new Map<number, number[]>();
    for (const k of insiderCells[j]) {
      const w = atoms.componentOfAtom[cellAtoms[k][0]];
      const list = byWhole.get(w) ?? [];
      list.push(k);
      byWhole.set(w, list);
    }
    return { id: ins.id, j, own, hasOwn: ins.own !== undefined && ins.own.length > 0, ownTarget: new Map<string, boolean>(), byWhole };
  });
  const targetInner = (t: Target): ArrayLike<number> =>
    t.cell !== undefined ? m.cells[t.cell].inner : Array.from(t.atoms).flatMap((a) => Array.from(atoms.atomInner[a]));
  const innerOfTarget = (t: Target): string[] => innerNames(targetInner(t));
  /** Whether a target is made only of the insider's own inner cells (its own fact, not checked for it); once per target. */
  const ownBy = (ins: (typeof insiderKnown)[number], t: Target): boolean => {
    let own = ins.ownTarget.get(t.id);
    if (own === undefined) {
      own = false;
      if (ins.hasOwn) {
        const inner = targetInner(t);
        own = inner.length > 0;
        for (let j = 0; j < inner.length && own; j++) if (ins.own[inner[j]] !== 1) own = false;
      }
      ins.ownTarget.set(t.id, own);
    }
    return own;
  };

  const checkComponent = (
    c: number,
    session: LpSession,
    out: AuditFailure[],
    boundsOut: Map<string, { min: number; max: number }>,
    probe?: ProbeCheck,
    offered: readonly PoolPoint[] = [],
  ): void => {
    const comp = L.comps[c];
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
    // Per insider, the suppressed cells it knows that have a row here.
    const knownHere = insiderKnown.map((ins) => (L.knownOf[ins.j].get(c) ?? []).filter((k) => comp.cellRow.has(k) && isSuppressed(status[k])));
    for (const ins of insiderKnown) {
      const known = knownHere[ins.j];
      if (known.length === 0) continue;
      // The insider's own facts (its known cells, and with `own` every quantity made only of its own rows) are not
      // disclosures to it; every other target is bounded with its knowledge as equalities.
      const knownSet = new Set(known);
      const targets = comp.targets.filter((t) => (t.cell === undefined || !knownSet.has(t.cell)) && !ownBy(ins, t));
      if (targets.length > 0) scenarios.push({ insider: ins.id, known, targets });
    }
    // An insider that knows no suppressed cell here has the outsider's LP, so what fails for the outsider fails for it
    // (unless it is its own). Such a failure is reported for it too where it knows a suppressed cell in the sub-model
    // of all rows (whatever their status) around this one: as the audit did when those were its components, so that a
    // suppressor sees the same failures (and makes them wide for that insider's knowledge too).
    const whole = atoms.componentOfAtom[L.compAtoms[c][0]];
    const echoes = stopAtFirst
      ? []
      : insiderKnown.filter(
          (ins) =>
            knownHere[ins.j].length === 0 &&
            (ins.byWhole.get(whole) ?? []).some((k) => isSuppressed(status[k])),
        );
    // An unprotected target, for its scenario and (the outsider's) for every echoing insider it is not the own fact of.
    const report = (t: Target, min: number, max: number, insider: string | undefined): void => {
      out.push({ cellId: t.id, kind: t.kind, min, max, inner: innerOfTarget(t), insider });
      if (insider === undefined)
        for (const ins of echoes) if (!ownBy(ins, t)) out.push({ cellId: t.id, kind: t.kind, min, max, inner: innerOfTarget(t), insider: ins.id });
    };
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
      let targets = scCache
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
      stats.targets += targets.length;
      // A target that is exactly the sum of an equality row (a residual, a cell published by a probe, an insider's
      // known cell) is pinned at its value: decided without an LP. (The data satisfy every row, so the LP is feasible.)
      const pinned = pinnedTargets(comp, targets, sc.known);
      if (pinned.size > 0) {
        for (const t of pinned) {
          if (!sc.insider && options.exact) boundsOut.set(t.id, { min: t.truth, max: t.truth });
          if (protects(t, t.truth, t.truth)) {
            scCache?.set(t.id, { lo: null, hi: null });
            continue;
          }
          scCache?.delete(t.id);
          report(t, t.truth, t.truth, sc.insider);
        }
        if (stopAtFirst && out.length > 0) return;
        targets = targets.filter((t) => !pinned.has(t));
        if (targets.length === 0) continue;
      }
      for (const k of sc.known) session.setRowBounds(comp.cellRow.get(k)!, m.cells[k].value, m.cells[k].value);
      // Points found by earlier LPs of this component that are feasible here (every row as it now stands, the
      // insider's known cells exact) are witnesses too, before any LP is solved.
      const pool = comp.pool;
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
          report(t, lo, hi, sc.insider);
        }
      });
      for (const k of sc.known) session.setRowBounds(comp.cellRow.get(k)!, m.cells[k].value === 0 ? 0 : lb, Infinity);
      // A probe only needs the verdict: the first failing scenario settles it.
      if (stopAtFirst && out.length > 0) return;
    }
  };
  const suppress = (
    cells: readonly { k: number; status: "primary" | "secondary" }[],
    onRow: (c: number, row: number, lower: number, upper: number) => void,
  ): { old: Layout; same: Int32Array } | undefined => {
    // Atoms whose component the change touches: a suppressed equality row takes its children's atoms into its row,
    // and every row that had it as a child takes its residual.
    const touched: number[] = [];
    for (const { k, status: st } of cells) {
      if (status[k] !== "published") continue;
      status[k] = st;
      const e = eqOfCell[k];
      if (e >= 0 && nested.live[e]) {
        for (const a of cellAtoms[k]) touched.push(a);
        for (const p of nested.remove(e)) for (const a of nested.residual[p]) touched.push(a);
        continue;
      }
      // A cell published since the rows were reduced has a row of its own: it only relaxes.
      const c = compOf(cellAtoms[k]);
      const comp = L.comps[c];
      const row = comp.cellRow.get(k)!;
      const lower = m.cells[k].value === 0 ? 0 : lb;
      comp.rows[row] = { ...comp.rows[row], lower, upper: Infinity };
      onRow(c, row, lower, Infinity);
      const target = cellTarget(k, st);
      if (target) comp.targets.push(target);
    }
    if (touched.length === 0) return undefined;
    const old = L;
    const dirty = new Set(touched.map((a) => old.componentOfAtom[a]));
    layOut();
    stats.components = L.componentCount;
    const same = new Int32Array(L.componentCount).fill(-1);
    for (let b = 0; b < L.componentCount; b++) {
      // An untouched old component is a component still, with the same rows in the same order.
      const a = old.componentOfAtom[L.compAtoms[b][0]];
      if (dirty.has(a) || old.size[a] !== L.size[b]) continue;
      same[b] = a;
      L.comps[b] = old.comps[a];
    }
    // A new component starts with the points of the old ones it overlaps: suppressing only relaxes the LP, so each
    // (with the data's values elsewhere) is still feasible; it is checked against the new rows when used anyway.
    for (let b = 0; b < L.componentCount; b++) {
      if (same[b] >= 0) continue;
      const comp = L.comps[b];
      const from = [...new Set(Array.from(L.compAtoms[b], (a) => old.componentOfAtom[a]))].sort((x, y) => x - y);
      for (const f of from)
        for (const p of old.comps[f].pool) {
          const x = carry(old, f, p.x, b);
          comp.pool.push({ x, act: activities(x, comp.rows) });
        }
      if (comp.pool.length > POOL_SIZE) comp.pool.splice(0, comp.pool.length - POOL_SIZE);
    }
    return { old, same };
  };
  const carry = (old: Layout, from: number, x: Float64Array, to: number): Float64Array => {
    const at = L.compAtoms[to];
    const out = new Float64Array(at.length);
    for (let j = 0; j < at.length; j++) {
      const a = at[j];
      out[j] = old.componentOfAtom[a] === from ? x[old.local[a]] : atomValue[a];
    }
    return out;
  };
  return {
    ok: true,
    m,
    status,
    get layout() {
      return L;
    },
    componentOfCell: (k) => compOf(cellAtoms[k]),
    suppress,
    carry,
    toHint: (c, x) => {
      // Only the atoms that differ from the data (the others are at their data values); an atom's value goes to its
      // first inner cell, its other inner cells are 0.
      const inner: number[] = [];
      const value: number[] = [];
      const at = L.compAtoms[c];
      for (let j = 0; j < at.length; j++) {
        const v = x[j];
        const a = at[j];
        if (Math.abs(v - atomValue[a]) <= 1e-9) continue;
        const members = atoms.atomInner[a];
        for (let q = 0; q < members.length; q++) {
          inner.push(members[q]);
          value.push(q === 0 ? v : 0);
        }
      }
      return { inner: Int32Array.from(inner), value: Float64Array.from(value) };
    },
    hintsByComponent: (hints) => {
      const out = new Map<number, PoolPoint[]>();
      for (const h of hints) {
        if (h.inner.length === 0 || h.inner.length !== h.value.length) continue;
        // Each named atom: the hint's values of its named inner cells, the data's values of the others.
        const delta = new Map<number, number>();
        let ok = true;
        for (let j = 0; j < h.inner.length && ok; j++) {
          const i = h.inner[j];
          const a = i >= 0 && i < atoms.atomOfInner.length ? atoms.atomOfInner[i] : -1;
          if (a < 0 || !Number.isFinite(h.value[j])) ok = false;
          else delta.set(a, (delta.get(a) ?? 0) + h.value[j] - m.innerCounts[i]);
        }
        if (!ok) continue;
        const byComp = new Map<number, number[]>();
        for (const a of delta.keys()) {
          const c = L.componentOfAtom[a];
          const list = byComp.get(c) ?? [];
          list.push(a);
          byComp.set(c, list);
        }
        for (const [c, list] of byComp) {
          const x = Float64Array.from(L.compAtoms[c], (a) => atomValue[a]);
          for (const a of list) x[L.local[a]] += delta.get(a)!;
          // Every variable of the attacker's LP is non-negative.
          if (x.some((v) => v < -1e-6)) continue;
          const points = out.get(c) ?? [];
          points.push({ x, act: activities(x, L.comps[c].rows) });
          out.set(c, points);
        }
      }
      return out;
    },
    requireEverySuppressed: () => {
      if (everySuppressed) return;
      everySuppressed = true;
      m.cells.forEach((_, k) => {
        const comp = L.comps[compOf(cellAtoms[k])];
        if (!isSuppressed(status[k]) || !comp.cellRow.has(k) || comp.targets.some((t) => t.cell === k)) return;
        const target = cellTarget(k, status[k]);
        if (target) comp.targets.push(target);
      });
    },
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

/** A probe keeps at most this many components' LPs open. */
const OPEN_SESSIONS = 64;

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

/**
 * The targets that are exactly the sum of a row that is an equality as the rows now stand (or of an insider's known
 * cell): pinned at their value. Row keys are kept per component (a row's variables never change, only its bounds).
 */
function pinnedTargets(comp: CompRows, targets: readonly Target[], known: readonly number[]): Set<Target> {
  const keys = (comp.keys ??= comp.rows.map((row) => (row.coefs.every((c) => c === 1) ? row.indices.join(",") : "")));
  const exact = new Set<string>();
  comp.rows.forEach((row, r) => {
    if (row.lower === row.upper && keys[r] !== "") exact.add(keys[r]);
  });
  for (const k of known) exact.add(keys[comp.cellRow.get(k)!]);
  const out = new Set<Target>();
  for (const t of targets) if (exact.has((t.key ??= t.local.join(",")))) out.add(t);
  return out;
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
    // A single quantity left: its own LPs are the joint ones, and settle it (a maximum too low spares the minimum).
    if (open <= 1) break;
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
