// Exact attacker bounds by enumerating every integer table consistent with what is published. Tiny tables only:
// it is the reference the LP audit is compared with.
import { compileModel, type CellStatus, type CoverModel } from "./model";
import type { DisclosureRule } from "./rule";

export interface BruteForceOptions {
  /** Upper bound tried for an inner cell in no published cell. */
  cap?: number;
}

/** Min and max of every suppressed cell over all integer inner tables matching the published values. */
export function bruteForceBounds(
  model: CoverModel,
  pattern: ReadonlyMap<string, CellStatus>,
  rule: DisclosureRule,
  options: BruteForceOptions = {},
): Map<string, { min: number; max: number }> {
  const compiled = compileModel(model);
  if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join("; "));
  const m = compiled.value;
  const lb = rule.lowerBound;
  const n = m.innerIds.length;
  const known = m.cells.filter((c) => pattern.get(c.ids[0]) === "published");
  const hidden = m.cells.filter((c) => {
    const s = pattern.get(c.ids[0]);
    return s === "primary" || s === "secondary";
  });
  const upper = new Array<number>(n).fill(options.cap ?? 20);
  for (const c of known) for (const i of c.inner) upper[i] = Math.min(upper[i], c.value);
  const x = new Array<number>(n).fill(0);
  const sum = (inner: Int32Array): number => {
    let s = 0;
    for (const i of inner) s += x[i];
    return s;
  };
  const bounds = hidden.map(() => ({ min: Infinity, max: -Infinity }));
  const visit = (k: number): void => {
    if (k === n) {
      if (known.some((c) => sum(c.inner) !== c.value)) return;
      if (hidden.some((c) => sum(c.inner) < lb)) return;
      for (const con of m.constraints) {
        let a = 0;
        for (let j = 0; j < con.inner.length; j++) a += con.coefs[j] * x[con.inner[j]];
        if (a < con.lower || a > con.upper) return;
      }
      hidden.forEach((c, h) => {
        const v = sum(c.inner);
        bounds[h].min = Math.min(bounds[h].min, v);
        bounds[h].max = Math.max(bounds[h].max, v);
      });
      return;
    }
    for (let v = 0; v <= upper[k]; v++) {
      x[k] = v;
      visit(k + 1);
    }
    x[k] = 0;
  };
  visit(0);
  const out = new Map<string, { min: number; max: number }>();
  hidden.forEach((c, h) => out.set(c.ids[0], bounds[h]));
  return out;
}
