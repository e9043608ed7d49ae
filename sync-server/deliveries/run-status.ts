// The huvudman's view of delivery rounds while one runs: the delivery job's step and elapsed time, and the figures
// of the latest stored round (cells, published, suppressed, primary and secondary suppressions, duration).
import type { RoundFigures, RunStatus } from "../../shared/protocol/setup-api";
import type { Db } from "../db/database";
import type { JobView } from "../jobs/runner";
import { countRoundDeliveries, latestRound, type RoundRow } from "../stores/deliveries";
import type { DeliveryDeps } from "./round";
import { MANUAL_SLOT } from "./round";
import type { RoundStats } from "./protect-round";
import { ROUND_JOB } from "./run";

interface StoredSummary {
  stats?: RoundStats | null;
  durationMs?: number;
}

/** A stored round's figures; a round without protection statistics (nothing to protect) has zero cells. */
function roundFigures(db: Db, row: Omit<RoundRow, "facts">): RoundFigures {
  const summary = JSON.parse(row.summary) as StoredSummary;
  const stats = summary.stats ?? null;
  const cells = stats?.modelCells ?? 0;
  const published = stats ? Math.round(stats.publishedShare * cells) : 0;
  return {
    roundId: row.id,
    ranAt: row.ran_at,
    manual: row.slot.startsWith(MANUAL_SLOT),
    status: row.status,
    lastPeriod: row.last_period,
    cells,
    published,
    suppressed: cells - published,
    primary: stats?.primary ?? 0,
    secondary: stats?.secondary ?? 0,
    deliveries: countRoundDeliveries(db, row.id),
    durationMs: typeof summary.durationMs === "number" ? summary.durationMs : null,
  };
}

/** The latest stored round's figures, or null before the first round. */
export function lastRoundFigures(db: Db): RoundFigures | null {
  const row = latestRound(db);
  return row ? roundFigures(db, row) : null;
}

/** Elapsed time on the runner's own clock (the wall clock: a job's times are real, not the injected clock's). */
function jobOf(view: JobView): RunStatus["job"] {
  const end = view.endedAt ? Date.parse(view.endedAt) : Date.now();
  return {
    id: view.id, state: view.state, progress: view.progress, startedAt: view.startedAt, endedAt: view.endedAt,
    elapsedMs: Math.max(0, end - Date.parse(view.startedAt)), error: view.error,
  };
}

export function runStatus(deps: DeliveryDeps): RunStatus {
  const view = deps.jobs.current(ROUND_JOB);
  return { job: view ? jobOf(view) : null, lastRound: lastRoundFigures(deps.db) };
}
