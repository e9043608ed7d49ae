// The finest publication grain: the huvudman sets it per indicator; the product suggests one from the data.
// A grain (area level L, period type T) publishes levels L and coarser and period types T and coarser; each step
// (level l < L, period type t finer than T) also publishes levels l and coarser per t and coarser: a staircase,
// for example NYKO-3 per quarter, NYKO-2 per month and NYKO-1 per half-month. Small areas get coarse periods and
// fine periods come with large areas, which is what keeps the counts above the threshold on both axes.
import type { PeriodType } from "../protocol/delivery";
import { nests } from "../periods/tree";
import { PERIOD_TYPE_TEXT, periodTypeOfText } from "../periods/text";
import type { Grain, GrainStep, IndicatorDefinition } from "./schema";
import type { CubeCell, IndicatorCube } from "./cube";

/** Whether a cell lies at or above the definition's finest publication grain (level 0 follows the finest step). */
export function withinGrain(cell: Pick<CubeCell, "level" | "periodType">, grain: Grain): boolean {
  const within = (g: { level: number; periodType: PeriodType }) => cell.level <= g.level && nests(g.periodType, cell.periodType);
  return within(grain) || (grain.steps ?? []).some(within);
}

/** The grain in Swedish: "NYKO-3 per kvartal, NYKO-2 per månad". */
export function grainText(grain: Grain): string {
  return [grain, ...sortedSteps(grain.steps ?? [])].map(stepText).join(", ");
}

/** A grain's steps in Swedish, coarsest level last: "NYKO-2 per månad, NYKO-1 per halvmånad" (the sheet's text). */
export function grainStepsText(steps: readonly GrainStep[]): string {
  return sortedSteps(steps).map(stepText).join(", ");
}

/** Reads `grainStepsText`'s form back (also "NYKO 2: månad"); the message is Swedish. */
export function parseGrainSteps(text: string): { ok: true; value: GrainStep[] } | { ok: false; message: string } {
  const out: GrainStep[] = [];
  for (const part of text.split(",").map((p) => p.trim()).filter(Boolean)) {
    const m = /^NYKO[- ]?([12])\s*(?:per|:)\s*(.+)$/i.exec(part);
    const periodType = m ? periodTypeOfText(m[2]) : undefined;
    if (!m || !periodType) return { ok: false, message: `kan inte läsa ”${part}”. Skriv till exempel NYKO-2 per månad, NYKO-1 per halvmånad.` };
    out.push({ level: Number(m[1]), periodType });
  }
  return { ok: true, value: out };
}

const sortedSteps = (steps: readonly GrainStep[]): GrainStep[] => [...steps].sort((a, b) => b.level - a.level);
const stepText = (g: { level: number; periodType: PeriodType }): string => `NYKO-${g.level} per ${PERIOD_TYPE_TEXT[g.periodType]}`;

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
 * Suggests a staircase grain: for each area level, the finest period type at which at most `maxSmallShare` of the
 * non-zero cells are small (1 ≤ n < threshold). Zeros are published, so a sparse indicator with many zeros is judged
 * by its non-zero cells. The finest level that passes at some period type is the grain; each coarser level whose
 * passing period type is finer than the level above it becomes a step. When nothing passes: NYKO-1 at the coarsest.
 */
export function suggestGrain(ic: IndicatorCube, threshold = 3, maxSmallShare = 0.15): GrainSuggestion {
  const judge = (level: number, periodType: PeriodType): GrainSuggestion & { cells: number } => {
    const cells = ic.cells.filter((c) => c.level === level && c.periodType === periodType);
    const small = cells.filter((x) => x.numerator > 0 && x.numerator < threshold).length;
    const nonZero = cells.filter((x) => x.numerator > 0).length;
    return {
      grain: { level, periodType },
      smallShare: cells.length === 0 ? 0 : small / cells.length,
      smallShareOfNonZero: nonZero === 0 ? 0 : small / nonZero,
      cells: cells.length,
    };
  };
  const types = ic.periodTypes as PeriodType[];
  // Per level, the period types from the most cells (finest) to the fewest.
  const finestPassing = (level: number): GrainSuggestion | undefined =>
    types
      .map((t) => judge(level, t))
      .filter((j) => j.cells > 0)
      .sort((a, b) => b.cells - a.cells)
      .find((j) => j.smallShareOfNonZero <= maxSmallShare);
  for (const level of [3, 2, 1]) {
    const best = finestPassing(level);
    if (!best) continue;
    const steps: GrainStep[] = [];
    let previous = best.grain.periodType;
    for (let l = level - 1; l >= 1; l--) {
      const step = finestPassing(l);
      if (!step || step.grain.periodType === previous || !nests(step.grain.periodType, previous)) continue;
      steps.push({ level: l, periodType: step.grain.periodType });
      previous = step.grain.periodType;
    }
    const { grain, smallShare, smallShareOfNonZero } = best;
    return { grain: steps.length > 0 ? { ...grain, steps } : grain, smallShare, smallShareOfNonZero };
  }
  const coarsest = types.map((t) => judge(1, t)).filter((j) => j.cells > 0).sort((a, b) => a.cells - b.cells)[0];
  if (!coarsest) return { grain: { level: 1, periodType: types[types.length - 1] }, smallShare: 0, smallShareOfNonZero: 0 };
  return { grain: coarsest.grain, smallShare: coarsest.smallShare, smallShareOfNonZero: coarsest.smallShareOfNonZero };
}
