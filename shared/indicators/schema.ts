// The zod schema of one version of an indicator definition, as the huvudman manages it (admin sheet and API).
import { z } from "zod";
import { categoryValueSchema, columnKeySchema } from "../protocol/record";
import { periodTypeSchema, type PeriodType } from "../protocol/delivery";
import type { AnyPeriodType } from "../periods/period";
import { checkNestingPeriodTypes, nests, sortFinestFirst } from "../periods/tree";
import { PERIOD_TYPE_TEXT } from "../periods/text";

/** Which approved rows an indicator counts: rows of one template (optionally only some organisations) whose categories match. */
export const rowFilterSchema = z
  .object({
    templateId: z.string().min(1).max(60),
    /** Restrict to these organisations; all organisations using the template when absent. */
    orgs: z.array(z.string().min(1).max(60)).min(1).optional(),
    /** Category column key → accepted values (canonical, as the template spells them). Every listed key must match. */
    where: z.record(columnKeySchema, z.array(categoryValueSchema).min(1)).default({}),
  })
  .strict();
export type RowFilter = z.infer<typeof rowFilterSchema>;

export const numeratorSchema = z.discriminatedUnion("kind", [
  /** The number of approved rows matching any of the filters (a row matching several counts once). */
  z.object({ kind: z.literal("count"), match: z.array(rowFilterSchema).min(1) }).strict(),
  /** The sum of a numeric measure over the approved rows matching any of the filters. */
  z.object({ kind: z.literal("sum"), measure: columnKeySchema, match: z.array(rowFilterSchema).min(1) }).strict(),
]);
export type Numerator = z.infer<typeof numeratorSchema>;

export const populationBandSchema = z.enum(["totalt", "alder_0_17", "alder_18_24"]);
export type PopulationBand = z.infer<typeof populationBandSchema>;

export const denominatorSchema = z.discriminatedUnion("kind", [
  /** Population (or an age band) from the population register, for the area and the period's year. */
  z.object({ kind: z.literal("population"), band: populationBandSchema }).strict(),
  /**
   * A submitted denominator (pupils in year 9, children 0–17), summed over areas. Over time it is summed (a flow,
   * or one row per period) or averaged over the leaf periods of a coarser period (a stock such as a headcount).
   */
  z
    .object({
      kind: z.literal("measure"),
      measure: columnKeySchema,
      match: z.array(rowFilterSchema).min(1),
      overTime: z.enum(["sum", "mean"]).default("sum"),
    })
    .strict(),
]);
export type Denominator = z.infer<typeof denominatorSchema>;

export const factorSchema = z.enum(["none", "per1000", "percent"]);
export type Factor = z.infer<typeof factorSchema>;

export const FACTOR_MULTIPLIER: Record<Factor, number> = { none: 1, per1000: 1000, percent: 100 };

/** A step of a grain: a coarser area level published down to a finer period type than the grain's own. */
export const grainStepSchema = z.object({ level: z.number().int().min(1).max(2), periodType: periodTypeSchema }).strict();
export type GrainStep = z.infer<typeof grainStepSchema>;

/**
 * The finest area level and period type at which the indicator is published to readers below huvudman, with
 * optional steps that publish coarser areas per finer periods (for example NYKO-3 per quarter, NYKO-2 per month).
 */
export const grainSchema = z
  .object({ level: z.number().int().min(1).max(3), periodType: periodTypeSchema, steps: z.array(grainStepSchema).max(3).optional() })
  .strict();
export type Grain = z.infer<typeof grainSchema>;

export const indicatorDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,59}$/),
    version: z.number().int().min(1),
    /** Swedish, as readers see it. */
    title: z.string().min(1).max(120),
    description: z.string().min(1).max(2000),
    /** Swedish unit, e.g. "antal", "per 1 000 barn 0–17 år", "procent". */
    unit: z.string().min(1).max(60),
    numerator: numeratorSchema,
    denominator: denominatorSchema.optional(),
    factor: factorSchema.default("none"),
    /** The period types the data supports (school data: school year only; monthly data: month and coarser). */
    periodTypes: z.array(periodTypeSchema).min(1),
    grain: grainSchema,
    /** Whether rows from several partners may describe the same incident (counted once when double reporting is detected). */
    crossPartner: z.boolean().default(false),
  })
  .strict()
  .superRefine((d, ctx) => {
    const nesting = checkNestingPeriodTypes(d.periodTypes);
    if (!nesting.ok) for (const message of nesting.issues) ctx.addIssue({ code: "custom", path: ["periodTypes"], message });
    if (new Set(d.periodTypes).size !== d.periodTypes.length)
      ctx.addIssue({ code: "custom", path: ["periodTypes"], message: "En periodtyp förekommer flera gånger." });
    if (!d.periodTypes.includes(d.grain.periodType))
      ctx.addIssue({ code: "custom", path: ["grain", "periodType"], message: `Finaste publiceringsperiod ${PERIOD_TYPE_TEXT[d.grain.periodType]} finns inte bland indikatorns periodtyper.` });
    let previous: { level: number; periodType: PeriodType } = d.grain;
    const steps = d.grain.steps ?? [];
    if (steps.filter((s) => s.periodType === "week").length > 1)
      ctx.addIssue({ code: "custom", path: ["grain", "steps"], message: "Bara en nivå kan publiceras per vecka." });
    for (const step of [...steps].sort((a, b) => b.level - a.level)) {
      const path = ["grain", "steps", steps.indexOf(step)];
      // A weekly step stands beside the staircase (weeks do not nest in its periods): NYKO-1 per vecka, say.
      if (step.periodType === "week") {
        if (!d.periodTypes.includes("week")) ctx.addIssue({ code: "custom", path, message: `Perioden ${PERIOD_TYPE_TEXT.week} för NYKO-nivå ${step.level} finns inte bland indikatorns periodtyper.` });
        else if (step.level > d.grain.level) ctx.addIssue({ code: "custom", path, message: `Veckor publiceras som finast på indikatorns finaste nivå (NYKO-${d.grain.level}): NYKO-nivå ${step.level} går inte.` });
        continue;
      }
      if (!d.periodTypes.includes(step.periodType))
        ctx.addIssue({ code: "custom", path, message: `Perioden ${PERIOD_TYPE_TEXT[step.periodType]} för NYKO-nivå ${step.level} finns inte bland indikatorns periodtyper.` });
      else if (step.level >= previous.level)
        ctx.addIssue({ code: "custom", path, message: `Finare perioder gäller grövre nivåer än ${previous.level}: NYKO-nivå ${step.level} går inte (och varje nivå bara en gång).` });
      else if (step.periodType === previous.periodType || !nests(step.periodType, previous.periodType))
        ctx.addIssue({ code: "custom", path, message: `NYKO-nivå ${step.level} ska publiceras per en finare period än ${PERIOD_TYPE_TEXT[previous.periodType]}, som ryms i den.` });
      previous = step;
    }
    if (d.factor !== "none" && !d.denominator)
      ctx.addIssue({ code: "custom", path: ["factor"], message: "Faktorn per 1 000 eller procent kräver en nämnare." });
  });

export type IndicatorDefinition = z.infer<typeof indicatorDefinitionSchema>;
export type IndicatorDefinitionInput = z.input<typeof indicatorDefinitionSchema>;

export type IndicatorResult<T> = { ok: true; value: T } | { ok: false; issues: string[] };

/** Parses an indicator definition, returning Swedish issues with their paths. */
export function parseIndicatorDefinition(input: unknown): IndicatorResult<IndicatorDefinition> {
  const r = indicatorDefinitionSchema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, issues: r.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message)) };
}

/**
 * The leaf period an indicator's inner cells are kept at: the finest of its period types, or the slice (a week cut
 * at the half-month boundaries) when it is published per week, so that every weekly and every calendar cell is a
 * sum of the same inner cells.
 */
export function leafPeriodType(d: Pick<IndicatorDefinition, "periodTypes">): AnyPeriodType {
  return d.periodTypes.includes("week") ? "slice" : sortFinestFirst(d.periodTypes)[0];
}

/** Whether a definition is a ratio (has a denominator). */
export function isRate(d: IndicatorDefinition): boolean {
  return d.denominator !== undefined;
}

/** All row filters a definition reads (numerator and denominator). */
export function filtersOf(d: IndicatorDefinition): RowFilter[] {
  return [...d.numerator.match, ...(d.denominator?.kind === "measure" ? d.denominator.match : [])];
}

/** What a delivery carries of a definition so that its cells can be read. */
export function indicatorSummary(d: IndicatorDefinition): { id: string; version: number; title: string; unit: string; factor: Factor; description: string } {
  return { id: d.id, version: d.version, title: d.title, unit: d.unit, factor: d.factor, description: d.description };
}
