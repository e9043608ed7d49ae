// Requests for public documents (allmän handling): the register, the composition of a release, its disclosure review
// and the decision. The requester's text is kept in the request record only: never in the audit trail, the logs or
// any statistics.
import { z } from "zod";
import { isoDateSchema } from "./iso-date";
import { isValidPeriod } from "../periods/period";
import { periodTypeSchema } from "./delivery";
import { withoutIdentifiers } from "./safe-text";

const dateSchema = isoDateSchema;
const text = (max: number) => withoutIdentifiers(z.string().trim().min(1).max(max));

/** Legal grounds for not releasing a part, under offentlighets- och sekretesslagen (2009:400). */
export const LEGAL_GROUNDS = {
  "osl-18-1": "OSL 18 kap. 1 § (förundersökning och brottsförebyggande verksamhet)",
  "osl-21-1": "OSL 21 kap. 1 § (uppgift om hälsa eller sexualliv)",
  "osl-23-1": "OSL 23 kap. 1 § (förskola och skola, elevers personliga förhållanden)",
  "osl-26-1": "OSL 26 kap. 1 § (socialtjänst)",
  "osl-35-1": "OSL 35 kap. 1 § (brottsutredning och polisens verksamhet)",
  "osl-32-3": "OSL 32 kap. 3 § (uppgifter om enskildas personliga förhållanden hos myndighet)",
  "osl-31-16": "OSL 31 kap. 16 § (affärs- eller driftförhållanden, säkerhetsbolag)",
  "osl-15-2": "OSL 15 kap. 2 § (försvar och säkerhet, sårbarheter)",
  "tf-2-1": "Ej allmän handling (TF 2 kap.)",
} as const;
export type LegalGround = keyof typeof LEGAL_GROUNDS;
export const legalGroundSchema = z.enum(Object.keys(LEGAL_GROUNDS) as [LegalGround, ...LegalGround[]]);

export const registerRequestSchema = z
  .object({
    receivedDate: dateSchema,
    /** Who asks: a name or organisation, kept only in the request record. */
    requester: text(200),
    /** What is asked for. */
    subject: text(2000),
    /** Default: the next working day after the received date. */
    deadline: dateSchema.optional(),
  })
  .strict();
export type RegisterRequest = z.infer<typeof registerRequestSchema>;

/** One part of a release: an indicator at area levels and period type, for the listed periods. */
export const releaseItemSchema = z
  .object({
    indicator: z.string().min(1).max(100),
    levels: z.array(z.number().int().min(0).max(3)).min(1).max(4),
    periodType: periodTypeSchema,
    periods: z.array(z.string().refine((p) => isValidPeriod(p), { message: "ingen giltig period" })).min(1).max(60),
  })
  .strict();
export type ReleaseItem = z.infer<typeof releaseItemSchema>;

/** A part not released: what it is, the legal ground, a comment. */
export const refusedPartSchema = z.object({ part: text(500), ground: legalGroundSchema, comment: text(2000) }).strict();
export type RefusedPart = z.infer<typeof refusedPartSchema>;

export const composeRequestSchema = z
  .object({ items: z.array(releaseItemSchema).max(50), refused: z.array(refusedPartSchema).max(50) })
  .strict()
  .refine((c) => c.items.length + c.refused.length > 0, { message: "Ange minst en del att lämna ut eller inte lämna ut." });
export type Composition = z.infer<typeof composeRequestSchema>;

export const decisionKindSchema = z.enum(["bifall", "delvis-bifall", "avslag"]);
export type DecisionKind = z.infer<typeof decisionKindSchema>;
export const decideRequestSchema = z.object({ decision: decisionKindSchema, reasons: text(4000) }).strict();

export const requestStatusSchema = z.enum(["registered", "composed", "reviewed", "decided"]);
export type RequestStatus = z.infer<typeof requestStatusSchema>;

/** A released or withheld cell of a review. */
export const releaseCellSchema = z.object({
  indicator: z.string(),
  nyko: z.string().nullable(),
  level: z.number().int(),
  periodType: periodTypeSchema,
  period: z.string(),
  value: z.number().nullable(),
  suppressed: z.boolean(),
});
export type ReleaseCell = z.infer<typeof releaseCellSchema>;

export const reviewSchema = z.object({
  id: z.number().int(),
  reviewedAt: z.string(),
  /** protected: the pattern passed the audit; otherwise only municipality totals pass. */
  mode: z.enum(["protected", "audit-failed", "fail-closed"]),
  released: z.number().int(),
  suppressed: z.number().int(),
  /** Requested cells finer than the indicator's publication grain (never released). */
  finerThanGrain: z.number().int(),
  audit: z.object({ ok: z.boolean(), failures: z.number().int(), earlierFacts: z.number().int(), primary: z.number().int(), secondary: z.number().int() }),
  cells: z.array(releaseCellSchema),
  notes: z.array(z.string()),
  files: z.object({ xlsxSha256: z.string(), csvSha256: z.string() }),
  /** Whether an earlier delivery or release has been published since (the review must then be run again). */
  stale: z.boolean(),
  /** The decisions this review allows. */
  allowed: z.array(decisionKindSchema),
});
export type ReviewView = z.infer<typeof reviewSchema>;

export const requestSummarySchema = z.object({
  id: z.number().int(),
  receivedDate: z.string(),
  deadline: z.string(),
  requester: z.string(),
  subject: z.string(),
  status: requestStatusSchema,
  overdue: z.boolean(),
  decision: decisionKindSchema.nullable(),
  decidedAt: z.string().nullable(),
});
export type RequestSummary = z.infer<typeof requestSummarySchema>;

export const requestSchema = requestSummarySchema.extend({
  composition: composeRequestSchema.nullable(),
  review: reviewSchema.nullable(),
  reasons: z.string().nullable(),
  files: z.object({ xlsxSha256: z.string(), csvSha256: z.string() }).nullable(),
});
export type RequestView = z.infer<typeof requestSchema>;

export const requestListSchema = z.object({ requests: z.array(requestSummarySchema) });
