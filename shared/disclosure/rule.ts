// The disclosure rule: what counts as sensitive and what protecting it means. `resolveRule` is the one place the
// defaults are decided; the protector, the elimination, the audit, pruning and the brute-force reference all take
// the resolved (frozen) rule, so no step works out a default of its own.

export interface RuleOptions {
  /** T: counts 1 ≤ n < T are sensitive. Default 3. */
  threshold?: number;
  /** W: minimum width of the attacker's interval. Default 2. */
  minWidth?: number;
  /** Zeros are published, so the attacker knows a suppressed non-zero cell is ≥ 1. Default true. */
  zerosPublished?: boolean;
  /** Also check quantities that are not published cells but follow from them (period slivers). Default true. */
  checkImplied?: boolean;
  /** Every suppressed cell, complements too, must keep a wide interval (the strict reading). Default false: only
   * the sensitive quantities, as in τ-Argus and sdcTable. */
  protectEverySuppressed?: boolean;
}

export interface DisclosureRule {
  readonly threshold: number;
  readonly minWidth: number;
  readonly zerosPublished: boolean;
  /** The least value the attacker assumes for a suppressed non-zero cell: 1 when zeros are published, else 0. */
  readonly lowerBound: 0 | 1;
  readonly checkImplied: boolean;
  readonly protectEverySuppressed: boolean;
}

/** The rule with every default filled in, frozen. A rule passed in again resolves to an equal rule. */
export function resolveRule(options: RuleOptions = {}): DisclosureRule {
  const threshold = options.threshold ?? 3;
  const minWidth = options.minWidth ?? 2;
  if (!Number.isInteger(threshold) || threshold < 1) throw new RangeError(`threshold must be a positive integer, not ${threshold}`);
  if (!Number.isFinite(minWidth) || minWidth < 0) throw new RangeError(`minWidth must be a non-negative number, not ${minWidth}`);
  const zerosPublished = options.zerosPublished ?? true;
  return Object.freeze({
    threshold,
    minWidth,
    zerosPublished,
    lowerBound: zerosPublished ? 1 : 0,
    checkImplied: options.checkImplied ?? true,
    protectEverySuppressed: options.protectEverySuppressed ?? false,
  });
}
