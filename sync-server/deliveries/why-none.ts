// Why an organisation has no delivery yet, and what to do about it, in Swedish: no indicators granted, no
// subscriptions among its grants, or the next scheduled round (in Stockholm time) that will make its first delivery.
import type { AppContext } from "../context";
import { nextSlot } from "../scheduler/slots";
import { getDeliverySettings } from "../stores/deliveries";
import { getOrganisation } from "../stores/organisations";
import { intersectWithGrants, listGrants, listSubscriptions } from "../stores/subscriptions";

export type NoDeliveryWhy = "no-grants" | "no-subscriptions" | "next-round" | "no-schedule";

export interface NoDelivery {
  why: NoDeliveryWhy;
  message: string;
  nextRun: string | null;
}

/** "20 december 06:00" in Stockholm time. */
export function stockholmText(at: Date): string {
  const parts = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("day")} ${part("month")} ${part("hour")}:${part("minute")}`;
}

export function whyNoDelivery(ctx: AppContext, org: string): NoDelivery {
  const next = nextSlot(ctx.clock.now(), getDeliverySettings(ctx.db));
  const nextRun = next?.key ?? null;
  const huvudman = getOrganisation(ctx.db, org)?.isHuvudman ?? false;
  if (!huvudman) {
    const grants = listGrants(ctx.db, org);
    if (grants.length === 0) return { why: "no-grants", nextRun, message: "Huvudmannen har inte gett er behörighet till några indikatorer ännu. Be huvudmannen om behörighet (fliken Behörigheter)." };
    const subscribed = listSubscriptions(ctx.db, org).some((s) => intersectWithGrants(s, grants) !== null);
    if (!subscribed) return { why: "no-subscriptions", nextRun, message: "Ni prenumererar inte på några indikatorer ännu. Välj indikatorer bland era behörigheter under Prenumerationer." };
  }
  if (!next) return { why: "no-schedule", nextRun, message: "Ingen leverans har gjorts ännu och ingen leveransomgång är schemalagd. Huvudmannen kan köra en leveransomgång nu." };
  return { why: "next-round", nextRun, message: `Ingen leverans har gjorts ännu. Nästa leverans görs ${stockholmText(next.at)}.` };
}
