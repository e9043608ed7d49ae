// What the delivery routers and the scheduler share: the lazily rebuilt cube and the protection engine. Where
// protection runs is configuration (`Config.disclosureEngine`): a worker thread in the server (inline if one cannot
// start), or inline on the event loop.
import { highsSolver, type LpSolver } from "../../shared/disclosure";
import type { AppContext } from "../context";
import { createJobRunner, type JobRunner } from "../jobs/runner";
import { createCubeSource } from "./cube-source";
import { inlineEngine } from "./protect-round";
import { workerEngine } from "./protect-worker";
import { planRound, type DeliveryDeps } from "./round";
import { workerPlan } from "./round-worker";
import { DEFAULT_ROUND_BUDGET_MS, ROUND_JOB } from "./run";

/** The Swedish names of the server's job kinds, for their messages. */
export const JOB_NAMES: Record<string, string> = { [ROUND_JOB]: "leveransomgången", "alert-table": "beräkningen av larmtabellen" };

export interface JobOptions {
  /** The runner shared by every kind of heavy work (made here when absent). */
  jobs?: JobRunner;
  roundBudgetMs?: number;
}

/** Where protection runs; inline, it may be given its LP solver (loaded once by default). */
export type ProtectionConfig = { engine: "worker" } | { engine: "inline"; solver?: () => Promise<LpSolver> };

export function createDeliveryDeps(
  ctx: Pick<AppContext, "db" | "clock"> & Partial<Pick<AppContext, "logger">>, protection: ProtectionConfig, options: JobOptions = {},
): DeliveryDeps {
  let loading: Promise<LpSolver> | null = null;
  const solver = (protection.engine === "inline" ? protection.solver : undefined) ?? (() => (loading ??= highsSolver()));
  const inline = inlineEngine(solver);
  const cubes = createCubeSource(ctx.db);
  const engine = protection.engine === "worker" ? workerEngine(inline) : inline;
  // With worker protection over a database file, the whole plan of a round (cube, protection, deliveries) is made
  // in a worker thread; an in-memory database is planned on the event loop.
  const plan = protection.engine === "worker" && !ctx.db.memory ? workerPlan(ctx.db, (at, control) => planRound({ db: ctx.db, cubes, engine }, at, control)) : undefined;
  return {
    db: ctx.db,
    clock: ctx.clock,
    logger: ctx.logger,
    cubes,
    engine,
    ...(plan ? { plan } : {}),
    jobs: options.jobs ?? createJobRunner({ names: JOB_NAMES }),
    roundBudgetMs: options.roundBudgetMs ?? DEFAULT_ROUND_BUDGET_MS,
  };
}
