// Contracts of /api/reporting: how far the partners have reported, and the huvudman's closures of half-months
// ("stängd utan inrapportering").
import { z } from "zod";
import { isValidPeriod } from "../periods/period";
import { reportingSchema } from "./delivery";

const halfMonthSchema = z.string().refine((p) => isValidPeriod(p, "halfmonth"), { message: "ingen halvmånad (ÅÅÅÅ-MM-H1 eller ÅÅÅÅ-MM-H2)" });

/** Closes or reopens the half-months `from`..`to` (default: `from` only) for one organisation. */
export const reportingCloseRequestSchema = z
  .object({
    org: z.string().min(1).max(60),
    from: halfMonthSchema,
    to: halfMonthSchema.optional(),
  })
  .strict();
export type ReportingCloseRequest = z.infer<typeof reportingCloseRequestSchema>;

export const reportingCloseResponseSchema = z.object({ status: z.literal("ok"), closed: z.array(z.string()) });
export const reportingReopenResponseSchema = z.object({ status: z.literal("ok"), reopened: z.array(z.string()) });

export const reportingViewSchema = reportingSchema.extend({
  closures: z.array(z.object({ org: z.string(), period: z.string(), closedAt: z.string(), closedBy: z.string() })),
});
export type ReportingView = z.infer<typeof reportingViewSchema>;

/** A partner's reporting rhythm: per half-month (the default) or per ISO week (Monday–Sunday, Stockholm time). */
export const reportingRhythmSchema = z.enum(["halfmonth", "week"]);
export type ReportingRhythm = z.infer<typeof reportingRhythmSchema>;

/** The huvudman sets how a partner reports. */
export const reportingRhythmRequestSchema = z.object({ org: z.string().min(1).max(60), rhythm: reportingRhythmSchema }).strict();
export type ReportingRhythmRequest = z.infer<typeof reportingRhythmRequestSchema>;
export const reportingRhythmResponseSchema = z.object({ status: z.literal("ok"), org: z.string(), rhythm: reportingRhythmSchema, changed: z.boolean() });

/** The partners that report weekly (every other partner reports per half-month). */
export const reportingRhythmsSchema = z.object({
  rhythms: z.array(z.object({ org: z.string(), rhythm: reportingRhythmSchema, setAt: z.string(), setBy: z.string() })),
});
export type ReportingRhythms = z.infer<typeof reportingRhythmsSchema>;
