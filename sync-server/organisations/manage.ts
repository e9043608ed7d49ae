// Organisations: admins create and change them; the huvudman sees all; an actor sees its own.
import type { Organisation } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import type { Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { getOrganisation, insertOrganisation, listOrganisations, updateOrganisation } from "../stores/organisations";

export function visibleOrganisations(ctx: AppContext, p: Principal): { organisations: Organisation[] } {
  const all = listOrganisations(ctx.db);
  return { organisations: p.role === "actor" ? all.filter((o) => o.id === p.org) : all };
}

export function createOrganisation(ctx: AppContext, p: Principal, org: Organisation): Organisation {
  return inTransaction(ctx.db, () => {
    if (getOrganisation(ctx.db, org.id)) throw new AppError(409, "conflict", { message: `Organisationen ${org.id} finns redan.` });
    // The municipality has one huvudman: a second one would open the unsuppressed view to another organisation.
    if (org.isHuvudman && listOrganisations(ctx.db).some((o) => o.isHuvudman))
      throw new AppError(403, "forbidden", { message: "Det finns redan en huvudman; en organisation till kan inte bli huvudman." });
    insertOrganisation(ctx.db, org, ctx.clock.now().toISOString());
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "organisation.create", details: { org: org.id, kind: org.kind } });
    return getOrganisation(ctx.db, org.id)!;
  });
}

export function changeOrganisation(ctx: AppContext, p: Principal, id: string, patch: { name?: string; kind?: string }): Organisation {
  return inTransaction(ctx.db, () => {
    if (!getOrganisation(ctx.db, id)) throw new AppError(404, "not-found");
    updateOrganisation(ctx.db, id, patch);
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "organisation.update", details: { org: id, fields: Object.keys(patch) } });
    return getOrganisation(ctx.db, id)!;
  });
}
