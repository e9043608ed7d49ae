// The machine-readable delivery: one object per published cell. Used by analysts, the add-in and tests alike.
import { z } from "zod";
import { nykoCodeSchema } from "./record";

/**
 * `week` is the ISO week (`2026-W49`, Monday–Sunday, Stockholm time): published only to the partners that want a
 * weekly delivery, and only where the indicator's grain has a weekly step.
 */
export const periodTypeSchema = z.enum(["halfmonth", "month", "quarter", "year", "schoolyear", "week"]);
export type PeriodType = z.infer<typeof periodTypeSchema>;

export const changeMarkSchema = z.enum(["up", "down", "unclear"]);
export type ChangeMark = z.infer<typeof changeMarkSchema>;

export const deliveryCellSchema = z
  .object({
    indicator: z.string(),
    /** NYKO code, or null for the whole municipality (level 0). */
    nyko: nykoCodeSchema.nullable(),
    level: z.number().int().min(0).max(3),
    periodType: periodTypeSchema,
    /** `2026-03-H1`, `2026-03`, `2026-Q1`, `2026`, `2025/26`, `2026-W49`. */
    period: z.string(),
    value: z.number().nullable(),
    /** Kept for compatibility: true exactly when `status` is "suppressed". */
    suppressed: z.boolean(),
    /**
     * What the cell is: a published number (`value`), suppressed by disclosure control (`suppressed`, shown as `..`),
     * or not (yet) reported by every partner expected for it (`missing`, shown as `saknas`: never a number, never `..`).
     * Absent in deliveries made before the status existed: read it with `cellStatus`.
     */
    status: z.enum(["value", "suppressed", "missing"]).optional(),
    /** Early-warning mark computed from this cell's published series (never from suppressed data). */
    alarm: z.boolean().optional(),
    /**
     * The 95 % interval of a published value (exact Poisson for counts and rates, Wilson or Clopper–Pearson for
     * shares), computed from published values only. Absent for suppressed and missing cells, and in deliveries made
     * before intervals existed.
     */
    low: z.number().optional(),
    high: z.number().optional(),
    /** True when the interval is wider than the value or the base is under the huvudman's threshold ("osäker"). */
    uncertain: z.boolean().optional(),
    /**
     * Whether the value changed clearly (exact test at 95 %, docs/analysis.md) against the previous period of the same
     * type (`previous`) and the same period a year before (`lastYear`): `up`, `down`, or `unclear` ("ingen säker
     * förändring"). Set on the latest published period of each indicator and period type, from published values
     * only; absent where either value is not published.
     */
    change: z
      .object({ previous: changeMarkSchema.optional(), lastYear: changeMarkSchema.optional() })
      .strict()
      .optional(),
  })
  .strict();
export type DeliveryCell = z.infer<typeof deliveryCellSchema>;

export type CellStatusMark = "value" | "suppressed" | "missing";

/** One partner's reporting as the round saw it. */
export const partnerReportingSchema = z.object({
  org: z.string(),
  /** The organisation's display name. */
  name: z.string().optional(),
  /** The last half-month up to which every half-month expected from it is reported (approved, or closed), or null. */
  reportedThrough: z.string().nullable(),
  /** The half-months of the round it has not reported (neither approved nor closed), in order. */
  missing: z.array(z.string()),
});
export type PartnerReporting = z.infer<typeof partnerReportingSchema>;

/** What the round's numbers stand on: how far every expected partner has reported. */
export const reportingSchema = z.object({
  /** The last half-month anyone could have reported (ended, deadline passed); later periods are not listed. */
  lastPeriod: z.string(),
  /** The last half-month up to which every expected partner has reported, or null. */
  completeThrough: z.string().nullable(),
  partners: z.array(partnerReportingSchema),
});
export type Reporting = z.infer<typeof reportingSchema>;

export const indicatorSummarySchema = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  unit: z.string(),
  factor: z.enum(["none", "per1000", "percent"]),
  description: z.string(),
});

export const deliverySchema = z.object({
  org: z.string(),
  number: z.number().int().min(0),
  createdAt: z.string(),
  source: z.string(),
  threshold: z.number().int(),
  /** True only for the huvudman's own unsuppressed view: not for circulation. */
  unsuppressed: z.boolean(),
  definitions: z.array(indicatorSummarySchema),
  cells: z.array(deliveryCellSchema),
  notes: z.array(z.string()),
  /** How the round judged uncertainty (absent in deliveries made before intervals existed). */
  uncertainty: z
    .object({ level: z.number(), minBase: z.number(), shareMethod: z.string() })
    .strict()
    .optional(),
  /** How far the partners have reported (absent in deliveries made before it existed). */
  reporting: reportingSchema.optional(),
});
export type Delivery = z.infer<typeof deliverySchema>;

/** How a suppressed cell is shown everywhere (SCB's convention). */
export const SUPPRESSED_MARK = "..";

/** How a missing cell (not reported by every expected partner) is shown everywhere: never 0, never `..`. */
export const MISSING_MARK = "saknas";

/** The legend lines beside the marks. */
export const SUPPRESSED_LEGEND = `${SUPPRESSED_MARK} = skyddat (röjandekontroll)`;
export const MISSING_LEGEND = `${MISSING_MARK} = ej inrapporterat av alla parter som ska rapportera (inte 0)`;

/** A cell's status; a cell from before `status` existed is a value or suppressed. */
export function cellStatus(c: Pick<DeliveryCell, "status" | "suppressed">): CellStatusMark {
  return c.status ?? (c.suppressed ? "suppressed" : "value");
}

/** How a cell reads as text where a number cannot be shown: `..`, `saknas`, or null for a value. */
export function cellMark(c: Pick<DeliveryCell, "status" | "suppressed">): string | null {
  const s = cellStatus(c);
  return s === "suppressed" ? SUPPRESSED_MARK : s === "missing" ? MISSING_MARK : null;
}
