// The suppressor's working state, and its last resort for a quantity the audit still finds too narrow after the
// elimination (gauss.ts): open one more complement in its tightest relation. A relation is a published cell P
// containing a suppressed quantity u: P = u + (P \ u). Unless enough is suppressed inside P \ u, u follows from P.
// The complement is chosen among the largest published cells inside P \ u (the siblings of u along one axis),
// preferring ones that give enough room, then small (leaf) cells, then small values.
import type { CompiledModel } from "./model";
import type { DisclosureRule } from "./rule";

export const PUBLISHED = 0;
export const PRIMARY = 1;
export const SECONDARY = 2;
export const HELD = 3;

export interface Quantity {
  inner: Int32Array;
  value: number;
  /** The cell this quantity is, if any. */
  cell?: number;
}

/** The suppressor's working state: relation lookups over the compiled model, and the pattern being built. */
export class Suppressor {
  readonly status: Uint8Array;
  /** Cells that can never be chosen (municipality totals, values already public). */
  readonly blocked: Uint8Array;
  private readonly cellStarts: Int32Array;
  private readonly cellList: Int32Array;
  private readonly counter: Int32Array;
  private readonly stamp: Int32Array;
  private stampNo = 0;
  private readonly subsetCache = new Map<number, Int32Array>();
  private readonly supersetCache = new Map<number, Int32Array>();

  constructor(
    private readonly m: CompiledModel,
    private readonly rule: DisclosureRule,
  ) {
    const n = m.innerIds.length;
    this.status = new Uint8Array(m.cells.length);
    this.blocked = new Uint8Array(m.cells.length);
    m.cells.forEach((c, k) => (this.blocked[k] = c.neverSuppress ? 1 : 0));
    const degree = new Int32Array(n + 1);
    for (const c of m.cells) for (const i of c.inner) degree[i + 1]++;
    for (let i = 0; i < n; i++) degree[i + 1] += degree[i];
    this.cellStarts = degree.slice();
    this.cellList = new Int32Array(degree[n]);
    const fill = degree.slice(0, n);
    m.cells.forEach((c, k) => {
      for (const i of c.inner) this.cellList[fill[i]++] = k;
    });
    this.counter = new Int32Array(m.cells.length);
    this.stamp = new Int32Array(n);
  }

  isSuppressed(k: number): boolean {
    return this.status[k] === PRIMARY || this.status[k] === SECONDARY;
  }

  /** Cells whose inner set contains every inner cell of `inner` (including an equal cell). */
  private containing(inner: Int32Array): number[] {
    const touched: number[] = [];
    for (const i of inner) {
      for (let q = this.cellStarts[i]; q < this.cellStarts[i + 1]; q++) {
        const k = this.cellList[q];
        if (this.counter[k]++ === 0) touched.push(k);
      }
    }
    const out = touched.filter((k) => this.counter[k] === inner.length);
    for (const k of touched) this.counter[k] = 0;
    return out.sort((a, b) => a - b);
  }

  /** Cells inside `inner` (including an equal cell). */
  private inside(inner: Int32Array): number[] {
    const touched: number[] = [];
    for (const i of inner) {
      for (let q = this.cellStarts[i]; q < this.cellStarts[i + 1]; q++) {
        const k = this.cellList[q];
        if (this.counter[k]++ === 0) touched.push(k);
      }
    }
    const out = touched.filter((k) => this.counter[k] === this.m.cells[k].inner.length);
    for (const k of touched) this.counter[k] = 0;
    return out.sort((a, b) => a - b);
  }

  private subsets(k: number): Int32Array {
    let s = this.subsetCache.get(k);
    if (!s) {
      s = Int32Array.from(this.inside(this.m.cells[k].inner).filter((d) => d !== k));
      this.subsetCache.set(k, s);
    }
    return s;
  }

  private supersets(k: number): Int32Array {
    let s = this.supersetCache.get(k);
    if (!s) {
      s = Int32Array.from(this.containing(this.m.cells[k].inner).filter((d) => d !== k));
      this.supersetCache.set(k, s);
    }
    return s;
  }

  /** Published cells strictly containing the quantity: the relations that could pin it. */
  relationsOf(q: Quantity): number[] {
    const parents = q.cell !== undefined ? Array.from(this.supersets(q.cell)) : this.containing(q.inner).filter((k) => this.m.cells[k].inner.length > q.inner.length);
    return parents
      .filter((k) => this.status[k] === PUBLISHED)
      .sort((a, b) => this.m.cells[a].inner.length - this.m.cells[b].inner.length || a - b);
  }

  /** The cells inside P that do not meet the quantity, split into the maximal ones and the suppressed room they hold. */
  private rest(q: Quantity, parent: number): { maximal: number[]; room: number; others: number } {
    this.stampNo++;
    for (const i of q.inner) this.stamp[i] = this.stampNo;
    const disjoint = new Set<number>();
    for (const d of this.subsets(parent)) {
      const inner = this.m.cells[d].inner;
      let meets = false;
      for (const i of inner) {
        if (this.stamp[i] === this.stampNo) {
          meets = true;
          break;
        }
      }
      if (!meets) disjoint.add(d);
    }
    const maximal: number[] = [];
    let room = 0;
    let others = 0;
    for (const d of disjoint) {
      let isMaximal = true;
      for (const e of this.supersets(d)) {
        if (disjoint.has(e)) {
          isMaximal = false;
          break;
        }
      }
      if (!isMaximal) continue;
      maximal.push(d);
      // Only the largest cells of the rest count: a suppressed cell inside a published one gives no room.
      if (this.isSuppressed(d)) {
        others++;
        room += Math.max(0, this.m.cells[d].value - this.rule.lowerBound);
      }
    }
    return { maximal: maximal.sort((a, b) => a - b), room, others };
  }

  private enough(q: Quantity, room: number): boolean {
    const { threshold: T, minWidth: W, lowerBound: lb } = this.rule;
    return q.value + room >= T && q.value - lb + room >= W;
  }

  private choosable(d: number): boolean {
    return this.status[d] === PUBLISHED && !this.blocked[d] && this.m.cells[d].value >= 1;
  }

  /** Published cells tiling the quantity exactly (greedy, largest first), or undefined: then its parts pin it. */
  tiling(q: Quantity): number[] | undefined {
    const parts = this.inside(q.inner).filter((d) => this.m.cells[d].inner.length < q.inner.length && this.status[d] === PUBLISHED);
    parts.sort((a, b) => this.m.cells[b].inner.length - this.m.cells[a].inner.length || a - b);
    this.stampNo++;
    let covered = 0;
    const tiles: number[] = [];
    for (const d of parts) {
      const inner = this.m.cells[d].inner;
      if (inner.some((i) => this.stamp[i] === this.stampNo)) continue;
      for (const i of inner) this.stamp[i] = this.stampNo;
      covered += inner.length;
      tiles.push(d);
    }
    return covered === q.inner.length ? tiles : undefined;
  }

  /** A complement is viable when none of its own relations would pin it for good. */
  private viable(d: number): boolean {
    const q: Quantity = { inner: this.m.cells[d].inner, value: this.m.cells[d].value, cell: d };
    const tiles = this.tiling(q);
    if (tiles && !tiles.some((e) => this.choosable(e))) return false;
    for (const parent of this.relationsOf(q)) {
      if (!this.blocked[parent]) continue;
      const { maximal } = this.rest(q, parent);
      if (!maximal.some((e) => this.isSuppressed(e) || this.choosable(e))) return false;
    }
    return true;
  }

  /** The best published cell to suppress in the relation, or undefined. */
  private complementIn(q: Quantity, parent: number, room: number): number | undefined {
    const { maximal } = this.rest(q, parent);
    const scored = maximal
      .filter((d) => this.choosable(d))
      .map((d) => {
        const c = this.m.cells[d];
        const meets = this.enough(q, room + c.value - this.rule.lowerBound) ? 0 : 1;
        const tiled = this.tiling({ inner: c.inner, value: c.value, cell: d }) ? 1 : 0;
        return { d, score: [meets, tiled, c.inner.length, meets === 0 ? c.value : -c.value, d] };
      })
      .sort((a, b) => (lexLess(a.score, b.score) ? -1 : lexLess(b.score, a.score) ? 1 : 0));
    for (const { d } of scored) if (this.viable(d)) return d;
    // No sibling can take it: open the relation from above by hiding the parent itself.
    if (this.choosable(parent)) return parent;
    return undefined;
  }

  /** After a failed audit: open the tightest relation of the quantity with one more complement. */
  openOneMore(q: Quantity, splitInside: boolean): number | undefined {
    const scored = this.relationsOf(q).map((parent) => ({ parent, room: this.rest(q, parent).room }));
    scored.sort((a, b) => a.room - b.room || this.m.cells[a.parent].inner.length - this.m.cells[b.parent].inner.length || a.parent - b.parent);
    for (const { parent, room } of scored) {
      const d = this.complementIn(q, parent, room);
      if (d !== undefined) {
        this.status[d] = SECONDARY;
        return d;
      }
    }
    const d = this.splitTiling(q);
    if (d !== undefined || !splitInside) return d;
    // A held or revised quantity may also be pinned by overlapping parts: hide its smallest non-zero maximal part.
    const parts = this.inside(q.inner).filter((e) => this.m.cells[e].inner.length < q.inner.length);
    const partSet = new Set(parts);
    const candidates = parts.filter((e) => this.choosable(e) && !Array.from(this.supersets(e)).some((f) => partSet.has(f)));
    candidates.sort((a, b) => this.m.cells[a].value - this.m.cells[b].value || a - b);
    if (candidates.length === 0) return undefined;
    this.status[candidates[0]] = SECONDARY;
    return candidates[0];
  }

  /** When published parts tile the quantity, hide one of them (the one giving most room, among viable ones). */
  private splitTiling(q: Quantity): number | undefined {
    const tiles = this.tiling(q);
    if (!tiles) return undefined;
    const choices = tiles
      .filter((e) => this.choosable(e))
      .sort((a, b) => this.m.cells[a].inner.length - this.m.cells[b].inner.length || this.m.cells[b].value - this.m.cells[a].value || a - b);
    const pick = choices.find((e) => this.viable(e)) ?? choices[0];
    if (pick === undefined) return undefined;
    this.status[pick] = SECONDARY;
    return pick;
  }
}

function lexLess(a: number[], b: number[]): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] < b[k];
  return false;
}
