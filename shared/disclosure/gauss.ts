// Secondary suppression by Gaussian elimination (after SSB's GaussSuppression, Langsrud 2024): published cells are
// taken in order of preference (forced ones first, then coarse and large before fine and small); a cell is published
// unless, together with everything published before it, it would make a sensitive quantity an exact linear
// combination of published values. Work is done per independent sub-model, over atoms (inner cells that lie in
// exactly the same rows); atoms inside a published zero are known to be 0 and drop out.
// Only linear determination is checked here; interval widths and bounds (x ≥ 0, ≥ 1) are left to the LP audit.
import type { CompiledModel } from "./model";

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
  /** Threshold T: single atoms with 1 ≤ value < T (not pseudo) are sensitive too. */
  threshold: number;
}

export interface GaussResult {
  /** Cells to suppress as secondary, ascending. */
  secondary: number[];
  /** Targets already determined by forced cells alone (no complement can help): cell indices, or -1 for others. */
  determined: number;
}

const EPS = 1e-9;

export function gaussSecondary(input: GaussInput): GaussResult {
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
  const atomSize: number[] = [];
  for (let i = 0; i < nInner; i++) {
    if (sig[i] === "") continue;
    let a = bySig.get(sig[i]);
    if (a === undefined) {
      a = atomValue.length;
      bySig.set(sig[i], a);
      atomValue.push(0);
      atomPseudo.push(true);
      atomSize.push(0);
    }
    atomOf[i] = a;
    atomValue[a] += m.innerCounts[i];
    atomPseudo[a] = atomPseudo[a] && m.innerPseudo[i] === 1;
    atomSize[a]++;
  }
  const nAtoms = atomValue.length;
  const atomsOfRow = (r: Int32Array): Int32Array => Int32Array.from(new Set(Array.from(r, (i) => atomOf[i]))).sort();
  const cellAtoms = m.cells.map((c) => atomsOfRow(c.inner));
  const knownAtoms = input.knownSums.map(atomsOfRow);
  const extraAtoms = input.extraTargets.map(atomsOfRow);

  // Atoms inside a published zero are known.
  const knownZero = new Uint8Array(nAtoms);
  m.cells.forEach((c, k) => {
    if (c.value === 0 && !input.hidden[k]) for (const a of cellAtoms[k]) knownZero[a] = 1;
  });

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

  interface Comp {
    atoms: number[];
    forced: Int32Array[];
    candidates: number[];
    targets: Int32Array[];
  }
  const comps = new Map<number, Comp>();
  const comp = (a: number): Comp => {
    const root = compOfAtom[a];
    let c = comps.get(root);
    if (!c) {
      c = { atoms: [], forced: [], candidates: [], targets: [] };
      comps.set(root, c);
    }
    return c;
  };
  for (let a = 0; a < nAtoms; a++) comp(a).atoms.push(a);
  m.cells.forEach((c, k) => {
    const at = cellAtoms[k];
    const cc = comp(at[0]);
    if (input.target[k]) cc.targets.push(at);
    if (input.hidden[k]) return;
    if (input.forced[k]) cc.forced.push(at);
    else cc.candidates.push(k);
  });
  knownAtoms.forEach((at) => comp(at[0]).forced.push(at));
  extraAtoms.forEach((at) => comp(at[0]).targets.push(at));
  for (let a = 0; a < nAtoms; a++) {
    if (atomPseudo[a] || singleCellAtom.has(a) || knownZero[a]) continue;
    if (atomValue[a] >= 1 && atomValue[a] < input.threshold) comp(a).targets.push(Int32Array.of(a));
  }

  const secondary: number[] = [];
  let determined = 0;
  const roots = [...comps.keys()].sort((x, y) => x - y);
  for (const root of roots) {
    const c = comps.get(root)!;
    if (c.targets.length === 0) continue;
    c.candidates.sort((x, y) => cellAtoms[y].length - cellAtoms[x].length || m.cells[y].value - m.cells[x].value || x - y);
    const r = eliminate(c, cellAtoms, knownZero);
    for (const k of r.secondary) secondary.push(k);
    determined += r.determined;
  }
  return { secondary: secondary.sort((x, y) => x - y), determined };
}

function eliminate(
  c: { atoms: number[]; forced: Int32Array[]; candidates: number[]; targets: Int32Array[] },
  cellAtoms: Int32Array[],
  knownZero: Uint8Array,
): { secondary: number[]; determined: number } {
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
  // span(P): the published cells; span(P ∪ S): the published cells and the sensitive quantities.
  const published = new Span(n);
  const withTargets = new Span(n);
  for (const at of c.targets) withTargets.add(dense(at));
  for (const at of c.forced) {
    published.add(dense(at));
    withTargets.add(dense(at));
  }
  // Sensitive quantities that the forced cells already pin (each one lost is a dimension of span(S) inside span(P)).
  const determined = published.rank + c.targets.length - withTargets.rank;
  const secondary: number[] = [];
  for (const k of c.candidates) {
    const v = dense(cellAtoms[k]);
    const w = v.slice();
    if (!published.reduce(v)) continue; // already a combination of published cells: publishing it adds nothing
    // Inside span(P ∪ S) but not span(P): publishing it would take one degree of freedom from the sensitive quantities.
    if (!withTargets.reduce(w)) {
      secondary.push(k);
      continue;
    }
    published.insert(v);
    withTargets.insert(w);
  }
  return { secondary, determined: Math.max(0, determined) };
}

/** A linear span kept as fully reduced rows (each row is zero at every other row's pivot). */
class Span {
  private readonly pivots: number[] = [];
  private readonly rows: Float64Array[] = [];
  constructor(private readonly n: number) {}

  get rank(): number {
    return this.rows.length;
  }

  /** Reduces v in place modulo the span; true when something is left. */
  reduce(v: Float64Array): boolean {
    const n = this.n;
    for (let q = 0; q < this.pivots.length; q++) {
      const f = v[this.pivots[q]];
      if (f === 0) continue;
      const row = this.rows[q];
      for (let j = 0; j < n; j++) if (row[j] !== 0) v[j] -= f * row[j];
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
    for (const row of this.rows) {
      const f = row[p];
      if (f === 0) continue;
      for (let j = 0; j < n; j++) if (v[j] !== 0) row[j] -= f * v[j];
      row[p] = 0;
      for (let j = 0; j < n; j++) if (row[j] !== 0 && Math.abs(row[j]) < EPS) row[j] = 0;
    }
    this.pivots.push(p);
    this.rows.push(v);
  }
}
