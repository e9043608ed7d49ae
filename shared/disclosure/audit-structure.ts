// The audit's own view of the cover: atoms (inner cells that appear in exactly the same rows, merged into one
// non-negative variable without changing any bound) and components (atoms linked by a row; solved separately).
// Written for the audit (and the LP paths, `paths.ts`, which solve the attacker's LP too); the suppressor has its own structures.
// `buildAtoms` links atoms by every row it is given; the audit itself links them by its reduced rows (`NestedEqualities`,
// `componentsOf`).

export interface RowSpec {
  /** Sorted inner indices and their coefficients (1 for sums). */
  inner: Int32Array;
  coefs?: Float64Array;
}

export interface AtomStructure {
  /** Inner index → atom index, or -1 when the inner cell is in no row. */
  atomOfInner: Int32Array;
  /** Per atom: its inner indices. */
  atomInner: Int32Array[];
  /** Per atom: its component. */
  componentOfAtom: Int32Array;
  componentCount: number;
}

export function buildAtoms(innerCount: number, rows: readonly RowSpec[]): AtomStructure {
  // Partition refinement: each row splits the classes of its inner cells (by coefficient too), so two inner cells end
  // in one class exactly when they lie in the same rows with the same coefficients. Class ids only grow.
  const cls = new Int32Array(innerCount);
  let next = 1;
  let remapRow = new Int32Array(1024).fill(-1);
  let remapTo = new Int32Array(1024);
  rows.forEach((row, r) => {
    const coefs = row.coefs;
    const weighted = coefs !== undefined && coefs.some((c) => c !== 1);
    if (weighted) {
      const to = new Map<string, number>();
      for (let k = 0; k < row.inner.length; k++) {
        const i = row.inner[k];
        const key = `${cls[i]} ${coefs[k]}`;
        let c = to.get(key);
        if (c === undefined) to.set(key, (c = next++));
        cls[i] = c;
      }
      return;
    }
    for (let k = 0; k < row.inner.length; k++) {
      const i = row.inner[k];
      const old = cls[i];
      if (old >= remapRow.length) {
        const size = Math.max(old + 1, remapRow.length * 2);
        const grownRow = new Int32Array(size).fill(-1);
        grownRow.set(remapRow);
        const grownTo = new Int32Array(size);
        grownTo.set(remapTo);
        remapRow = grownRow;
        remapTo = grownTo;
      }
      if (remapRow[old] !== r) {
        remapRow[old] = r;
        remapTo[old] = next++;
      }
      cls[i] = remapTo[old];
    }
  });
  // Atoms numbered by their first inner cell; class 0 is "in no row".
  const atomOfInner = new Int32Array(innerCount).fill(-1);
  const atomOfClass = new Map<number, number>();
  const members: number[][] = [];
  for (let i = 0; i < innerCount; i++) {
    if (cls[i] === 0) continue;
    let a = atomOfClass.get(cls[i]);
    if (a === undefined) {
      a = members.length;
      atomOfClass.set(cls[i], a);
      members.push([]);
    }
    members[a].push(i);
    atomOfInner[i] = a;
  }
  // Each row as its atoms, in one reused buffer (componentsOf reads a row before asking for the next).
  function* rowsAsAtoms(): Generator<Int32Array> {
    let buffer = new Int32Array(64);
    for (const row of rows) {
      if (row.inner.length > buffer.length) buffer = new Int32Array(row.inner.length);
      for (let k = 0; k < row.inner.length; k++) buffer[k] = atomOfInner[row.inner[k]];
      yield buffer.subarray(0, row.inner.length);
    }
  }
  const { componentOfAtom, componentCount } = componentsOf(members.length, rowsAsAtoms());
  return { atomOfInner, atomInner: members.map((m) => Int32Array.from(m)), componentOfAtom, componentCount };
}

/** Each atom's index among its component's atoms (the LP variable it is), and each component's atom count. */
export function localIndices({ componentOfAtom, componentCount }: Pick<AtomStructure, "componentOfAtom" | "componentCount">): {
  local: Int32Array;
  size: Int32Array;
} {
  const local = new Int32Array(componentOfAtom.length);
  const size = new Int32Array(componentCount);
  for (let a = 0; a < componentOfAtom.length; a++) local[a] = size[componentOfAtom[a]]++;
  return { local, size };
}

/** The sorted distinct atoms of a set of inner cells (every inner cell of a row belongs to an atom). */
export function atomsOf(inner: Int32Array, atomOfInner: Int32Array): Int32Array {
  const set = new Set<number>();
  for (const i of inner) set.add(atomOfInner[i]);
  return Int32Array.from([...set].sort((a, b) => a - b));
}

/**
 * Equality rows (sums of atoms that hold exactly in every scenario: published cells, unchanged facts) reduced by the
 * equality rows nested in them. Each row C keeps only its residual R(C) = C − Σ children, its children being
 * pairwise disjoint equality rows strictly inside it (or the same sum listed earlier), chosen greedily: largest first,
 * ties by index. The residuals define the same feasible set as the rows (a triangular change of basis:
 * C = R(C) + Σ children, recursively), with value(R(C)) = value(C) − Σ value(children); a residual with no atoms is
 * `0 = 0` and is no row. A municipality total over published districts is then nothing: the attacker's LP links areas
 * only through suppressed cells and what remains of partly suppressed sums.
 *
 * `remove(r)` takes a row out (a published cell that becomes suppressed): every row that used it as a child takes its
 * residual and its children instead, so the reduction stays valid for the remaining rows.
 */
export class NestedEqualities {
  /** Per row: its residual atoms (sorted). */
  readonly residual: Int32Array[];
  /** Per row: its residual's value. */
  readonly value: Float64Array;
  /** Per row: whether it is still an equality row. */
  readonly live: Uint8Array;
  private readonly children: number[][];
  private readonly parents: number[][];
  /** Per row: the value of the whole sum. */
  private readonly whole: Float64Array;

  constructor(rows: readonly Int32Array[], values: ArrayLike<number>, atomCount: number) {
    const n = rows.length;
    this.residual = new Array<Int32Array>(n);
    this.value = Float64Array.from(values);
    this.whole = Float64Array.from(values);
    this.live = new Uint8Array(n).fill(1);
    this.children = Array.from({ length: n }, () => []);
    this.parents = Array.from({ length: n }, () => []);
    // The same sum twice: the later one is the earlier one (nested in it, with nothing left).
    const firstOf = new Map<string, number>();
    const distinct: number[] = [];
    for (let r = 0; r < n; r++) {
      const key = rows[r].join(",");
      const first = firstOf.get(key);
      if (first === undefined) {
        firstOf.set(key, r);
        distinct.push(r);
      } else {
        this.link(r, first);
        this.residual[r] = new Int32Array(0);
      }
    }
    // Per atom, the distinct rows through it, smallest first (then by index).
    const degree = new Int32Array(atomCount + 1);
    for (const r of distinct) for (const a of rows[r]) degree[a + 1]++;
    for (let a = 0; a < atomCount; a++) degree[a + 1] += degree[a];
    const start = degree.slice();
    const through = new Int32Array(start[atomCount]);
    const fill = start.slice(0, atomCount);
    const bySize = [...distinct].sort((x, y) => rows[x].length - rows[y].length || x - y);
    for (const r of bySize) for (const a of rows[r]) through[fill[a]++] = r;
    // Rank: largest first, ties by index (the greedy order of children).
    const rank = new Int32Array(n);
    [...distinct].sort((x, y) => rows[y].length - rows[x].length || x - y).forEach((r, k) => (rank[r] = k));
    const count = new Int32Array(n);
    const stamp = new Int32Array(atomCount).fill(-1);
    const touched: number[] = [];
    for (const c of distinct) {
      const row = rows[c];
      const size = row.length;
      // The rows inside c: every one of their atoms is in c (counted over c's atoms).
      for (let j = 0; j < size; j++) {
        const a = row[j];
        for (let q = start[a]; q < start[a + 1]; q++) {
          const d = through[q];
          if (rows[d].length >= size) break;
          if (count[d]++ === 0) touched.push(d);
        }
      }
      const inside = touched.filter((d) => count[d] === rows[d].length).sort((x, y) => rank[x] - rank[y]);
      for (const d of touched) count[d] = 0;
      touched.length = 0;
      let left = size;
      for (const d of inside) {
        if (left === 0) break;
        const drow = rows[d];
        let free = true;
        for (let j = 0; j < drow.length && free; j++) if (stamp[drow[j]] === c) free = false;
        if (!free) continue;
        for (let j = 0; j < drow.length; j++) stamp[drow[j]] = c;
        left -= drow.length;
        this.link(c, d);
      }
      const rest = new Int32Array(left);
      for (let j = 0, q = 0; j < size; j++) if (stamp[row[j]] !== c) rest[q++] = row[j];
      this.residual[c] = rest;
    }
  }

  private link(parent: number, child: number): void {
    this.children[parent].push(child);
    this.parents[child].push(parent);
    this.value[parent] -= this.whole[child];
  }

  /** Takes row r out of the equalities; returns the rows whose residual changed. */
  remove(r: number): number[] {
    if (!this.live[r]) return [];
    this.live[r] = 0;
    const changed: number[] = [];
    for (const p of this.parents[r]) {
      if (!this.live[p]) continue;
      this.residual[p] = mergeSorted(this.residual[p], this.residual[r]);
      this.value[p] += this.value[r];
      this.children[p] = this.children[p].filter((x) => x !== r).concat(this.children[r]);
      for (const ch of this.children[r]) this.parents[ch].push(p);
      changed.push(p);
    }
    for (const ch of this.children[r]) this.parents[ch] = this.parents[ch].filter((x) => x !== r);
    this.children[r] = [];
    this.parents[r] = [];
    return changed;
  }
}

/** The union of two disjoint sorted lists. */
function mergeSorted(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/** Components of atoms linked by the given rows (lists of atoms); rows with no atoms link nothing. */
export function componentsOf(atomCount: number, rows: Iterable<ArrayLike<number>>): { componentOfAtom: Int32Array; componentCount: number } {
  const parent = Int32Array.from({ length: atomCount }, (_, k) => k);
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  };
  for (const row of rows) {
    if (row.length === 0) continue;
    const first = find(row[0]);
    for (let k = 1; k < row.length; k++) {
      const other = find(row[k]);
      if (other !== first) parent[other] = first;
    }
  }
  const componentOfAtom = new Int32Array(atomCount);
  const ids = new Int32Array(atomCount).fill(-1);
  let count = 0;
  for (let a = 0; a < atomCount; a++) {
    const root = find(a);
    if (ids[root] < 0) ids[root] = count++;
    componentOfAtom[a] = ids[root];
  }
  return { componentOfAtom, componentCount: count };
}
