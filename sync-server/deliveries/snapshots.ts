// Reading deliveries: an organisation's numbered snapshots (the caller's own, or for huvudman and admin any
// organisation's), the rounds, and the huvudman's manual run.
import type { Delivery } from "../../shared/protocol/delivery";
import { AppError } from "../../shared/protocol/errors";
import type { AppContext } from "../context";
import { getDelivery, listDeliveries, listRoundSummaries } from "../stores/deliveries";
import { MANUAL_SLOT, type DeliveryDeps } from "./round";
import { startRound } from "./run";
import { whyNoDelivery } from "./why-none";

/** The organisation's delivery `number`, or its latest when `number` is undefined. */
export function deliveryOf(ctx: AppContext, org: string, number?: number): Delivery {
  const d = getDelivery(ctx.db, org, number);
  if (!d) throw new AppError(404, "not-found", number === undefined ? whyNoDelivery(ctx, org) : undefined);
  return d;
}

export function deliveriesOf(ctx: AppContext, org: string) {
  return { org, deliveries: listDeliveries(ctx.db, org) };
}

export function roundsList(ctx: AppContext) {
  return { rounds: listRoundSummaries(ctx.db) };
}

/**
 * A round made now, outside the schedule; while a round is running this joins it (the same job id, `joined: true`,
 * and that round's outcome) rather than starting a second one.
 */
export async function runManualRound(ctx: AppContext, deps: DeliveryDeps) {
  const now = ctx.clock.now();
  const job = startRound(deps, `${MANUAL_SLOT}${now.toISOString()}`, now);
  const outcome = await job.result;
  if (!outcome) throw new AppError(409, "conflict", { job: { ...job.view, joined: job.joined } });
  return { job: { id: job.view.id, joined: job.joined, startedAt: job.view.startedAt }, roundId: outcome.roundId, status: outcome.status, lastPeriod: outcome.lastPeriod, deliveries: outcome.deliveries, withheld: outcome.withheld, stats: outcome.stats };
}
