// An organisation's API keys: admins for any organisation; an actor (signed in) for its own. The key itself is
// shown once, at creation.
import type { ApiKeySummary } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import { createApiKey } from "../auth/apikeys";
import type { Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { getApiKeyRow, listApiKeys, revokeApiKey, toApiKey } from "../stores/keys";
import { getOrganisation } from "../stores/organisations";

export function visibleKeys(ctx: AppContext, p: Principal): { keys: ApiKeySummary[] } {
  return { keys: listApiKeys(ctx.db, p.role === "admin" ? undefined : p.org) };
}

export function createKey(ctx: AppContext, p: Principal, org: string, name: string): ApiKeySummary & { key: string } {
  const created = inTransaction(ctx.db, () => {
    if (!getOrganisation(ctx.db, org)) throw new AppError(404, "not-found");
    const k = createApiKey(ctx.db, org, name, p.auditId, ctx.clock.now().toISOString());
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "key.create", details: { key: k.row.prefix, org } });
    return k;
  });
  return { ...toApiKey(created.row), key: created.key };
}

/** Revokes a key; an actor's view holds only its own organisation's keys. */
export function revokeKey(ctx: AppContext, p: Principal, id: number): ApiKeySummary {
  return inTransaction(ctx.db, () => {
    const row = getApiKeyRow(ctx.db, id);
    if (!row || (p.role === "actor" && row.org_id !== p.org)) throw new AppError(404, "not-found");
    revokeApiKey(ctx.db, id, ctx.clock.now().toISOString());
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "key.revoke", details: { key: row.prefix, org: row.org_id } });
    return toApiKey(getApiKeyRow(ctx.db, id)!);
  });
}
