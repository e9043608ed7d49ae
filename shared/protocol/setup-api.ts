// Contracts of the huvudman's set-up checklist (GET /api/setup) and of a delivery round's progress and figures
// (GET /api/deliveries/run/status), shared by client and server. The server sends states and counts; the pane
// words them in Swedish (addin/flows/setup.ts).
import { z } from "zod";

/** A round's figures as the huvudman reads them after "Kör leveransomgång nu". */
export const roundFiguresSchema = z.object({
  roundId: z.number().int(),
  /** When the round was stored (ISO instant). */
  ranAt: z.string(),
  /** True for a round run by hand, false for a scheduled one. */
  manual: z.boolean(),
  status: z.enum(["sent", "audit-failed", "fail-closed", "empty"]),
  lastPeriod: z.string().nullable(),
  /** Cells of the round's one cover model (every cell any reader can see). */
  cells: z.number().int(),
  published: z.number().int(),
  suppressed: z.number().int(),
  primary: z.number().int(),
  secondary: z.number().int(),
  /** Deliveries the round made (one per reading organisation). */
  deliveries: z.number().int(),
  /** How long the round took, start to stored; null for rounds stored before this was recorded. */
  durationMs: z.number().nullable(),
});
export type RoundFigures = z.infer<typeof roundFiguresSchema>;

/** The delivery job as it runs (or as it ended). */
export const roundJobSchema = z.object({
  id: z.string(),
  state: z.enum(["running", "done", "failed"]),
  /** The step it is at, in Swedish ("bygger kuben", "skyddar tabellerna", "sparar leveranserna"). */
  progress: z.string(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** How long it has run (running) or ran (ended), in milliseconds. */
  elapsedMs: z.number(),
  /** The Swedish message of a failed job. */
  error: z.string().nullable(),
});
export type RoundJob = z.infer<typeof roundJobSchema>;

export const runStatusSchema = z.object({
  /** The running delivery job, or the last one that ended since the server started; null when none has run. */
  job: roundJobSchema.nullable(),
  /** The figures of the latest stored round, or null before the first. */
  lastRound: roundFiguresSchema.nullable(),
});
export type RunStatus = z.infer<typeof runStatusSchema>;

// ---- the set-up checklist ----
export const setupStateSchema = z.enum(["done", "partial", "missing"]);
export type SetupState = z.infer<typeof setupStateSchema>;

/** Where a point of the checklist is changed: a section of the pane (and the sheet it writes), by a role. */
export const setupPlaceSchema = z.object({
  /** Who changes it. */
  role: z.enum(["huvudman", "admin", "actor"]),
  /** The pane's tab and its section (card), as the pane names them; null when no pane section changes it. */
  tab: z.enum(["admin", "templates", "settings", "review"]).nullable(),
  section: z.string().nullable(),
  /** The sheet that section writes, when it has one. */
  sheet: z.string().nullable(),
  /** The server's endpoint that changes it (for points no pane section changes). */
  endpoint: z.string().nullable(),
});
export type SetupPlace = z.infer<typeof setupPlaceSchema>;

const counts = z.object({ done: z.number().int(), of: z.number().int(), missing: z.array(z.string()) });

export const setupSchema = z.object({
  /** When the checklist was made (ISO instant). */
  at: z.string(),
  registers: z.object({ state: setupStateSchema, place: setupPlaceSchema, loaded: z.array(z.string()), missing: z.array(z.string()) }),
  /** Partners (organisations other than the huvudman) with at least one template assigned. */
  templates: z.object({ state: setupStateSchema, place: setupPlaceSchema }).merge(counts),
  /** Partners granted at least one indicator. */
  grants: z.object({ state: setupStateSchema, place: setupPlaceSchema }).merge(counts),
  /** Granted partners subscribing to at least one of their grants. */
  subscriptions: z.object({ state: setupStateSchema, place: setupPlaceSchema }).merge(counts),
  schedule: z.object({
    state: setupStateSchema,
    place: setupPlaceSchema,
    days: z.array(z.number().int()),
    hour: z.number().int(),
    minute: z.number().int(),
    /** The next scheduled round (ISO instant), or null when none is scheduled. */
    nextRun: z.string().nullable(),
    /** The same in Stockholm time, "YYYY-MM-DD HH:MM". */
    nextRunStockholm: z.string().nullable(),
  }),
  /** The latest round: none yet is "missing"; one that withheld tables is "partial". */
  rounds: z.object({ state: setupStateSchema, place: setupPlaceSchema, lastRound: roundFiguresSchema.nullable() }),
});
export type Setup = z.infer<typeof setupSchema>;
export type SetupPoint = "registers" | "templates" | "grants" | "subscriptions" | "schedule" | "rounds";
export const SETUP_POINTS: readonly SetupPoint[] = ["registers", "templates", "grants", "subscriptions", "schedule", "rounds"];
