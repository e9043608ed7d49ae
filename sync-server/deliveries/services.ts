// What the delivery routers and the scheduler share: the lazily rebuilt cube and the LP solver (loaded once).
import { highsSolver } from "../../shared/disclosure/highs";
import type { LpSolver } from "../../shared/disclosure/lp";
import type { AppContext } from "../context";
import { seedBuiltinIndicators } from "../stores/indicators";
import { createCubeSource } from "./cube-source";
import type { DeliveryDeps } from "./round";

export function createDeliveryDeps(ctx: Pick<AppContext, "db" | "clock"> & Partial<Pick<AppContext, "logger">>, solver?: () => Promise<LpSolver>): DeliveryDeps {
  seedBuiltinIndicators(ctx.db, ctx.clock.now().toISOString());
  let loading: Promise<LpSolver> | null = null;
  return {
    db: ctx.db,
    clock: ctx.clock,
    logger: ctx.logger,
    cubes: createCubeSource(ctx.db),
    solver: solver ?? (() => (loading ??= highsSolver())),
  };
}
