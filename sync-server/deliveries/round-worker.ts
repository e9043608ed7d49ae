// A delivery round's plan off the event loop: the cube build, the cover model, protection and every reader's
// delivery are made in a worker thread (`jobs/worker.ts`) through its own read-only connection to the database
// file; the event loop only numbers and stores the deliveries (`runRound`). When a worker cannot run, the plan is
// made on the event loop (the same code).
import { highsSolver, type LpSolver } from "../../shared/disclosure";
import { openReader, type Db } from "../db/database";
import type { JobControl } from "../jobs/runner";
import { callInWorker, WorkerStopped } from "../jobs/worker";
import { createCubeSource } from "./cube-source";
import { inlineEngine } from "./protect-round";
import { planRound, type RoundPlan } from "./round";

export interface PlanInput {
  dbPath: string;
  /** The instant completeness is judged at, ISO 8601. */
  at: string;
}

let solver: Promise<LpSolver> | null = null;

/** Runs in the worker: plans the round from the database file (protection inline, in this thread). */
export async function planRoundFromFile(input: PlanInput): Promise<RoundPlan> {
  const db = openReader(input.dbPath);
  try {
    return await planRound({ db, cubes: createCubeSource(db), engine: inlineEngine(() => (solver ??= highsSolver())) }, new Date(input.at));
  } finally {
    db.close();
  }
}

/** Plans in a worker thread for the database file `db`; if the worker cannot run, `fallback` plans on the event loop. */
export function workerPlan(db: Db, fallback: (at: Date, control?: JobControl) => Promise<RoundPlan>): (at: Date, control?: JobControl) => Promise<RoundPlan> {
  return async (at, control) => {
    control?.step("bygger kuben och skyddar tabellerna");
    try {
      return await callInWorker<PlanInput, RoundPlan>(import.meta.url, "planRoundFromFile", { dbPath: db.name, at: at.toISOString() }, control?.signal);
    } catch (err) {
      // Stopped at its budget: the job's own error (nothing is stored).
      if (err instanceof WorkerStopped) {
        control?.step("avbruten");
        throw err;
      }
      return fallback(at, control);
    }
  };
}
