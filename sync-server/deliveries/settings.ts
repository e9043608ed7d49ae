// The huvudman's delivery schedule and disclosure settings, with the next scheduled run.
import { appendAudit } from "../audit/log";
import type { Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { nextSlot } from "../scheduler/slots";
import { getDeliverySettings, setDeliverySettings, type DeliverySettings } from "../stores/deliveries";

export type SettingsView = DeliverySettings & { nextRun: string | null };

function view(ctx: AppContext, settings: DeliverySettings): SettingsView {
  return { ...settings, nextRun: nextSlot(ctx.clock.now(), settings)?.key ?? null };
}

export function deliverySettings(ctx: AppContext): SettingsView {
  return view(ctx, getDeliverySettings(ctx.db));
}

export function updateDeliverySettings(ctx: AppContext, p: Principal, settings: DeliverySettings): SettingsView {
  inTransaction(ctx.db, () => {
    setDeliverySettings(ctx.db, settings, p.auditId, ctx.clock.now().toISOString());
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "delivery.settings", details: settings as unknown as Record<string, unknown> });
  });
  return view(ctx, settings);
}
