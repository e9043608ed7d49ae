// Reading deliveries: an organisation's numbered snapshots (the caller's own, or for huvudman and admin any
// organisation's), the rounds, and the huvudman's manual run.
import type { Delivery } from "../../shared/protocol/delivery";
import { AppError } from "../../shared/protocol/errors";
import type { AppContext } from "../context";
import { getDelivery, listDeliveries, listRoundSummaries } from "../stores/deliveries";
import { runRound, type DeliveryDeps } from "./round";

/** The organisation's delivery `number`, or its latest when `number` is undefined. */
export function deliveryOf(ctx: AppContext, org: string, number?: number): Delivery {
  const d = getDelivery(ctx.db, org, number);
  if (!d) throw new AppError(404, "not-found", number === undefined ? { message: "Ingen leverans har gjorts ännu." } : undefined);
  return d;
}

export function deliveriesOf(ctx: AppContext, org: string) {
  return { org, deliveries: listDeliveries(ctx.db, org) };
}

export function roundsList(ctx: AppContext) {
  return { rounds: listRoundSummaries(ctx.db) };
}

/** A round made now, outside the schedule. */
export async function runManualRound(ctx: AppContext, deps: DeliveryDeps) {
  const now = ctx.clock.now();
  const outcome = await runRound(deps, `manual:${now.toISOString()}`, now);
  if (!outcome) throw new AppError(409, "conflict");
  return { roundId: outcome.roundId, status: outcome.status, lastPeriod: outcome.lastPeriod, deliveries: outcome.deliveries, withheld: outcome.withheld, stats: outcome.round.stats };
}
