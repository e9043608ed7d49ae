// The huvudman's "osäker" threshold: read, and changed with an audit entry (it applies from the next round on).
import type { UncertaintySettings } from "../../shared/protocol/uncertainty-api";
import { appendAudit } from "../audit/log";
import type { Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { getUncertaintySettings, setUncertaintySettings } from "../stores/uncertainty";

export function uncertaintySettings(ctx: AppContext): UncertaintySettings {
  return getUncertaintySettings(ctx.db);
}

export function updateUncertaintySettings(ctx: AppContext, p: Principal, settings: UncertaintySettings): UncertaintySettings {
  inTransaction(ctx.db, () => {
    setUncertaintySettings(ctx.db, settings, p.auditId, ctx.clock.now().toISOString());
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "delivery.uncertainty", details: { ...settings } });
  });
  return settings;
}
