// The machine-readable delivery: one object per published cell. Used by analysts, the add-in and tests alike.
import { z } from "zod";
import { nykoCodeSchema } from "./record";

export const periodTypeSchema = z.enum(["halfmonth", "month", "quarter", "year", "schoolyear"]);
export type PeriodType = z.infer<typeof periodTypeSchema>;

export const deliveryCellSchema = z
  .object({
    indicator: z.string(),
    /** NYKO code, or null for the whole municipality (level 0). */
    nyko: nykoCodeSchema.nullable(),
    level: z.number().int().min(0).max(3),
    periodType: periodTypeSchema,
    /** `2026-03-H1`, `2026-03`, `2026-Q1`, `2026`, `2025/26`. */
    period: z.string(),
    value: z.number().nullable(),
    suppressed: z.boolean(),
    /** Early-warning mark computed from this cell's published series (never from suppressed data). */
    alarm: z.boolean().optional(),
  })
  .strict();
export type DeliveryCell = z.infer<typeof deliveryCellSchema>;

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
});
export type Delivery = z.infer<typeof deliverySchema>;

/** How a suppressed cell is shown everywhere (SCB's convention). */
export const SUPPRESSED_MARK = "..";
