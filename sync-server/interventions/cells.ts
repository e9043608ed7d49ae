// The published cells an intervention is evaluated on (GET /api/interventions/{id}/cells). Only what was published
// under disclosure control, never the huvudman's unsuppressed view: for a huvudman user, every cell of the
// intervention's indicators as the deliveries to readers below the huvudman carried it (the newest round's mark
// wins); for a partner (user or key), its own latest delivery's cells of those indicators, within its grants.
// Admin reads no figures. The evaluation itself runs on the caller's side (shared/interventions/evaluate.ts).
import { deliverySchema, type DeliveryCell } from "../../shared/protocol/delivery";
import { AppError } from "../../shared/protocol/errors";
import type { InterventionCells } from "../../shared/protocol/interventions";
import { mayReadUnsuppressed, type Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { getDelivery, publishedDeliveries } from "../stores/deliveries";
import { interventionOf } from "./register";

const cellKey = (c: DeliveryCell) => `${c.indicator}|${c.nyko ?? ""}|${c.periodType}|${c.period}`;

export function interventionCells(ctx: AppContext, p: Principal, id: number): InterventionCells {
  const intervention = interventionOf(ctx, id);
  const wanted = new Set(intervention.indicators);
  if (p.role === "admin") throw new AppError(403, "forbidden");
  const cells = new Map<string, DeliveryCell>();
  const definitions = new Map<string, InterventionCells["definitions"][number]>();
  let source = "";
  const take = (d: { cells: DeliveryCell[]; definitions: InterventionCells["definitions"]; source: string }) => {
    for (const c of d.cells) if (wanted.has(c.indicator)) cells.set(cellKey(c), c);
    for (const def of d.definitions) if (wanted.has(def.id)) definitions.set(def.id, def);
    source = d.source;
  };
  if (mayReadUnsuppressed(p)) {
    for (const row of publishedDeliveries(ctx.db)) {
      const parsed = deliverySchema.safeParse(JSON.parse(row.json));
      if (parsed.success && !parsed.data.unsuppressed) take(parsed.data);
    }
  } else if (p.role === "actor") {
    const own = getDelivery(ctx.db, p.org);
    if (own && !own.unsuppressed) take(own);
  } else {
    throw new AppError(403, "forbidden");
  }
  return { interventionId: id, version: intervention.version, source, definitions: [...definitions.values()], cells: [...cells.values()] };
}
