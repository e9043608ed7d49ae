// Request and response contracts of the sync server's HTTP API, shared by the server, the add-in and the CLI.
// Every request body and query is parsed with one of these (unknown fields are refused: `.strict()`).
// `API_ROUTES` lists every route with its schemas; the server's /api/openapi.json is generated from it.
import { z } from "zod";
import { alertListSchema, alertQuerySchema, duplicateCoverageSchema, duplicateListQuerySchema, duplicateListSchema, overruleRequestSchema, restoreRequestSchema } from "./duplicates-api";
import { deidentifiedRecordSchema } from "./record";
import { archiveInterventionSchema, interventionCellsSchema, interventionInputSchema, interventionListSchema, interventionSchema, interventionUpdateSchema, interventionVersionsSchema } from "./interventions";
import { periodTypeSchema } from "./delivery";
import { composeRequestSchema, decideRequestSchema, registerRequestSchema, requestListSchema, requestSchema } from "./requests";
import { templateSchema } from "../templates/schema";
import { grainSchema } from "../indicators/schema";
import { isoDateSchema } from "./iso-date";
import { idQuerySchema, idSchema } from "./params";
import { isValidPeriod } from "../periods/period";
import { withoutIdentifiers } from "./safe-text";
import {
  reportingCloseRequestSchema,
  reportingCloseResponseSchema,
  reportingReopenResponseSchema,
  reportingRhythmRequestSchema,
  reportingRhythmResponseSchema,
  reportingRhythmsSchema,
  reportingViewSchema,
} from "./reporting-api";
export type { ReportingCloseRequest, ReportingRhythmRequest, ReportingRhythms, ReportingView } from "./reporting-api";
import { uncertaintySettingsSchema } from "./uncertainty-api";
import { runStatusSchema, setupSchema } from "./setup-api";
import { yearQuerySchema, yearReportInputsSchema } from "./year-report";

export const roleSchema = z.enum(["actor", "huvudman", "admin"]);
export type Role = z.infer<typeof roleSchema>;


/** A real calendar day `YYYY-MM-DD` (2026-02-31 and 2026-13-45 are refused, never passed on). */
const dateSchema = isoDateSchema;

// ---- auth ----
export const loginRequestSchema = z
  .object({
    username: z.string().min(1).max(100),
    password: z.string().min(1).max(200),
    /** A label of the device (e.g. "Excel på arbetsdatorn"); one refresh token per device. */
    device: withoutIdentifiers(z.string().min(1).max(100).regex(/^[\p{L}\p{N} ._()/-]+$/u)).optional(),
  })
  .strict();
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const userSummarySchema = z.object({
  id: z.number().int(),
  username: z.string(),
  role: roleSchema,
  org: z.string(),
  disabled: z.boolean(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

export const tokenPairSchema = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires (at most 3600). */
  expiresIn: z.number().int(),
  refreshToken: z.string(),
  user: userSummarySchema,
});
export type TokenPair = z.infer<typeof tokenPairSchema>;

export const refreshRequestSchema = z.object({ refreshToken: z.string().min(10).max(200) }).strict();
export const logoutRequestSchema = refreshRequestSchema;

export const principalSchema = z.object({
  kind: z.enum(["user", "api-key"]),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  role: roleSchema,
  org: z.string(),
});
export type PrincipalInfo = z.infer<typeof principalSchema>;

// ---- organisations ----
export const organisationSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  isHuvudman: z.boolean(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const createOrganisationSchema = z
  .object({ id: withoutIdentifiers(idSchema), name: withoutIdentifiers(z.string().min(1).max(200)), kind: withoutIdentifiers(z.string().min(1).max(40)), isHuvudman: z.boolean().default(false) })
  .strict();
export const updateOrganisationSchema = z.object({ name: withoutIdentifiers(z.string().min(1).max(200)).optional(), kind: withoutIdentifiers(z.string().min(1).max(40)).optional() }).strict();

// ---- users ----
export const createUserSchema = z
  .object({
    username: withoutIdentifiers(z.string().regex(/^[a-zA-Z0-9._@-]{2,100}$/)),
    password: z.string().min(10).max(200),
    role: roleSchema,
    org: z.string().min(1).max(60),
  })
  .strict();
export const updateUserSchema = z
  .object({ password: z.string().min(10).max(200).optional(), role: roleSchema.optional(), disabled: z.boolean().optional() })
  .strict();

// ---- API keys ----
export const createApiKeySchema = z.object({ org: z.string().min(1).max(60), name: withoutIdentifiers(z.string().min(1).max(100)) }).strict();
export const apiKeySummarySchema = z.object({
  id: z.number().int(),
  prefix: z.string(),
  org: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsed: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeySummary = z.infer<typeof apiKeySummarySchema>;
/** The key itself is in `key` and is shown only in this response. */
export const createdApiKeySchema = apiKeySummarySchema.extend({ key: z.string() });

// ---- templates ----
export const publishedTemplateSchema = z.object({
  template: templateSchema,
  publishedAt: z.string(),
  retiredFrom: dateSchema.nullable(),
});
export type PublishedTemplate = z.infer<typeof publishedTemplateSchema>;
export const publishTemplateSchema = z.object({ template: z.unknown() }).strict();
/** `from`: the first day (Stockholm) the version is refused, today or later; null withdraws a retirement not yet in effect. */
export const retireTemplateSchema = z.object({ from: dateSchema.nullable() }).strict();
export const assignTemplateSchema = z.object({ org: z.string().min(1).max(60) }).strict();

// ---- submissions ----
/** The largest record list one submit request may carry. */
export const MAX_SUBMIT_RECORDS = 100_000;

/**
 * One part of a chunked upload. Two forms:
 * - counted: every part names `count` and carries the submission's idempotency key (the key is known before the
 *   first part is sent);
 * - streamed: the parts are sent while the sheet is still being read, under an upload id the client chose first;
 *   an earlier part names neither `count` nor the key (neither is known yet), and the last part names `count` and
 *   carries the key, the hash of the whole content, which the server then binds to what it received.
 */
export const uploadPartSchema = z
  .object({
    uploadId: withoutIdentifiers(z.string().regex(/^[A-Za-z0-9_-]{8,64}$/)),
    /** 0-based index of this part. */
    index: z.number().int().min(0).max(999),
    /** Number of parts in the upload; absent on a streamed upload's earlier parts. */
    count: z.number().int().min(1).max(1000).optional(),
    /**
     * The index of the part's first record within the whole submission. Needed by a part sent before the earlier
     * parts have arrived (parts in flight together); a part without it follows all earlier parts.
     */
    first: z.number().int().min(0).max(1000 * MAX_SUBMIT_RECORDS).optional(),
  })
  .strict()
  .refine((p) => p.count === undefined || p.index < p.count, { message: "index must be below count" });
export type UploadPart = z.infer<typeof uploadPartSchema>;

export const submitRequestSchema = z
  .object({
    templateId: z.string().min(1).max(60),
    templateVersion: z.number().int().min(1),
    /**
     * Chosen by the client once per sheet submission (the hash of its content); a retry with the same key returns
     * the first result. Absent only on a streamed upload's earlier parts.
     */
    idempotencyKey: withoutIdentifiers(z.string().regex(/^[A-Za-z0-9_.:-]{8,100}$/)).optional(),
    /** Not parsed here: the server checks each record with the shared wire check, naming row and field. */
    records: z.array(z.unknown()).max(MAX_SUBMIT_RECORDS),
    part: uploadPartSchema.optional(),
  })
  .strict()
  .refine((r) => (r.idempotencyKey === undefined) === (r.part !== undefined && r.part.count === undefined), {
    message: "idempotencyKey is required, except on a streamed upload's earlier parts (part without count), which carry none",
    path: ["idempotencyKey"],
  });
export type SubmitRequest = z.infer<typeof submitRequestSchema>;

export const submissionStatusSchema = z.enum(["pending", "approved", "returned", "superseded"]);
export type SubmissionStatus = z.infer<typeof submissionStatusSchema>;

export const submissionPeriodSchema = z.object({
  /** `2026-03-H1` (event rows), or the aggregate row's own `2026-03` / `2025/26`. */
  period: z.string(),
  rows: z.number().int(),
  supersededBy: z.string().nullable(),
});

/** A half-month of a pending submission whose approval would replace the approved rows standing for it. */
export const submissionReplacementSchema = z.object({
  period: z.string(),
  /** The approved submission whose rows stand for the half-month now. */
  approvedSubmission: z.string(),
  approvedRows: z.number().int(),
  newRows: z.number().int(),
});
export type SubmissionReplacement = z.infer<typeof submissionReplacementSchema>;

export const submissionSchema = z.object({
  id: z.string(),
  org: z.string(),
  templateId: z.string(),
  templateVersion: z.number().int(),
  idempotencyKey: z.string(),
  status: submissionStatusSchema,
  counts: z.object({ rows: z.number().int(), located: z.number().int(), unlocated: z.number().int() }),
  periods: z.array(submissionPeriodSchema),
  warnings: z.array(z.object({ code: z.string(), message: z.string(), rows: z.array(z.number().int()).optional() })),
  comment: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  /** Pending submissions only: the half-months whose approved rows an approval would replace (empty when none). */
  replaces: z.array(submissionReplacementSchema).optional(),
});
export type Submission = z.infer<typeof submissionSchema>;

/** 201 (new) or 200 (idempotent replay) for a whole submission or its last part; 202 for an earlier part. */
export const submitResponseSchema = z.union([
  z.object({ status: z.literal("stored"), replay: z.boolean(), submission: submissionSchema }),
  /** `count`: absent while a streamed upload's last part has not arrived. */
  z.object({ status: z.literal("part-received"), uploadId: z.string(), received: z.number().int(), count: z.number().int().optional() }),
]);
export type SubmitResponse = z.infer<typeof submitResponseSchema>;

export const wireIssueSchema = z.object({ row: z.number().int(), field: z.string(), code: z.string(), message: z.string() });
export type WireIssue = z.infer<typeof wireIssueSchema>;

export const submissionListQuerySchema = z
  .object({
    status: submissionStatusSchema.optional(),
    org: idQuerySchema.optional(),
    templateId: idQuerySchema.optional(),
    /** A half-month `2026-03-H1`, a month `2026-03` (matches its half-months) or a school year `2025/26`. */
    period: z.string().regex(/^(\d{4}-\d{2}(-H[12])?|\d{4}\/\d{2})$/).refine((t) => isValidPeriod(t), { message: "ingen giltig period" }).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type SubmissionListQuery = z.infer<typeof submissionListQuerySchema>;

export const submissionListSchema = z.object({ submissions: z.array(submissionSchema), total: z.number().int() });

export const recordsQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(10_000).default(1000), offset: z.coerce.number().int().min(0).default(0) })
  .strict();
export const submissionRecordsSchema = z.object({
  total: z.number().int(),
  offset: z.number().int(),
  records: z.array(z.object({ row: z.number().int(), record: deidentifiedRecordSchema })),
});

// ---- review ----
export const approveRequestSchema = z
  .object({
    comment: withoutIdentifiers(z.string().max(2000)).optional(),
    /** Must be true to approve a submission that replaces approved half-months (otherwise 409 approval-replaces-approved). */
    replaceApproved: z.boolean().optional(),
  })
  .strict();
export const returnRequestSchema = z.object({ comment: withoutIdentifiers(z.string().min(1).max(2000)) }).strict();

// ---- registers ----
export const registerKindSchema = z.enum(["nyko-areas", "addresses", "polygons", "boundary", "population"]);
export type RegisterKind = z.infer<typeof registerKindSchema>;
export const nykoAreaSchema = z.object({ code: z.string(), level: z.number().int().min(1).max(9), name: z.string(), parent: z.string().nullable() });
export type NykoArea = z.infer<typeof nykoAreaSchema>;
export const registerVersionSchema = z.object({
  id: z.number().int(),
  kind: registerKindSchema,
  validFrom: z.string(),
  year: z.number().int().nullable(),
  format: z.enum(["json", "csv", "geojson"]),
  loadedAt: z.string(),
});
export const loadRegisterSchema = z
  .object({
    validFrom: dateSchema,
    /** Population only: the year the figures describe. */
    year: z.number().int().min(1900).max(2200).optional(),
    format: z.enum(["csv", "geojson"]),
    /** The file's text in the demo formats (`;`-separated CSV with a header row, or GeoJSON). */
    payload: z.string().min(1).max(15_000_000),
  })
  .strict();
export const registerQuerySchema = z.object({ at: dateSchema.optional() }).strict();
export const populationResponseSchema = z.object({
  requestedYear: z.number().int(),
  year: z.number().int(),
  standIn: z.boolean(),
  note: z.string().nullable(),
  rows: z.array(z.object({ nyko: z.string(), total: z.number(), age0to17: z.number(), age18to24: z.number() })),
});

// ---- audit ----
export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  details: z.unknown(),
  hash: z.string(),
});
export const auditQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(1000).default(100), afterSeq: z.coerce.number().int().min(0).default(0) })
  .strict();
export const auditVerifySchema = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  problems: z.array(z.object({ seq: z.number().int(), kind: z.string(), message: z.string() })),
});

// ---- the route table (documentation and OpenAPI) ----
export interface ApiRoute {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  summary: string;
  roles: string;
  request?: z.ZodType;
  query?: z.ZodType;
  response?: z.ZodType;
  produces?: string;
  /** The OpenAPI operationId; derived from the method and path when absent. */
  operationId?: string;
}

const ok = z.object({ status: z.literal("ok") });

export const API_ROUTES: ApiRoute[] = [
  { method: "post", path: "/api/auth/login", summary: "Sign in; returns an access token (≤1 h) and a rotating refresh token", roles: "anyone", request: loginRequestSchema, response: tokenPairSchema },
  { method: "post", path: "/api/auth/refresh", summary: "Exchange a refresh token for a new pair (the old one is revoked)", roles: "anyone", request: refreshRequestSchema, response: tokenPairSchema },
  { method: "post", path: "/api/auth/logout", summary: "Revoke a refresh token", roles: "anyone", request: logoutRequestSchema, response: ok },
  { method: "get", path: "/api/auth/me", summary: "Who the bearer is", roles: "any signed-in", response: principalSchema },
  { method: "get", path: "/api/organisations", summary: "Organisations (an actor sees its own)", roles: "all", response: z.object({ organisations: z.array(organisationSchema) }) },
  { method: "post", path: "/api/organisations", summary: "Create an organisation", roles: "admin", request: createOrganisationSchema, response: organisationSchema },
  { method: "patch", path: "/api/organisations/{org}", summary: "Rename or re-kind an organisation", roles: "admin", request: updateOrganisationSchema, response: organisationSchema },
  { method: "get", path: "/api/users", summary: "Users", roles: "admin", response: z.object({ users: z.array(userSummarySchema) }) },
  { method: "post", path: "/api/users", summary: "Create a user", roles: "admin", request: createUserSchema, response: userSummarySchema },
  { method: "patch", path: "/api/users/{id}", summary: "Change password, role or disable (revokes the user's refresh tokens)", roles: "admin", request: updateUserSchema, response: userSummarySchema },
  { method: "get", path: "/api/keys", summary: "API keys (an actor sees its organisation's)", roles: "admin, actor", response: z.object({ keys: z.array(apiKeySummarySchema) }) },
  { method: "post", path: "/api/keys", summary: "Create an API key; the key is shown once", roles: "admin, actor (own org)", request: createApiKeySchema, response: createdApiKeySchema },
  { method: "post", path: "/api/keys/{id}/revoke", summary: "Revoke an API key", roles: "admin, actor (own org)", response: apiKeySummarySchema },
  { method: "get", path: "/api/templates", summary: "Template versions the caller may use (all for huvudman/admin)", roles: "all", response: z.object({ templates: z.array(publishedTemplateSchema) }) },
  { method: "post", path: "/api/templates", summary: "Publish version N+1 (or version 1 of a new id)", roles: "admin", request: publishTemplateSchema, response: publishedTemplateSchema },
  { method: "get", path: "/api/templates/{id}/{version}", summary: "One template version", roles: "all (actor: assigned only)", response: publishedTemplateSchema },
  { method: "get", path: "/api/templates/{id}/versions/{version}/blank.xlsx", summary: "Blank workbook of a template version", roles: "all (actor: assigned only)", produces: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  { method: "post", path: "/api/templates/{id}/versions/{version}/retire", summary: "Retire a version from a date (today or later), change that date, or withdraw it (from: null) until it takes effect", roles: "admin", request: retireTemplateSchema, response: publishedTemplateSchema },
  { method: "post", path: "/api/templates/{id}/assignments", summary: "Let an organisation use a template", roles: "admin", request: assignTemplateSchema, response: ok },
  { method: "delete", path: "/api/templates/{id}/assignments/{org}", summary: "Withdraw a template from an organisation", roles: "admin", response: ok },
  { method: "post", path: "/api/submissions", summary: "Submit de-identified records (whole, or one part of a chunked upload)", roles: "actor, api key", request: submitRequestSchema, response: submitResponseSchema },
  { method: "get", path: "/api/submissions", summary: "Submissions (an actor: its own organisation's)", roles: "all", query: submissionListQuerySchema, response: submissionListSchema },
  { method: "get", path: "/api/submissions/{id}", summary: "One submission with the reviewer's comment", roles: "all (actor: own org)", response: submissionSchema },
  { method: "get", path: "/api/submissions/{id}/records", summary: "The rows of a submission", roles: "all (actor: own org)", query: recordsQuerySchema, response: submissionRecordsSchema },
  { method: "get", path: "/api/review/submissions", summary: "Review queue with filters", roles: "huvudman", query: submissionListQuerySchema, response: submissionListSchema },
  { method: "get", path: "/api/review/submissions/{id}", summary: "One submission in the review queue, with what approving it would replace", roles: "huvudman", response: submissionSchema },
  { method: "post", path: "/api/review/submissions/{id}/approve", summary: "Approve (locks; supersedes earlier approved half-months only with replaceApproved, else 409 approval-replaces-approved)", roles: "huvudman", request: approveRequestSchema, response: submissionSchema },
  { method: "post", path: "/api/review/submissions/{id}/return", summary: "Return with a comment the actor sees", roles: "huvudman", request: returnRequestSchema, response: submissionSchema },
  { method: "get", path: "/api/registers", summary: "Register versions", roles: "all", response: z.object({ registers: z.array(registerVersionSchema) }) },
  { method: "get", path: "/api/registers/nyko-areas", summary: "NYKO areas valid at a date (default today)", roles: "all", query: registerQuerySchema, response: z.object({ validFrom: z.string(), areas: z.array(nykoAreaSchema) }) },
  // One path per kind: a template `{kind}/current` would be ambiguous with `population/{year}`.
  ...registerKindSchema.options
    .filter((kind) => kind !== "population")
    .map((kind): ApiRoute => ({ method: "get", path: `/api/registers/${kind}/current`, summary: `The raw ${kind} register (CSV or GeoJSON) valid at a date`, roles: "all", query: registerQuerySchema })),
  { method: "get", path: "/api/registers/population/{year}", summary: "Population per NYKO-3 area; the latest year stands in for later years", roles: "huvudman, admin", response: populationResponseSchema },
  { method: "post", path: "/api/registers/{kind}", summary: "Load a new dated register version", roles: "admin", request: loadRegisterSchema, response: registerVersionSchema },
  { method: "get", path: "/api/audit", summary: "Audit entries", roles: "admin, huvudman", query: auditQuerySchema, response: z.object({ entries: z.array(auditEntrySchema) }) },
  { method: "get", path: "/api/audit/verify", summary: "Verify the hash chain", roles: "admin, huvudman", response: auditVerifySchema },
  { method: "get", path: "/api/openapi.json", summary: "This document", roles: "anyone" },
];

// ---- indicators, grants, subscriptions, deliveries, completeness ----
export const accessEntrySchema = z
  .object({
    indicator: z.string().min(1).max(60),
    /** 0 = the whole municipality, 1–3 = NYKO levels. */
    levels: z.array(z.number().int().min(0).max(3)).min(1).max(4),
    periodTypes: z.array(periodTypeSchema).min(1).max(6),
  })
  .strict();
export type AccessEntryInput = z.infer<typeof accessEntrySchema>;
export const grantsRequestSchema = z.object({ grants: z.array(accessEntrySchema).max(200) }).strict();
export const subscriptionsRequestSchema = z.object({ subscriptions: z.array(accessEntrySchema).max(200) }).strict();
export const accessListSchema = z.object({ entries: z.array(accessEntrySchema.extend({ org: z.string() })) });
export const postIndicatorSchema = z.object({ definition: z.unknown() }).strict();
/** The body of `PUT /api/indicators/{id}/grain`: a grain as the indicator definitions have it. */
export const setGrainSchema = grainSchema;
export const deliverySettingsSchema = z
  .object({
    days: z.array(z.number().int().min(1).max(28)).min(1).max(28),
    hour: z.number().int().min(0).max(23),
    minute: z.number().int().min(0).max(59),
    deadlineDays: z.number().int().min(0).max(60),
    threshold: z.union([z.literal(3), z.literal(4), z.literal(5)]),
    historyMonths: z.number().int().min(1).max(60),
    /**
     * ISO weekdays (1 = Monday … 7 = Sunday) on which a round also runs, at the same time: the weekly delivery
     * (each round carries the weeks up to the last complete one). Absent or empty: rounds on `days` only.
     */
    weekdays: z.array(z.number().int().min(1).max(7)).max(7).optional(),
  })
  .strict();
export const deliveryQuerySchema = z.object({ org: idQuerySchema.optional() }).strict();
export const completenessQuerySchema = z.object({ from: dateSchema.optional(), to: dateSchema.optional() }).strict();
export const completenessRowSchema = z.object({
  org: z.string(),
  templateId: z.string(),
  periodType: z.string(),
  period: z.string(),
  deadline: z.string(),
  due: z.boolean(),
  /** A submission (not returned) covers the period, approved or not. */
  submitted: z.boolean(),
  /** Every half-month of the period approved or closed by the huvudman: the deliveries' rule of "reported". */
  reported: z.boolean(),
  /** Every half-month of the period closed by the huvudman ("stängd utan inrapportering"). */
  closed: z.boolean(),
  firstSubmittedAt: z.string().nullable(),
  /** Reported by the deadline (a closed period is on time); false once the deadline has passed unreported. */
  onTime: z.boolean().nullable(),
});
export const completenessSchema = z.object({
  deadlineDays: z.number().int(),
  rows: z.array(completenessRowSchema),
  late: z.array(completenessRowSchema),
});
export const exportQuerySchema = z
  .object({
    org: idQuerySchema.optional(),
    number: z.string().regex(/^[0-9]{1,9}$/).optional(),
    decimal: z.enum(["point", "comma"]).optional(),
    indicator: idQuerySchema.optional(),
    period: z.string().max(20).refine((t) => isValidPeriod(t), { message: "ingen giltig period" }).optional(),
    crs: z.enum(["3006", "4326"]).optional(),
    templateId: idQuerySchema.optional(),
  })
  .strict();

API_ROUTES.push(
  { method: "get", path: "/api/indicators", summary: "Current indicator definitions", roles: "all" },
  { method: "post", path: "/api/indicators", summary: "Add an indicator or a new version of one", roles: "huvudman", request: postIndicatorSchema },
  { method: "get", path: "/api/indicators/{id}", summary: "An indicator with all its versions", roles: "all" },
  { method: "put", path: "/api/indicators/{id}/grain", summary: "Set the finest publication grain (a new version)", roles: "huvudman", request: setGrainSchema },
  { method: "get", path: "/api/indicators/{id}/grain-suggestion", summary: "Grain suggested from the data", roles: "huvudman" },
  { method: "get", path: "/api/grants", summary: "Grants (an actor: its own)", roles: "all", query: deliveryQuerySchema, response: accessListSchema },
  { method: "put", path: "/api/grants/{org}", summary: "Replace an organisation's grants", roles: "huvudman", request: grantsRequestSchema, response: accessListSchema },
  { method: "get", path: "/api/subscriptions", summary: "Subscriptions (an actor: its own)", roles: "all", query: deliveryQuerySchema, response: accessListSchema },
  { method: "put", path: "/api/subscriptions", summary: "Replace the caller's (huvudman: ?org=) subscriptions, within the grants", roles: "actor, huvudman", request: subscriptionsRequestSchema, response: accessListSchema },
  { method: "get", path: "/api/deliveries/latest", summary: "The organisation's latest delivery (shared/protocol/delivery.ts)", roles: "all (actor: own org)", query: deliveryQuerySchema },
  { method: "get", path: "/api/deliveries", summary: "The organisation's deliveries", roles: "all (actor: own org)", query: deliveryQuerySchema },
  { method: "get", path: "/api/deliveries/{number}", summary: "One earlier delivery", roles: "all (actor: own org)", query: deliveryQuerySchema },
  { method: "get", path: "/api/deliveries/settings", summary: "Schedule, deadline and threshold", roles: "huvudman, admin" },
  { method: "put", path: "/api/deliveries/settings", summary: "Change schedule, deadline and threshold", roles: "huvudman", request: deliverySettingsSchema },
  { method: "post", path: "/api/deliveries/run", summary: "Run a delivery round now (a second call while one runs joins it)", roles: "huvudman" },
  { method: "get", path: "/api/deliveries/run/status", summary: "The delivery round's progress (the running or last job) and the latest round's figures", roles: "huvudman", response: runStatusSchema, operationId: "getDeliveryRunStatus" },
  { method: "get", path: "/api/deliveries/rounds", summary: "Delivery rounds and their disclosure figures", roles: "huvudman, admin" },
  { method: "get", path: "/api/completeness", summary: "Completeness and timeliness per organisation and period, and who is late", roles: "huvudman", query: completenessQuerySchema, response: completenessSchema },
  { method: "get", path: "/api/exports/delivery.csv", summary: "A delivery as CSV (UTF-8 BOM, `;`, ?decimal=comma)", roles: "all (actor: own org)", query: exportQuerySchema, produces: "text/csv" },
  { method: "get", path: "/api/exports/delivery.geojson", summary: "NYKO-3 polygons with one indicator's values (?crs=3006|4326)", roles: "all (actor: own org)", query: exportQuerySchema, produces: "application/geo+json" },
  { method: "get", path: "/api/exports/map.svg", summary: "Area map of one indicator per NYKO-3 area", roles: "all (actor: own org)", query: exportQuerySchema, produces: "image/svg+xml" },
  { method: "get", path: "/api/exports/map.png", summary: "Area map as PNG (the SVG rendered)", roles: "all (actor: own org)", query: exportQuerySchema, produces: "image/png" },
  { method: "get", path: "/api/exports/records.csv", summary: "The de-identified approved records (CSV)", roles: "huvudman", query: exportQuerySchema, produces: "text/csv" },
);

// ---- requests for public documents (contracts in requests.ts) ----
API_ROUTES.push(
  { method: "get", path: "/api/requests", summary: "The register of requests for public documents: status and deadlines", roles: "huvudman", response: requestListSchema, operationId: "listRequests" },
  { method: "post", path: "/api/requests", summary: "Register a request (deadline by default the next working day)", roles: "huvudman", request: registerRequestSchema, response: requestSchema, operationId: "registerRequest" },
  { method: "get", path: "/api/requests/{id}", summary: "One request with its composition, review and decision", roles: "huvudman", response: requestSchema, operationId: "getRequest" },
  { method: "put", path: "/api/requests/{id}/composition", summary: "What to release (indicators, levels, periods) and what not, with legal grounds", roles: "huvudman", request: composeRequestSchema, response: requestSchema, operationId: "composeRequestRelease" },
  { method: "post", path: "/api/requests/{id}/review", summary: "Disclosure review of the release together with everything published before; makes the release files", roles: "huvudman", response: requestSchema, operationId: "reviewRequestRelease" },
  { method: "post", path: "/api/requests/{id}/decision", summary: "Decide (bifall, delvis bifall, avslag) with reasons; a release becomes a published fact", roles: "huvudman", request: decideRequestSchema, response: requestSchema, operationId: "decideRequest" },
  { method: "get", path: "/api/requests/{id}/release.xlsx", summary: "The release file (.xlsx) of the request's review or decision", roles: "huvudman", produces: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", operationId: "getRequestReleaseXlsx" },
  { method: "get", path: "/api/requests/{id}/release.csv", summary: "The release file (CSV) of the request's review or decision", roles: "huvudman", produces: "text/csv", operationId: "getRequestReleaseCsv" },
);

// ---- the huvudman's set-up checklist (contract in setup-api.ts) ----
API_ROUTES.push(
  { method: "get", path: "/api/setup", summary: "Set-up checklist: registers, templates, grants, subscriptions, schedule and next run, latest round", roles: "huvudman", response: setupSchema, operationId: "getSetupChecklist" },
);

// ---- double reporting and alerts (contracts in duplicates-api.ts) ----
API_ROUTES.push(
  { method: "get", path: "/api/duplicates", summary: "Probable duplicates (double reporting) with both records' de-identified fields", roles: "huvudman", query: duplicateListQuerySchema, response: duplicateListSchema },
  { method: "get", path: "/api/duplicates/coverage", summary: "Which half-months double reports were matched in, per link class and pair of partners, and which could not be (keys deleted before the other arrived)", roles: "huvudman", response: duplicateCoverageSchema, operationId: "getDuplicateCoverage" },
  { method: "post", path: "/api/duplicates/{id}/overrule", summary: "Overrule a merge: both records count again", roles: "huvudman", request: overruleRequestSchema },
  { method: "post", path: "/api/duplicates/{id}/restore", summary: "Restore an overruled merge", roles: "huvudman", request: restoreRequestSchema },
  { method: "get", path: "/api/alerts", summary: "Weekly alert table per indicator and NYKO area (EARS C1–C3, Farrington after two years)", roles: "huvudman", query: alertQuerySchema, response: alertListSchema },
);

// ---- uncertainty: the "osäker" threshold (contract in uncertainty-api.ts) ----
API_ROUTES.push(
  { method: "get", path: "/api/deliveries/uncertainty", summary: "The base under which a published value is marked osäker (intervals are 95 %)", roles: "huvudman, admin", response: uncertaintySettingsSchema, operationId: "getUncertaintySettings" },
  { method: "put", path: "/api/deliveries/uncertainty", summary: "Change the base under which a published value is marked osäker (from the next round on)", roles: "huvudman", request: uncertaintySettingsSchema, response: uncertaintySettingsSchema, operationId: "setUncertaintySettings" },
);

// ---- reporting: reported, zero, missing (contracts in reporting-api.ts) ----
API_ROUTES.push(
  { method: "get", path: "/api/reporting", summary: "How far each assigned partner has reported (reported through, missing half-months) and the closures", roles: "huvudman", response: reportingViewSchema, operationId: "getReporting" },
  { method: "post", path: "/api/reporting/close", summary: "Close half-months for a partner without a submission (\"stängd utan inrapportering\"): they count as reported", roles: "huvudman", request: reportingCloseRequestSchema, response: reportingCloseResponseSchema, operationId: "closeReporting" },
  { method: "post", path: "/api/reporting/reopen", summary: "Reopen closed half-months: missing again until a submission covers them", roles: "huvudman", request: reportingCloseRequestSchema, response: reportingReopenResponseSchema, operationId: "reopenReporting" },
  { method: "get", path: "/api/reporting/rhythms", summary: "The partners that report weekly (ISO weeks) instead of per half-month", roles: "huvudman", response: reportingRhythmsSchema, operationId: "getReportingRhythms" },
  { method: "put", path: "/api/reporting/rhythm", summary: "Set how a partner reports: per half-month or per ISO week (its weekly submissions fill the half-months they overlap)", roles: "huvudman", request: reportingRhythmRequestSchema, response: reportingRhythmResponseSchema, operationId: "setReportingRhythm" },
);

// ---- interventions (insatser) and their versions (contracts in interventions.ts) ----
API_ROUTES.push(
  { method: "get", path: "/api/interventions", summary: "The register of interventions (latest version of each)", roles: "all", response: interventionListSchema, operationId: "listInterventions" },
  { method: "post", path: "/api/interventions", summary: "Register an intervention (a partner: one its own organisation carries out)", roles: "huvudman, actor (users, own organisation)", request: interventionInputSchema, response: interventionSchema, operationId: "registerIntervention" },
  { method: "get", path: "/api/interventions/{id}", summary: "One intervention, its latest version", roles: "all", response: interventionSchema, operationId: "getIntervention" },
  { method: "put", path: "/api/interventions/{id}", summary: "Edit an intervention: the whole content again, from the latest version (a new version; a stale base is 409)", roles: "huvudman, actor (users, the registering organisation)", request: interventionUpdateSchema, response: interventionSchema, operationId: "updateIntervention" },
  { method: "get", path: "/api/interventions/{id}/versions", summary: "Every version of an intervention, oldest first", roles: "all", response: interventionVersionsSchema, operationId: "listInterventionVersions" },
  { method: "post", path: "/api/interventions/{id}/archive", summary: "Archive an intervention (a new version; the history stays)", roles: "huvudman, actor (users, the registering organisation)", request: archiveInterventionSchema, response: interventionSchema, operationId: "archiveIntervention" },
  { method: "get", path: "/api/interventions/{id}/cells", summary: "The published, disclosure-controlled cells of the intervention's indicators to evaluate it on (huvudman: as readers got them, never unsuppressed; a partner: its own latest delivery)", roles: "huvudman, actor (own delivery)", response: interventionCellsSchema, operationId: "getInterventionCells" },
);

// ---- the yearly analysis (contract in year-report.ts) ----
API_ROUTES.push(
  { method: "get", path: "/api/reports/year", summary: "The yearly analysis inputs: published cells of the year and the year before (never unsuppressed), the newest round's reporting, the areas and an area map per indicator", roles: "huvudman", query: yearQuerySchema, response: yearReportInputsSchema, operationId: "getYearReportInputs" },
);
