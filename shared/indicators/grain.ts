// The finest publication grain: the huvudman sets it per indicator; the product suggests one from the data.
// A grain (area level L, period type T) publishes levels L and coarser and period types T and coarser.
import type { PeriodType } from "../protocol/delivery";
import { nests } from "../periods/tree";
import type { Grain, IndicatorDefinition } from "./schema";
import type { CubeCell, IndicatorCube } from "./cube";

/** Whether a cell lies at or above the definition's finest publication grain (level 0 always does). */
export function withinGrain(cell: Pick<CubeCell, "level" | "periodType">, grain: Grain): boolean {
  return cell.level <= grain.level && nests(grain.periodType, cell.periodType);
}

/** The cells of an indicator that may be published to readers below huvudman (the huvudman sees all). */
export function publishableCells(ic: IndicatorCube, definition: IndicatorDefinition = ic.definition): CubeCell[] {
  return ic.cells.filter((c) => withinGrain(c, definition.grain));
}

export interface GrainSuggestion {
  grain: Grain;
  /** Share of the grain's finest cells (level L × type T) with 1 ≤ n < threshold. */
  smallShare: number;
  /** Share of the non-zero finest cells that are small: each is a primary suppression, so this measures the cost. */
  smallShareOfNonZero: number;
}

/**
 * Suggests the finest grain at which at most `maxSmallShare` of the non-zero finest cells are small
 * (1 ≤ n < threshold). Zeros are published, so a sparse indicator with many zeros is judged by its non-zero cells.
 * Candidates (level × period type) are tried from the most cells to the fewest; when none passes, the coarsest.
 */
export function suggestGrain(ic: IndicatorCube, threshold = 3, maxSmallShare = 0.15): GrainSuggestion {
  const candidates: { grain: Grain; cells: CubeCell[] }[] = [];
  for (const level of [3, 2, 1])
    for (const periodType of ic.periodTypes as PeriodType[]) {
      const cells = ic.cells.filter((c) => c.level === level && c.periodType === periodType);
      if (cells.length > 0) candidates.push({ grain: { level, periodType }, cells });
    }
  candidates.sort((a, b) => b.cells.length - a.cells.length);
  let last: GrainSuggestion | null = null;
  for (const c of candidates) {
    const small = c.cells.filter((x) => x.numerator > 0 && x.numerator < threshold).length;
    const nonZero = c.cells.filter((x) => x.numerator > 0).length;
    last = { grain: c.grain, smallShare: small / c.cells.length, smallShareOfNonZero: nonZero === 0 ? 0 : small / nonZero };
    if (last.smallShareOfNonZero <= maxSmallShare) return last;
  }
  return last ?? { grain: { level: 1, periodType: ic.periodTypes[ic.periodTypes.length - 1] }, smallShare: 0, smallShareOfNonZero: 0 };
}
