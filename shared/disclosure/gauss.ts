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

const EPS = 1e-9;

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

/** The structure of the last inputs per model: a protector eliminates many times over the same rows. */
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
  const dense = (at: Int32Array): Float64Array => {
    const v = new Float64Array(n);
    for (const a of at) {
      const j = local.get(a);
      if (j !== undefined) v[j] = 1;
    }
    return v;
  };
  // span(P) of the published cells, tracking each sensitive quantity's image modulo it;
  // span(P ∪ F) with the strict quantities F, which must also stay independent of each other.
  const published = new Span(n, c.targets.map((t) => dense(t.atoms)));
  const strict = c.targets.filter((t) => t.strict || allStrict);
  const withStrict = strict.length > 0 ? new Span(n, []) : undefined;
  if (withStrict) for (const t of strict) withStrict.add(dense(t.atoms));
  for (const at of c.forced) {
    published.add(dense(at));
    withStrict?.add(dense(at));
  }
  // Per insider that knows cells here: span(P ∪ its own cells), tracking the quantities that are not its own.
  const insiderSpans: { j: number; span: Span }[] = [];
  c.insiderForced.forEach((rows, j) => {
    if (rows.length === 0) return;
    const span = new Span(n, [...c.targets.filter((t) => !t.ownBy[j]).map((t) => dense(t.atoms)), ...c.insiderAlsoFree[j].map(dense)]);
    for (const at of c.forced) span.add(dense(at));
    for (const at of rows) span.add(dense(at));
    insiderSpans.push({ j, span });
  });
  const determined = published.zeroTracked();
  const secondary: number[] = [];
  // A complement's image is a multiple of the image of the quantity it protects, and both are reduced by the same
  // rows from then on: it stays undetermined as long as that quantity does, so complements need no tracking here.
  // (For an insider that knows the quantity it is another matter: see `pinned` below.)
  for (const k of c.candidates) {
    const v = dense(cellAtoms[k]);
    const w = withStrict ? v.slice() : undefined;
    if (!published.reduce(v)) continue; // already a combination of published cells: publishing it adds nothing
    // Publishing it would pin a sensitive quantity (its image is a multiple of the candidate's).
    if (published.parallelToTracked(v)) {
      secondary.push(k);
      continue;
    }
    const forInsiders = insiderSpans.map(({ span }) => {
      const x = dense(cellAtoms[k]);
      return span.reduce(x) ? x : undefined;
    });
    if (insiderSpans.some(({ span }, q) => forInsiders[q] !== undefined && span.parallelToTracked(forInsiders[q]))) {
      secondary.push(k);
      continue;
    }
    if (withStrict && w && !withStrict.reduce(w)) {
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
      if (!span.reduce(dense(cellAtoms[k]))) pinned[j].push(k);
    }
  }
  return { secondary, pinned, determined };
}

/**
 * A linear span kept as fully reduced rows (each row is zero at every other row's pivot), optionally tracking the
 * images of some vectors modulo the span, bucketed by (first non-zero, support size) for the parallel test.
 */
class Span {
  private readonly pivots: number[] = [];
  private readonly rows: Float64Array[] = [];
  /** Per row: the indices of its non-zeros. */
  private readonly nz: Int32Array[] = [];
  private readonly buckets = new Map<string, Set<number>>();
  private readonly keys: (string | undefined)[];
  constructor(
    private readonly n: number,
    private readonly tracked: Float64Array[],
  ) {
    this.keys = tracked.map(() => undefined);
    tracked.forEach((_, t) => this.rekey(t));
  }

  /** Tracked vectors already in the span. */
  zeroTracked(): number {
    return this.keys.filter((k) => k === undefined).length;
  }

  private keyOf(v: Float64Array): string | undefined {
    let first = -1;
    let nnz = 0;
    for (let j = 0; j < this.n; j++) {
      if (v[j] !== 0) {
        if (first < 0) first = j;
        nnz++;
      }
    }
    return first < 0 ? undefined : `${first}:${nnz}`;
  }

  private rekey(t: number): void {
    const old = this.keys[t];
    if (old !== undefined) this.buckets.get(old)!.delete(t);
    const k = this.keyOf(this.tracked[t]);
    this.keys[t] = k;
    if (k === undefined) return;
    let b = this.buckets.get(k);
    if (!b) this.buckets.set(k, (b = new Set()));
    b.add(t);
  }

  /** Whether a reduced vector is a multiple of some tracked image. */
  parallelToTracked(v: Float64Array): boolean {
    const key = this.keyOf(v);
    if (key === undefined) return false;
    const bucket = this.buckets.get(key);
    if (!bucket || bucket.size === 0) return false;
    const first = Number(key.slice(0, key.indexOf(":")));
    for (const t of bucket) {
      const w = this.tracked[t];
      const ratio = w[first] / v[first];
      let parallel = true;
      for (let j = first; j < this.n; j++) {
        if (Math.abs(w[j] - ratio * v[j]) > 1e-7 * (1 + Math.abs(w[j]))) {
          parallel = false;
          break;
        }
      }
      if (parallel) return true;
    }
    return false;
  }

  /** Reduces v in place modulo the span; true when something is left. */
  reduce(v: Float64Array): boolean {
    const n = this.n;
    for (let q = 0; q < this.pivots.length; q++) {
      const f = v[this.pivots[q]];
      if (f === 0) continue;
      const row = this.rows[q];
      const nz = this.nz[q];
      for (let t = 0; t < nz.length; t++) {
        const j = nz[t];
        v[j] -= f * row[j];
      }
      v[this.pivots[q]] = 0;
    }
    let left = false;
    for (let j = 0; j < n; j++) {
      if (Math.abs(v[j]) < EPS) v[j] = 0;
      else left = true;
    }
    return left;
  }

  /** Adds a vector (reduced first). */
  add(v: Float64Array): void {
    if (this.reduce(v)) this.insert(v);
  }

  /** Inserts an already reduced, non-zero vector. */
  insert(v: Float64Array): void {
    const n = this.n;
    let p = -1;
    let best = 0;
    for (let j = 0; j < n; j++) {
      const x = Math.abs(v[j]);
      if (x > best + EPS) {
        best = x;
        p = j;
      }
    }
    if (p < 0) return;
    const inv = 1 / v[p];
    for (let j = 0; j < n; j++) if (v[j] !== 0) v[j] *= inv;
    v[p] = 1;
    const nzV = nonZeros(v);
    // Only the non-zeros of v take part (the rows are sparse: sums over a few atoms, fully reduced).
    const eliminateFrom = (w: Float64Array): boolean => {
      const f = w[p];
      if (f === 0) return false;
      for (let t = 0; t < nzV.length; t++) {
        const j = nzV[t];
        const x = w[j] - f * v[j];
        w[j] = Math.abs(x) < EPS ? 0 : x;
      }
      w[p] = 0;
      return true;
    };
    for (let q = 0; q < this.rows.length; q++) if (eliminateFrom(this.rows[q])) this.nz[q] = nonZeros(this.rows[q]);
    this.tracked.forEach((t, k) => {
      if (eliminateFrom(t)) this.rekey(k);
    });
    this.pivots.push(p);
    this.rows.push(v);
    this.nz.push(nzV);
  }
}

/** The indices of the non-zero entries of v. */
function nonZeros(v: Float64Array): Int32Array {
  let count = 0;
  for (let j = 0; j < v.length; j++) if (v[j] !== 0) count++;
  const out = new Int32Array(count);
  let t = 0;
  for (let j = 0; j < v.length; j++) if (v[j] !== 0) out[t++] = j;
  return out;
}
