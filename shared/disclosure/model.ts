// The cover model of one delivery round: opaque inner cells with counts, and published cells that are sums over them.
// Everything else (relations, components, attacker knowledge) is derived from these sums.

/** A leaf of the cover: leaf area × category × leaf period (or a pseudo area such as "unlocated"). */
export interface InnerCell {
  id: string;
  /** Non-negative integer count. */
  count: number;
  /** A pseudo cell (for example rows that could not be located): never checked as an implied cell on its own. */
  pseudo?: boolean;
}

/** A cell some reader can see: the sum of its inner cells. */
export interface PublishedCell {
  id: string;
  inner: readonly string[];
  /** Never suppressed (the municipality totals). */
  neverSuppress?: boolean;
}

/** A term of an extra linear constraint: a coefficient times a published cell's sum, or times one inner cell. */
export type ConstraintTerm = { cell: string; coef: number } | { inner: string; coef: number };

/** Extra attacker knowledge: lower ≤ Σ coef·term ≤ upper (for example "count once" relations across partners). */
export interface LinearConstraint {
  id: string;
  terms: readonly ConstraintTerm[];
  lower?: number;
  upper?: number;
}

export interface CoverModel {
  inner: readonly InnerCell[];
  cells: readonly PublishedCell[];
  constraints?: readonly LinearConstraint[];
}

/** A value published in an earlier round: the sum over `inner` was `value`. */
export interface FixedFact {
  id: string;
  inner: readonly string[];
  value: number;
}

export type CellStatus = "published" | "primary" | "secondary" | "held";

export interface ModelIssue {
  code:
    | "duplicate-inner-id"
    | "bad-count"
    | "duplicate-cell-id"
    | "unknown-inner"
    | "empty-cell"
    | "unknown-cell"
    | "bad-constraint"
    | "constraint-violated";
  message: string;
  ref?: string;
}

export type Result<T, I> = { ok: true; value: T } | { ok: false; issues: I[] };

/** One distinct sum (cells with identical inner sets are the same fact and share a status). */
export interface CompiledCell {
  /** Canonical key: the sorted inner indices. */
  key: string;
  /** Every published cell id that is this sum, sorted. */
  ids: string[];
  /** Sorted inner indices. */
  inner: Int32Array;
  value: number;
  neverSuppress: boolean;
}

export interface CompiledConstraint {
  id: string;
  /** Inner index → coefficient, merged. */
  inner: Int32Array;
  coefs: Float64Array;
  lower: number;
  upper: number;
}

export interface CompiledModel {
  innerIds: string[];
  innerCounts: Float64Array;
  innerPseudo: Uint8Array;
  innerIndex: Map<string, number>;
  cells: CompiledCell[];
  /** Published cell id → index into `cells`. */
  cellIndex: Map<string, number>;
  /** Canonical key → index into `cells`. */
  keyIndex: Map<string, number>;
  constraints: CompiledConstraint[];
}

export function canonicalKey(sortedInner: ArrayLike<number>): string {
  return Array.prototype.join.call(sortedInner, ",");
}

/** Sorted, de-duplicated inner indices of a list of inner ids, or the first unknown id. */
export function innerIndicesOf(
  ids: readonly string[],
  innerIndex: Map<string, number>,
): { ok: true; value: Int32Array } | { ok: false; unknown: string } {
  const seen = new Set<number>();
  for (const id of ids) {
    const i = innerIndex.get(id);
    if (i === undefined) return { ok: false, unknown: id };
    seen.add(i);
  }
  return { ok: true, value: Int32Array.from([...seen].sort((a, b) => a - b)) };
}

/** A quantity named by inner ids (an audit failure's, say), parsed once for every means that acts on it. */
export interface ParsedQuantity<T> {
  item: T;
  /** Sorted, de-duplicated inner indices; null when an id is unknown or there is none. */
  inner: Int32Array | null;
  value: number;
  /** `canonicalKey(inner)` ("" without inner indices). */
  key: string;
}

export function parseQuantities<T extends { inner: readonly string[] }>(m: CompiledModel, items: readonly T[]): ParsedQuantity<T>[] {
  return items.map((item) => {
    const idx = innerIndicesOf(item.inner, m.innerIndex);
    if (!idx.ok || idx.value.length === 0) return { item, inner: null, value: 0, key: "" };
    return { item, inner: idx.value, value: sumOver(idx.value, m.innerCounts), key: canonicalKey(idx.value) };
  });
}

export function sumOver(inner: ArrayLike<number>, counts: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < inner.length; k++) s += counts[inner[k]];
  return s;
}

/** Validates the model, computes every published value and merges cells that are the same sum. */
export function compileModel(model: CoverModel): Result<CompiledModel, ModelIssue> {
  const issues: ModelIssue[] = [];
  const innerIndex = new Map<string, number>();
  const innerIds: string[] = [];
  const counts: number[] = [];
  const pseudo: number[] = [];
  for (const c of model.inner) {
    if (innerIndex.has(c.id)) {
      issues.push({ code: "duplicate-inner-id", message: `inner cell ${c.id} twice`, ref: c.id });
      continue;
    }
    if (!Number.isInteger(c.count) || c.count < 0) {
      issues.push({ code: "bad-count", message: `inner cell ${c.id} has count ${c.count}`, ref: c.id });
    }
    innerIndex.set(c.id, innerIds.length);
    innerIds.push(c.id);
    counts.push(c.count);
    pseudo.push(c.pseudo ? 1 : 0);
  }
  const innerCounts = Float64Array.from(counts);
  const cells: CompiledCell[] = [];
  const cellIndex = new Map<string, number>();
  const keyIndex = new Map<string, number>();
  for (const cell of model.cells) {
    if (cellIndex.has(cell.id)) {
      issues.push({ code: "duplicate-cell-id", message: `cell ${cell.id} twice`, ref: cell.id });
      continue;
    }
    const idx = innerIndicesOf(cell.inner, innerIndex);
    if (!idx.ok) {
      issues.push({ code: "unknown-inner", message: `cell ${cell.id} refers to unknown inner ${idx.unknown}`, ref: cell.id });
      continue;
    }
    if (idx.value.length === 0) {
      issues.push({ code: "empty-cell", message: `cell ${cell.id} has no inner cells`, ref: cell.id });
      continue;
    }
    const key = canonicalKey(idx.value);
    let at = keyIndex.get(key);
    if (at === undefined) {
      at = cells.length;
      keyIndex.set(key, at);
      cells.push({ key, ids: [], inner: idx.value, value: sumOver(idx.value, innerCounts), neverSuppress: false });
    }
    const target = cells[at];
    target.ids.push(cell.id);
    target.neverSuppress = target.neverSuppress || cell.neverSuppress === true;
    cellIndex.set(cell.id, at);
  }
  for (const c of cells) c.ids.sort();
  const constraints: CompiledConstraint[] = [];
  for (const con of model.constraints ?? []) {
    const coef = new Map<number, number>();
    let bad = false;
    for (const t of con.terms) {
      if (!Number.isFinite(t.coef)) bad = true;
      if ("cell" in t) {
        const at = cellIndex.get(t.cell);
        if (at === undefined) {
          issues.push({ code: "unknown-cell", message: `constraint ${con.id} refers to unknown cell ${t.cell}`, ref: con.id });
          bad = true;
          continue;
        }
        for (const i of cells[at].inner) coef.set(i, (coef.get(i) ?? 0) + t.coef);
      } else {
        const i = innerIndex.get(t.inner);
        if (i === undefined) {
          issues.push({ code: "unknown-inner", message: `constraint ${con.id} refers to unknown inner ${t.inner}`, ref: con.id });
          bad = true;
          continue;
        }
        coef.set(i, (coef.get(i) ?? 0) + t.coef);
      }
    }
    const lower = con.lower ?? -Infinity;
    const upper = con.upper ?? Infinity;
    if (bad || lower > upper) {
      issues.push({ code: "bad-constraint", message: `constraint ${con.id} is malformed`, ref: con.id });
      continue;
    }
    const entries = [...coef].filter(([, c]) => c !== 0).sort((a, b) => a[0] - b[0]);
    const compiled: CompiledConstraint = {
      id: con.id,
      inner: Int32Array.from(entries.map((e) => e[0])),
      coefs: Float64Array.from(entries.map((e) => e[1])),
      lower,
      upper,
    };
    let activity = 0;
    for (let k = 0; k < compiled.inner.length; k++) activity += compiled.coefs[k] * innerCounts[compiled.inner[k]];
    if (activity < lower - 1e-9 || activity > upper + 1e-9) {
      issues.push({ code: "constraint-violated", message: `the data violate constraint ${con.id}`, ref: con.id });
    }
    constraints.push(compiled);
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    value: { innerIds, innerCounts, innerPseudo: Uint8Array.from(pseudo), innerIndex, cells, cellIndex, keyIndex, constraints },
  };
}

/**
 * "Count once" across partners: for each leaf, the de-duplicated count lies between the largest partner count and their sum.
 * Give matching leaf cells (published cell ids or inner ids) per leaf.
 */
export function countOnceConstraints(
  leaves: readonly { id: string; once: string | { inner: string }; partners: readonly (string | { inner: string })[] }[],
): LinearConstraint[] {
  const ref = (r: string | { inner: string }, coef: number): ConstraintTerm =>
    typeof r === "string" ? { cell: r, coef } : { inner: r.inner, coef };
  const out: LinearConstraint[] = [];
  for (const leaf of leaves) {
    leaf.partners.forEach((p, k) => {
      out.push({ id: `${leaf.id}:ge:${k}`, terms: [ref(leaf.once, 1), ref(p, -1)], lower: 0 });
    });
    out.push({ id: `${leaf.id}:le-sum`, terms: [ref(leaf.once, 1), ...leaf.partners.map((p) => ref(p, -1))], upper: 0 });
  }
  return out;
}
