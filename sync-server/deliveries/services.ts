// What the delivery routers and the scheduler share: the lazily rebuilt cube and the LP solver (loaded once).
import { highsSolver } from "../../shared/disclosure/highs";
import type { LpSolver } from "../../shared/disclosure/lp";
import type { AppContext } from "../context";
import { seedBuiltinIndicators } from "../stores/indicators";
import { createCubeSource } from "./cube-source";
import { inlineEngine } from "./disclose";
import { workerEngine } from "./protect-worker";
import type { DeliveryDeps } from "./round";

export function createDeliveryDeps(ctx: Pick<AppContext, "db" | "clock"> & Partial<Pick<AppContext, "logger">>, solver?: () => Promise<LpSolver>): DeliveryDeps {
  seedBuiltinIndicators(ctx.db, ctx.clock.now().toISOString());
  let loading: Promise<LpSolver> | null = null;
  const lp = solver ?? (() => (loading ??= highsSolver()));
  return {
    db: ctx.db,
    clock: ctx.clock,
    logger: ctx.logger,
    cubes: createCubeSource(ctx.db),
    solver: lp,
    // A given solver (tests) runs inline; otherwise protection runs in a worker thread, inline if that cannot start.
    engine: solver ? inlineEngine(lp) : workerEngine(inlineEngine(lp)),
  };
}
