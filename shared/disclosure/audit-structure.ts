// The audit's own view of the cover: atoms (inner cells that appear in exactly the same rows, merged into one
// non-negative variable without changing any bound) and components (atoms linked by a row; solved separately).
// Written for the audit (and the LP paths, `paths.ts`, which solve the attacker's LP too); the suppressor has its own structures.

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
  const signature: string[] = new Array<string>(innerCount).fill("");
  rows.forEach((row, r) => {
    for (let k = 0; k < row.inner.length; k++) {
      const i = row.inner[k];
      const tag = row.coefs && row.coefs[k] !== 1 ? `${r}*${row.coefs[k]}` : `${r}`;
      signature[i] = signature[i] === "" ? tag : `${signature[i]} ${tag}`;
    }
  });
  const atomOfInner = new Int32Array(innerCount).fill(-1);
  const bySignature = new Map<string, number>();
  const members: number[][] = [];
  for (let i = 0; i < innerCount; i++) {
    if (signature[i] === "") continue;
    let a = bySignature.get(signature[i]);
    if (a === undefined) {
      a = members.length;
      bySignature.set(signature[i], a);
      members.push([]);
    }
    members[a].push(i);
    atomOfInner[i] = a;
  }
  const parent = Int32Array.from({ length: members.length }, (_, k) => k);
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  };
  for (const row of rows) {
    if (row.inner.length === 0) continue;
    const first = find(atomOfInner[row.inner[0]]);
    for (let k = 1; k < row.inner.length; k++) {
      const other = find(atomOfInner[row.inner[k]]);
      if (other !== first) parent[Math.max(other, first)] = Math.min(other, first);
    }
  }
  const componentOfAtom = new Int32Array(members.length);
  const componentIds = new Map<number, number>();
  for (let a = 0; a < members.length; a++) {
    const root = find(a);
    let c = componentIds.get(root);
    if (c === undefined) {
      c = componentIds.size;
      componentIds.set(root, c);
    }
    componentOfAtom[a] = c;
  }
  return { atomOfInner, atomInner: members.map((m) => Int32Array.from(m)), componentOfAtom, componentCount: componentIds.size };
}

/** Each atom's index among its component's atoms (the LP variable it is), and each component's atom count. */
export function localIndices(atoms: AtomStructure): { local: Int32Array; size: Int32Array } {
  const local = new Int32Array(atoms.atomInner.length);
  const size = new Int32Array(atoms.componentCount);
  for (let a = 0; a < atoms.atomInner.length; a++) local[a] = size[atoms.componentOfAtom[a]]++;
  return { local, size };
}

/** The sorted distinct atoms of a set of inner cells (every inner cell of a row belongs to an atom). */
export function atomsOf(inner: Int32Array, atomOfInner: Int32Array): Int32Array {
  const set = new Set<number>();
  for (const i of inner) set.add(atomOfInner[i]);
  return Int32Array.from([...set].sort((a, b) => a - b));
}
