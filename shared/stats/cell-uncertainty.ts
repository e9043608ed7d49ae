// The interval, the "osäker" mark and the change marks of a published delivery cell, from its published value and a
// base that is public or published as such (the population register, or a submitted denominator that disclosure
// control models as a published cell). Nothing here sees a suppressed value: callers pass published cells only.
import type { ChangeMark, DeliveryCell } from "../protocol/delivery";
import { changeTest, clopperPearsonInterval, DEFAULT_LEVEL, DEFAULT_UNCERTAIN_BASE, poissonInterval, type Interval } from "./intervals";

/**
 * What a cell's value is a measure of, so that its interval can be computed from the value:
 * - `count`: the value is a count (Garwood on the value);
 * - `rate`: value = count / exposure × factor (per 1,000: factor 1000), exposure public (Garwood on the count, scaled);
 * - `share`: value = x / n × factor (percent: factor 100), n published (Clopper–Pearson on x of n, scaled).
 */
export type CellBase = { kind: "count" } | { kind: "rate"; exposure: number; factor: number } | { kind: "share"; n: number; factor: number };

export interface UncertaintyOptions {
  /** Base (the count, or a share's denominator) under which a value is "osäker" whatever its interval. */
  minBase: number;
  level: number;
}

export const DEFAULT_UNCERTAINTY: UncertaintyOptions = { minBase: DEFAULT_UNCERTAIN_BASE, level: DEFAULT_LEVEL };

/** The share method used for shares (stated in the sheets and docs/analysis.md). */
export const SHARE_METHOD = "Clopper–Pearson";

/** The count behind a published value: the value itself, or value × base / factor (rounded when it is a whole number within rounding). */
export function countOf(value: number, base: CellBase): number {
  const x = base.kind === "count" ? value : base.kind === "rate" ? (value * base.exposure) / base.factor : (value * base.n) / base.factor;
  const r = Math.round(x);
  return Math.abs(x - r) < 1e-6 * Math.max(1, Math.abs(x)) ? r : x;
}

/** The number the "osäker" threshold is compared with: the count, or the share's denominator. */
function baseSize(value: number, base: CellBase): number {
  return base.kind === "share" ? base.n : countOf(value, base);
}

/** The interval of a published value on the value's own scale, or null when the value cannot carry one. */
export function valueInterval(value: number, base: CellBase, level = DEFAULT_LEVEL): Interval | null {
  if (!Number.isFinite(value) || value < 0) return null;
  const x = countOf(value, base);
  if (base.kind === "count") return poissonInterval(x, level);
  if (base.kind === "rate") {
    if (!(base.exposure > 0)) return null;
    const ci = poissonInterval(x, level);
    const k = base.factor / base.exposure;
    return { low: ci.low * k, high: ci.high * k };
  }
  if (!(base.n > 0) || x > base.n) return null;
  const ci = clopperPearsonInterval(x, base.n, level);
  return { low: ci.low * base.factor, high: ci.high * base.factor };
}

/** `low`, `high` and `uncertain` for a published value, or null when it has none. Rounded to 6 significant digits. */
export function cellUncertainty(value: number, base: CellBase, options: UncertaintyOptions = DEFAULT_UNCERTAINTY): { low: number; high: number; uncertain: boolean } | null {
  const ci = valueInterval(value, base, options.level);
  if (!ci) return null;
  const uncertain = ci.high - ci.low > Math.abs(value) || baseSize(value, base) < options.minBase;
  return { low: round6(ci.low), high: round6(ci.high), uncertain };
}

function round6(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(6));
}

/**
 * Whether a change from `before` to `after` (two published values with their bases) is statistically clear:
 * `up` or `down` when the exact test (conditional binomial for counts and rates, Fisher for shares) says so at the
 * level, `unclear` ("ingen säker förändring") otherwise; null when the two cannot be compared.
 */
export function changeMark(before: { value: number; base: CellBase }, after: { value: number; base: CellBase }, level = DEFAULT_LEVEL): ChangeMark | null {
  const a = before.base;
  const b = after.base;
  if (a.kind !== b.kind) return null;
  const x1 = countOf(before.value, a);
  const x2 = countOf(after.value, b);
  if (!Number.isInteger(x1) || !Number.isInteger(x2) || x1 < 0 || x2 < 0) return null;
  let r;
  if (a.kind === "share" && b.kind === "share") {
    if (!Number.isInteger(a.n) || !Number.isInteger(b.n) || x1 > a.n || x2 > b.n || a.n === 0 || b.n === 0) return null;
    r = changeTest({ kind: "share", before: { x: x1, n: a.n }, after: { x: x2, n: b.n } }, level);
  } else {
    const e1 = a.kind === "rate" ? a.exposure : 1;
    const e2 = b.kind === "rate" ? b.exposure : 1;
    if (!(e1 > 0 && e2 > 0)) return null;
    r = changeTest({ kind: "count", before: x1, after: x2, exposureBefore: e1, exposureAfter: e2 }, level);
  }
  return r.significant ? (r.direction === "up" ? "up" : "down") : "unclear";
}

/** How a change mark reads in the sheets. */
export const CHANGE_TEXT: Record<ChangeMark, string> = { up: "säker ökning", down: "säker minskning", unclear: "ingen säker förändring" };

/** The word beside an uncertain value, and its note. */
export const UNCERTAIN_MARK = "osäker";
export function uncertainNote(minBase: number): string {
  return `osäker = 95 % konfidensintervall bredare än värdet, eller underlag under ${minBase} (händelser eller svarande): tolka med försiktighet.`;
}

/** The cell's published value with its interval, for readers: "12 (7–19)". */
export function intervalText(c: Pick<DeliveryCell, "low" | "high">, format: (x: number) => string): string | null {
  return c.low === undefined || c.high === undefined ? null : `${format(c.low)}–${format(c.high)}`;
}
