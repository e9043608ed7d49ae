// Secondary suppression by Gaussian elimination (after SSB's GaussSuppression, Langsrud 2024): published cells are
// taken in order of preference (forced ones first, then coarse and large before fine and small); a cell is published
// unless, together with everything published before it, it would make a sensitive quantity an exact linear
// combination of published values. Work is done per independent sub-model, over atoms (inner cells that lie in
// exactly the same rows); atoms inside a published zero are known to be 0 and drop out. Each insider is one more
// attacker here: its own cells count as published for it, and a candidate that would let it determine a sensitive
// quantity that is not its own is suppressed too.
// Only linear determination is checked here; interval widths and bounds (x ≥ 0, ≥ 1) are left to the LP audit.
import { canonicalKey, type CompiledModel } from "./model";
import type { DisclosureRule } from "./rule";

export interface GaussInput {
  m: CompiledModel;
  /** Per distinct cell: true when it is suppressed already (primary or held back): never published here. */
  hidden: Uint8Array;
  /** Per distinct cell: true when it must be published (totals, values already public, zeros). */
  forced: Uint8Array;
  /** Per distinct cell: true when it is a sensitive quantity that must not be determined. */
  target: Uint8Array;
  /** Extra known sums (unchanged facts of earlier rounds), as sorted inner indices. */
  knownSums: readonly Int32Array[];
  /** Extra sensitive quantities (revisions), as sorted inner indices. */
  extraTargets: readonly Int32Array[];
  /** Extra rows that only refine the atoms (inequality constraints), as inner indices. */
  refineRows: readonly Int32Array[];
  /** Canonical keys (sorted inner indices joined by ",") of sensitive quantities that must also stay independent of
   * every other sensitive quantity (those the LP audit found too narrow). */
  strictKeys?: ReadonlySet<string>;
  /** Every sensitive quantity is strict. */
  allStrict?: boolean;
  /** The rule: single atoms with 1 ≤ value < T (not pseudo) are sensitive too. */
  rule: DisclosureRule;
  /**
   * Insiders: the distinct cells each knows exactly (published or not: its own data) and a mask of its own inner
   * cells. A candidate is also suppressed when, with everything published before it and the insider's own cells,
   * it would determine a sensitive quantity that is not the insider's own.
   */
  insiders?: readonly GaussInsider[];
  /**
   * Only the sub-models holding these inner cells are eliminated (the others give nothing new when nothing in them
   * changed since the last elimination: a caller that knows where it changed something passes those cells).
   */
  onlyAround?: ArrayLike<number>;
}

export interface GaussInsider {
  knows: readonly number[];
  own: Uint8Array;
  /** Suppressed cells (complements) this insider must not be able to determine either (the strict reading). */
  alsoFree?: readonly number[];
}

export interface GaussResult {
  /** Cells to suppress as secondary, ascending. */
  secondary: number[];
  /** Suppressed cells an insider could still compute exactly (with its own cells), per insider: complements that
   * protect its own cells, say. Passing them back as `alsoFree` makes the next elimination keep them free too. */
  pinned: number[][];
  /** Sensitive quantities already determined by the forced cells alone (no complement can help). */
  determined: number;
}

interface Target {
  atoms: Int32Array;
  strict: boolean;
  /** Per insider: the quantity is its own (a cell it knows, or only its own inner cells), so not a target for it. */
  ownBy: boolean[];
}

interface Comp {
  atoms: number[];
  forced: Int32Array[];
  candidates: number[];
  targets: Target[];
  /** Per insider: the rows it knows in this component. */
  insiderForced: Int32Array[][];
  /** Per insider: suppressed cells that must stay free for it as well. */
  insiderAlsoFree: Int32Array[][];
  /** Suppressed cells already (hidden ones), to check for pins. */
  hidden: number[];
}

/** What the elimination derives from the rows alone (not from the statuses): atoms, each cell's atoms, components. */
interface Structure {
  nAtoms: number;
  atomValue: number[];
  atomPseudo: boolean[];
  atomInner: number[][];
  atomOf: Int32Array;
  cellAtoms: Int32Array[];
  knownAtoms: Int32Array[];
  extraAtoms: Int32Array[];
  compOfAtom: Int32Array;
  singleCellAtom: Set<number>;
  ownBy: (inner: ArrayLike<number>, cell?: number) => boolean[];
  ownByCell: (k: number) => boolean[];
}

/**
 * The structure of the last inputs per model: a protector eliminates many times over the same rows. The key is the
 * identity of the input arrays, not their contents: a caller must not change `knownSums`, `extraTargets`,
 * `refineRows` or `insiders` after an elimination has used them (protect.ts fills them once, before the first), or
 * pass new arrays when it does.
 */
const structures = new WeakMap<CompiledModel, { key: readonly unknown[]; value: Structure }>();

function structureOf(input: GaussInput): Structure {
  const key = [input.knownSums, input.extraTargets, input.refineRows, input.insiders];
  const cached = structures.get(input.m);
  if (cached && cached.key.every((x, j) => x === key[j])) return cached.value;
  const value = buildStructure(input);
  structures.set(input.m, { key, value });
  return value;
}

function buildStructure(input: GaussInput): Structure {
  const { m } = input;
  const nInner = m.innerIds.length;
  const rows: Int32Array[] = [...m.cells.map((c) => c.inner), ...input.knownSums, ...input.extraTargets, ...input.refineRows];
  // Atoms: inner cells with the same row signature.
  const sig: string[] = new Array<string>(nInner).fill("");
  rows.forEach((r, k) => {
    for (const i of r) sig[i] += `${k},`;
  });
  const atomOf = new Int32Array(nInner).fill(-1);
  const bySig = new Map<string, number>();
  const atomValue: number[] = [];
  const atomPseudo: boolean[] = [];
  for (let i = 0; i < nInner; i++) {
    if (sig[i] === "") continue;
    let a = bySig.get(sig[i]);
    if (a === undefined) {
      a = atomValue.length;
      bySig.set(sig[i], a);
      atomValue.push(0);
      atomPseudo.push(true);
    }
    atomOf[i] = a;
    atomValue[a] += m.innerCounts[i];
    atomPseudo[a] = atomPseudo[a] && m.innerPseudo[i] === 1;
  }
  const nAtoms = atomValue.length;
  const atomInner: number[][] = Array.from({ length: nAtoms }, () => []);
  for (let i = 0; i < nInner; i++) if (atomOf[i] >= 0) atomInner[atomOf[i]].push(i);
  const insiders = input.insiders ?? [];
  const knownBy = insiders.map((ins) => new Set(ins.knows));
  const ownBy = (inner: ArrayLike<number>, cell?: number): boolean[] =>
    insiders.map((ins, j) => (cell !== undefined && knownBy[j].has(cell)) || (inner.length > 0 && Array.prototype.every.call(inner, (i: number) => ins.own[i] === 1)));
  // Per cell, once: which insiders it belongs to (asked of targets, complements kept free, and every pin check).
  const cellOwnBy = new Map<number, boolean[]>();
  const ownByCell = (k: number): boolean[] => {
    let own = cellOwnBy.get(k);
    if (!own) cellOwnBy.set(k, (own = ownBy(m.cells[k].inner, k)));
    return own;
  };
  const atomsOfRow = (r: Int32Array): Int32Array => Int32Array.from(new Set(Array.from(r, (i) => atomOf[i]))).sort();
  const cellAtoms = m.cells.map((c) => atomsOfRow(c.inner));
  const knownAtoms = input.knownSums.map(atomsOfRow);
  const extraAtoms = input.extraTargets.map(atomsOfRow);
  // Components over cells, facts and targets.
  const parent = Int32Array.from({ length: nAtoms }, (_, a) => a);
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  };
  for (const at of [...cellAtoms, ...knownAtoms, ...extraAtoms]) {
    for (let k = 1; k < at.length; k++) {
      const x = find(at[0]);
      const y = find(at[k]);
      if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
    }
  }
  const compOfAtom = Int32Array.from({ length: nAtoms }, (_, a) => find(a));
  // Single atoms that are sensitive but no cell of their own.
  const singleCellAtom = new Set<number>();
  cellAtoms.forEach((at) => {
    if (at.length === 1) singleCellAtom.add(at[0]);
  });
  return { nAtoms, atomValue, atomPseudo, atomInner, atomOf, cellAtoms, knownAtoms, extraAtoms, compOfAtom, singleCellAtom, ownBy, ownByCell };
}

export function gaussSecondary(input: GaussInput): GaussResult {
  const { m } = input;
  const { nAtoms, atomValue, atomPseudo, atomInner, atomOf, cellAtoms, knownAtoms, extraAtoms, compOfAtom, singleCellAtom, ownBy, ownByCell } = structureOf(input);
  const strictKeys = input.strictKeys ?? new Set<string>();
  const insiders = input.insiders ?? [];

  // Atoms inside a published zero are known. Pseudo atoms (rows that could not be located, which only the
  // municipality totals hold) are treated as known too: they are small, so the slack they give the attacker's
  // totals is too narrow to protect anything, and ignoring them keeps those relations in view.
  const knownZero = Uint8Array.from(atomPseudo, (p) => (p ? 1 : 0));
  m.cells.forEach((c, k) => {
    if (c.value === 0 && !input.hidden[k]) for (const a of cellAtoms[k]) knownZero[a] = 1;
  });

  const comps = new Map<number, Comp>();
  const comp = (a: number): Comp => {
    const root = compOfAtom[a];
    let c = comps.get(root);
    if (!c) {
      c = { atoms: [], forced: [], candidates: [], targets: [], insiderForced: insiders.map(() => []), insiderAlsoFree: insiders.map(() => []), hidden: [] };
      comps.set(root, c);
    }
    return c;
  };
  for (let a = 0; a < nAtoms; a++) comp(a).atoms.push(a);
  m.cells.forEach((c, k) => {
    const at = cellAtoms[k];
    const cc = comp(at[0]);
    if (input.target[k]) cc.targets.push({ atoms: at, strict: strictKeys.has(m.cells[k].key), ownBy: ownByCell(k) });
    if (input.hidden[k]) {
      cc.hidden.push(k);
      return;
    }
    if (input.forced[k]) cc.forced.push(at);
    else cc.candidates.push(k);
  });
  knownAtoms.forEach((at) => comp(at[0]).forced.push(at));
  extraAtoms.forEach((at, k) =>
    comp(at[0]).targets.push({ atoms: at, strict: strictKeys.has(canonicalKey(input.extraTargets[k])), ownBy: ownBy(input.extraTargets[k]) }),
  );
  insiders.forEach((ins, j) => {
    for (const k of ins.knows) if (cellAtoms[k].length > 0) comp(cellAtoms[k][0]).insiderForced[j].push(cellAtoms[k]);
    for (const k of ins.alsoFree ?? []) if (cellAtoms[k].length > 0 && !ownByCell(k)[j]) comp(cellAtoms[k][0]).insiderAlsoFree[j].push(cellAtoms[k]);
  });
  for (let a = 0; a < nAtoms; a++) {
    if (atomPseudo[a] || singleCellAtom.has(a) || knownZero[a]) continue;
    if (atomValue[a] >= 1 && atomValue[a] < input.rule.threshold)
      comp(a).targets.push({ atoms: Int32Array.of(a), strict: strictKeys.has(canonicalKey(atomInner[a])), ownBy: ownBy(atomInner[a]) });
  }

  const secondary: number[] = [];
  const pinned: number[][] = insiders.map(() => []);
  let determined = 0;
  const roots = [...comps.keys()].sort((x, y) => x - y);
  const wanted = input.onlyAround ? new Set(Array.from(input.onlyAround, (i) => (atomOf[i] >= 0 ? compOfAtom[atomOf[i]] : -1))) : undefined;
  for (const root of roots) {
    const c = comps.get(root)!;
    if (c.targets.length === 0 || (wanted && !wanted.has(root))) continue;
    c.candidates.sort((x, y) => cellAtoms[y].length - cellAtoms[x].length || m.cells[y].value - m.cells[x].value || x - y);
    const r = eliminate(c, input.allStrict === true, cellAtoms, knownZero, ownByCell);
    for (const k of r.secondary) secondary.push(k);
    r.pinned.forEach((list, j) => pinned[j].push(...list));
    determined += r.determined;
  }
  return { secondary: secondary.sort((x, y) => x - y), pinned: pinned.map((l) => l.sort((x, y) => x - y)), determined };
}

function eliminate(
  c: Comp,
  allStrict: boolean,
  cellAtoms: Int32Array[],
  knownZero: Uint8Array,
  ownByCell: (k: number) => boolean[],
): { secondary: number[]; pinned: number[][]; determined: number } {
  const local = new Map<number, number>();
  for (const a of c.atoms) if (!knownZero[a]) local.set(a, local.size);
  const n = local.size;
  // A sum over atoms as a sparse vector: 1 at each (local) atom that is not known to be 0.
  const vec = (at: Int32Array): SparseVector => {
    const idx: number[] = [];
    for (const a of at) {
      const j = local.get(a);
      if (j !== undefined) idx.push(j);
    }
    const sorted = Int32Array.from(new Set(idx)).sort();
    return { idx: sorted, val: new Float64Array(sorted.length).fill(1) };
  };
  // span(P) of the published cells, tracking each sensitive quantity's image modulo it;
  // span(P ∪ F) with the strict quantities F, which must also stay independent of each other.
  const published = new Span(n, c.targets.map((t) => vec(t.atoms)));
  const strict = c.targets.filter((t) => t.strict || allStrict);
  const withStrict = strict.length > 0 ? new Span(n, []) : undefined;
  if (withStrict) for (const t of strict) withStrict.add(vec(t.atoms));
  const forced = c.forced.map(vec);
  for (const v of forced) {
    published.add(v);
    withStrict?.add(v);
  }
  // Per insider that knows cells here: span(P ∪ its own cells), tracking the quantities that are not its own.
  const insiderSpans: { j: number; span: Span }[] = [];
  c.insiderForced.forEach((rows, j) => {
    if (rows.length === 0) return;
    const span = new Span(n, [...c.targets.filter((t) => !t.ownBy[j]).map((t) => vec(t.atoms)), ...c.insiderAlsoFree[j].map(vec)]);
    for (const v of forced) span.add(v);
    for (const at of rows) span.add(vec(at));
    insiderSpans.push({ j, span });
  });
  const determined = published.zeroTracked();
  const secondary: number[] = [];
  // A complement's image is a multiple of the image of the quantity it protects, and both are reduced by the same
  // rows from then on: it stays undetermined as long as that quantity does, so complements need no tracking here.
  // (For an insider that knows the quantity it is another matter: see `pinned` below.)
  for (const k of c.candidates) {
    const base = vec(cellAtoms[k]);
    const v = published.reduce(base);
    if (!v) continue; // already a combination of published cells: publishing it adds nothing
    // Publishing it would pin a sensitive quantity (its image is a multiple of the candidate's).
    if (published.parallelToTracked(v)) {
      secondary.push(k);
      continue;
    }
    const forInsiders = insiderSpans.map(({ span }) => span.reduce(base));
    if (insiderSpans.some(({ span }, q) => forInsiders[q] !== null && span.parallelToTracked(forInsiders[q]))) {
      secondary.push(k);
      continue;
    }
    const w = withStrict ? withStrict.reduce(base) : null;
    if (withStrict && !w) {
      secondary.push(k);
      continue;
    }
    published.insert(v);
    insiderSpans.forEach(({ span }, q) => {
      const x = forInsiders[q];
      if (x) span.insert(x);
    });
    if (withStrict && w) withStrict.insert(w);
  }
  // Which suppressed cells can an insider still compute exactly?
  const pinned: number[][] = c.insiderForced.map(() => []);
  for (const { j, span } of insiderSpans) {
    for (const k of [...c.hidden, ...secondary]) {
      if (ownByCell(k)[j]) continue;
      if (!span.reduce(vec(cellAtoms[k]))) pinned[j].push(k);
    }
  }
  return { secondary, pinned, determined };
}

/** A sparse vector: strictly increasing indices and their (non-zero) values. */
interface SparseVector {
  idx: Int32Array;
  val: Float64Array;
}

/** Entries smaller than this are taken as 0. */
const EPS = 1e-9;

/**
 * A linear span kept as fully reduced rows (each row is zero at every other row's pivot), optionally tracking the
 * images of some vectors modulo the span, bucketed by (first non-zero, support size) for the parallel test.
 * Vectors are sparse (sums over a few atoms, and the rows stay sparse); a vector is reduced by exactly the rows whose
 * pivots it touches, in the order the rows were added, so the arithmetic is that of a dense reduction.
 */
class Span {
  /** Per row, in the order added: its pivot column and the row. */
  private readonly pivots: number[] = [];
  private readonly rows: SparseVector[] = [];
  /** Column → the row whose pivot it is, or -1. */
  private readonly pivotRow: Int32Array;
  private readonly tracked: SparseVector[];
  private readonly buckets = new Map<number, Set<number>>();
  /** Per tracked vector: its bucket key, or -1 when it is zero (in the span). */
  private readonly keys: number[];
  /** Scratch for reductions: a dense copy and which columns it holds. */
  private readonly scratch: Float64Array;
  private readonly seen: Int32Array;
  private stamp = 0;
  /**
   * Per column: the vectors (rows as their index, tracked vectors as -1 − their index) that may be non-zero there.
   * Kept loosely: a vector is added where it gains a column and left where it loses one (checked on use).
   */
  private readonly occurs: number[][];
  /** Per vector (same numbering, offset): the last insertion that updated it. */
  private readonly doneRow: number[] = [];
  private readonly doneTracked: Int32Array;
  private inserts = 0;
  constructor(
    private readonly n: number,
    tracked: SparseVector[],
  ) {
    this.pivotRow = new Int32Array(n).fill(-1);
    this.scratch = new Float64Array(n);
    this.seen = new Int32Array(n);
    this.tracked = tracked;
    this.keys = tracked.map(() => -1);
    this.occurs = Array.from({ length: n }, () => []);
    this.doneTracked = new Int32Array(tracked.length);
    tracked.forEach((v, t) => {
      this.rekey(t);
      for (const j of v.idx) this.occurs[j].push(-1 - t);
    });
  }

  /** Tracked vectors already in the span. */
  zeroTracked(): number {
    return this.keys.filter((k) => k < 0).length;
  }

  private keyOf(v: SparseVector): number {
    return v.idx.length === 0 ? -1 : v.idx[0] * (this.n + 1) + v.idx.length;
  }

  private rekey(t: number): void {
    const old = this.keys[t];
    if (old >= 0) this.buckets.get(old)!.delete(t);
    const k = this.keyOf(this.tracked[t]);
    this.keys[t] = k;
    if (k < 0) return;
    let b = this.buckets.get(k);
    if (!b) this.buckets.set(k, (b = new Set()));
    b.add(t);
  }

  /** Whether a reduced vector is a multiple of some tracked image. */
  parallelToTracked(v: SparseVector): boolean {
    const key = this.keyOf(v);
    if (key < 0) return false;
    const bucket = this.buckets.get(key);
    if (!bucket || bucket.size === 0) return false;
    for (const t of bucket) {
      const w = this.tracked[t];
      const ratio = w.val[0] / v.val[0];
      // Every column where either is non-zero (both have the same first column).
      let parallel = true;
      let a = 0;
      let b = 0;
      while (a < w.idx.length || b < v.idx.length) {
        const ja = a < w.idx.length ? w.idx[a] : Infinity;
        const jb = b < v.idx.length ? v.idx[b] : Infinity;
        const wj = ja <= jb ? w.val[a] : 0;
        const vj = jb <= ja ? v.val[b] : 0;
        if (ja <= jb) a++;
        if (jb <= ja) b++;
        if (Math.abs(wj - ratio * vj) > 1e-7 * (1 + Math.abs(wj))) {
          parallel = false;
          break;
        }
      }
      if (parallel) return true;
    }
    return false;
  }

  /** v reduced modulo the span (a new vector), or null when nothing is left. */
  reduce(v: SparseVector): SparseVector | null {
    const { scratch, seen } = this;
    const stamp = ++this.stamp;
    const touched: number[] = [];
    const rowsToApply: number[] = [];
    for (let t = 0; t < v.idx.length; t++) {
      const j = v.idx[t];
      scratch[j] = v.val[t];
      seen[j] = stamp;
      touched.push(j);
      if (this.pivotRow[j] >= 0) rowsToApply.push(this.pivotRow[j]);
    }
    // The rows are zero at each other's pivots, so the rows to apply are those of v's own pivot columns, and each
    // factor is v's entry there; they are applied in the order the rows were added.
    rowsToApply.sort((x, y) => x - y);
    for (const q of rowsToApply) {
      const p = this.pivots[q];
      const f = scratch[p];
      if (f === 0) continue;
      const row = this.rows[q];
      for (let t = 0; t < row.idx.length; t++) {
        const j = row.idx[t];
        if (seen[j] !== stamp) {
          seen[j] = stamp;
          scratch[j] = 0;
          touched.push(j);
        }
        scratch[j] -= f * row.val[t];
      }
      scratch[p] = 0;
    }
    touched.sort((x, y) => x - y);
    let count = 0;
    for (const j of touched) if (Math.abs(scratch[j]) >= EPS) count++;
    if (count === 0) return null;
    const idx = new Int32Array(count);
    const val = new Float64Array(count);
    let t = 0;
    for (const j of touched) {
      const x = scratch[j];
      if (Math.abs(x) >= EPS) {
        idx[t] = j;
        val[t++] = x;
      }
    }
    return { idx, val };
  }

  /** Adds a vector (reduced first). */
  add(v: SparseVector): void {
    const r = this.reduce(v);
    if (r) this.insert(r);
  }

  /** Inserts an already reduced, non-zero vector (as the span's own: the caller does not use it again). */
  insert(v: SparseVector): void {
    let p = -1;
    let at = -1;
    let best = 0;
    for (let t = 0; t < v.idx.length; t++) {
      const x = Math.abs(v.val[t]);
      if (x > best + EPS) {
        best = x;
        p = v.idx[t];
        at = t;
      }
    }
    if (p < 0) return;
    const inv = 1 / v.val[at];
    for (let t = 0; t < v.val.length; t++) v.val[t] *= inv;
    v.val[at] = 1;
    // Only the vectors non-zero at p change, and only at the non-zeros of v (the rows are sparse: sums over a few
    // atoms, fully reduced). Each vector's update depends on it and v alone, so the order does not matter.
    const insertion = ++this.inserts;
    const list = this.occurs[p];
    this.occurs[p] = [];
    for (const id of list) {
      if (id >= 0) {
        if (this.doneRow[id] === insertion) continue;
        this.doneRow[id] = insertion;
        const w = eliminateFrom(this.rows[id], v, p);
        if (w) {
          this.noteGained(this.rows[id], w, id);
          this.rows[id] = w;
        }
      } else {
        const k = -1 - id;
        if (this.doneTracked[k] === insertion) continue;
        this.doneTracked[k] = insertion;
        const w = eliminateFrom(this.tracked[k], v, p);
        if (w) {
          this.noteGained(this.tracked[k], w, id);
          this.tracked[k] = w;
          this.rekey(k);
        }
      }
    }
    const q = this.rows.length;
    this.pivotRow[p] = q;
    this.pivots.push(p);
    this.rows.push(v);
    this.doneRow.push(0);
    for (const j of v.idx) if (j !== p) this.occurs[j].push(q);
  }

  /** Records the columns a vector gained by an update (those of v it did not have). */
  private noteGained(before: SparseVector, after: SparseVector, id: number): void {
    let a = 0;
    for (const j of after.idx) {
      while (a < before.idx.length && before.idx[a] < j) a++;
      if (a < before.idx.length && before.idx[a] === j) continue;
      this.occurs[j].push(id);
    }
  }
}

/** w − w[p]·v (v has 1 at p), entries below EPS dropped and p itself 0; null when w is 0 at p (nothing to do). */
function eliminateFrom(w: SparseVector, v: SparseVector, p: number): SparseVector | null {
  const f = valueAt(w, p);
  if (f === 0) return null;
  const idx: number[] = [];
  const val: number[] = [];
  let a = 0;
  let b = 0;
  while (a < w.idx.length || b < v.idx.length) {
    const ja = a < w.idx.length ? w.idx[a] : Infinity;
    const jb = b < v.idx.length ? v.idx[b] : Infinity;
    if (ja < jb) {
      // Not in v: unchanged.
      if (ja !== p) {
        idx.push(ja);
        val.push(w.val[a]);
      }
      a++;
      continue;
    }
    const x = (ja === jb ? w.val[a] : 0) - f * v.val[b];
    if (ja === jb) a++;
    b++;
    if (jb !== p && Math.abs(x) >= EPS) {
      idx.push(jb);
      val.push(x);
    }
  }
  return { idx: Int32Array.from(idx), val: Float64Array.from(val) };
}

/** The entry of a sparse vector at column j (0 when absent). */
function valueAt(v: SparseVector, j: number): number {
  let lo = 0;
  let hi = v.idx.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = v.idx[mid];
    if (x === j) return v.val[mid];
    if (x < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return 0;
}
