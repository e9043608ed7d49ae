// Contracts of the double-reporting and alert APIs, shared by client and server. Additive to api.ts.
import { z } from "zod";
import { idQuerySchema } from "./params";
import { withoutIdentifiers } from "./safe-text";
import { isoWeeksInYear } from "../periods/period";

function isIsoWeek(text: string): boolean {
  const year = Number(text.slice(0, 4));
  const week = Number(text.slice(6));
  return year >= 1 && week >= 1 && week <= isoWeeksInYear(year);
}

export const duplicateStatusSchema = z.enum(["merged", "overruled"]);
export type DuplicateStatus = z.infer<typeof duplicateStatusSchema>;

export const duplicateListQuerySchema = z
  .object({
    status: duplicateStatusSchema.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type DuplicateListQuery = z.infer<typeof duplicateListQuerySchema>;

/** One side of a pair: the record's de-identified fields only (never its linkage tokens). */
export const duplicateSideSchema = z.object({
  submission: z.string(),
  row: z.number().int(),
  org: z.string(),
  templateId: z.string(),
  date: z.string().nullable(),
  hour: z.number().int().nullable(),
  nyko: z.string().nullable(),
  categories: z.record(z.string(), z.string()),
});

export const duplicateSchema = z.object({
  id: z.number().int(),
  status: duplicateStatusSchema,
  foundAt: z.string(),
  decidedBy: z.string(),
  decidedAt: z.string(),
  comment: z.string().nullable(),
  a: duplicateSideSchema,
  b: duplicateSideSchema,
});
export type Duplicate = z.infer<typeof duplicateSchema>;

export const duplicateListSchema = z.object({ duplicates: z.array(duplicateSchema), total: z.number().int() });
export const overruleRequestSchema = z.object({ comment: withoutIdentifiers(z.string().min(1).max(2000)) }).strict();
export const restoreRequestSchema = z.object({ comment: withoutIdentifiers(z.string().max(2000)).optional() }).strict();

export const alertMethodSchema = z.enum(["C1", "C2", "C3", "farrington"]);
export const alertQuerySchema = z
  .object({
    indicator: idQuerySchema.optional(),
    nyko: z.string().regex(/^[0-9]{1,12}$/).optional(),
    level: z.coerce.number().int().min(0).max(3).optional(),
    /** Only weeks with an alarm (default) or every computed week. */
    all: z.enum(["0", "1"]).optional(),
    /** An ISO week `2026-W09` that exists (week 53 only in the years that have it). */
    from: z
      .string()
      .regex(/^\d{4}-W\d{2}$/, { message: "ingen giltig vecka (skriv ÅÅÅÅ-Vnn, till exempel 2026-W09)" })
      .refine(isIsoWeek, { message: "ingen vecka som finns det året (veckorna är 01–52, ibland 53)" })
      .optional(),
    /** Only the last this many complete weeks (default all the table holds: ALERT_TABLE_WEEKS). */
    weeks: z.coerce.number().int().min(1).max(52).optional(),
  })
  .strict();
export type AlertQuery = z.infer<typeof alertQuerySchema>;

export const alertRowSchema = z.object({
  indicator: z.string(),
  /** NYKO code, or null for the whole municipality (level 0). */
  nyko: z.string().nullable(),
  level: z.number().int().min(0).max(3),
  /** ISO week, e.g. 2026-W38. */
  week: z.string(),
  observed: z.number(),
  /** The highest count that does not alarm on its own (an alarm: observed above it). */
  upperbound: z.number().nullable(),
  method: alertMethodSchema,
  alarm: z.boolean(),
  /** The count the area's own history makes expected for the week. */
  expected: z.number().nullable().optional(),
  /** How unusual: the chance of at least the observed count (or, for a persistent rise, of the weeks' sum). */
  pValue: z.number().nullable().optional(),
  /** Why it alarms: the week alone, or it with the weeks right before it. */
  reason: z.enum(["single", "persistent"]).nullable().optional(),
  /** For a persistent rise: how many weeks (2–4, this one included) were judged together. */
  weeksTogether: z.number().int().min(2).nullable().optional(),
});
export type AlertRow = z.infer<typeof alertRowSchema>;
export const alertListSchema = z.object({
  alerts: z.array(alertRowSchema),
  computedAt: z.string(),
  minSigma: z.number(),
  /** The last complete ISO week, the newest the table judges. */
  lastWeek: z.string().optional(),
});

// ---- which half-months double reports could be matched in (GET /api/duplicates/coverage) ----
export const coverageStatusSchema = z.enum(["matched", "partial", "unmatched", "single"]);
export type CoverageStatus = z.infer<typeof coverageStatusSchema>;

/** Two organisations' linkable rows of one half-month and link class: compared with each other, or not and why. */
export const coveragePairSchema = z.object({
  a: z.string(),
  b: z.string(),
  compared: z.boolean(),
  /**
   * Why not: `window-passed`, the later one arrived after the earlier one's keys were deleted (received + 45 days);
   * `expired-before-approval`, a submission was approved only after its own keys had been deleted.
   */
  reason: z.enum(["window-passed", "expired-before-approval"]).nullable(),
  /** The organisation whose rows came too late (window-passed) or were approved too late (expired-before-approval). */
  late: z.string().nullable(),
  /** Probable duplicates found between the two in this half-month and class (merged or overruled). */
  duplicates: z.number().int(),
});
export type CoveragePair = z.infer<typeof coveragePairSchema>;

export const coverageGroupSchema = z.object({
  halfMonth: z.string(),
  /** The link class (brand, skadegorelse) the rows were linked in. */
  linkClass: z.string(),
  status: coverageStatusSchema,
  orgs: z.array(z.object({ org: z.string(), linkedRows: z.number().int(), expiredRows: z.number().int(), keptUntil: z.string() })),
  pairs: z.array(coveragePairSchema),
});
export type CoverageGroup = z.infer<typeof coverageGroupSchema>;

export const duplicateCoverageSchema = z.object({
  windowDays: z.number().int(),
  groups: z.array(coverageGroupSchema),
  /** How many half-month × class groups have each status. */
  summary: z.record(coverageStatusSchema, z.number().int()),
});
export type DuplicateCoverage = z.infer<typeof duplicateCoverageSchema>;
