// Primary suppression: the counts themselves, and the rates and shares derived from them.

/** A count n with 1 ≤ n < T is suppressed; zeros are published. */
export function isPrimaryCount(value: number, threshold: number): boolean {
  return value >= 1 && value < threshold;
}

export interface DerivedPart {
  value: number;
  /** Whether the cell is suppressed in the final pattern (primary or secondary). */
  suppressed: boolean;
}

/**
 * A rate or share (numerator / denominator × factor) is suppressed when its numerator or denominator is
 * suppressed, or when either is below T (a zero numerator over a denominator of at least T is published).
 */
export function isDerivedSuppressed(numerator: DerivedPart, denominator: DerivedPart | undefined, threshold: number): boolean {
  if (numerator.suppressed || isPrimaryCount(numerator.value, threshold)) return true;
  if (!denominator) return false;
  return denominator.suppressed || denominator.value < threshold;
}
