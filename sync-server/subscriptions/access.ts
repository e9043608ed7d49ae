// Access to published indicators: the huvudman grants an organisation indicators, area levels and period types;
// each organisation subscribes among its grants. Both lists are replaced whole and audited.
import { AppError } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import type { Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { latestDefinition } from "../stores/indicators";
import { getOrganisation } from "../stores/organisations";
import { beyondGrants, listGrants, listSubscriptions, replaceGrants, writeSubscriptions, type AccessEntry } from "../stores/subscriptions";

function issues(messages: string[]) {
  return { issues: messages.map((message) => ({ path: "", code: "custom", message })) };
}

function requireOrganisation(ctx: AppContext, org: string): void {
  if (!getOrganisation(ctx.db, org)) throw new AppError(404, "not-found");
}

/** Each indicator once, existing, with period types it has. */
function checkEntries(ctx: AppContext, entries: readonly AccessEntry[]): void {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.indicator)) problems.push(`${e.indicator}: förekommer flera gånger.`);
    seen.add(e.indicator);
    const d = latestDefinition(ctx.db, e.indicator);
    if (!d) {
      problems.push(`${e.indicator}: indikatorn finns inte.`);
      continue;
    }
    for (const t of e.periodTypes) if (!d.definition.periodTypes.includes(t)) problems.push(`${e.indicator}: indikatorn har inte periodtypen ${t}.`);
  }
  if (problems.length > 0) throw new AppError(400, "validation-failed", issues(problems));
}

/** The grants of one organisation, or of all when `org` is undefined. */
export function grantsOf(ctx: AppContext, org: string | undefined): { entries: AccessEntry[] } {
  return { entries: listGrants(ctx.db, org) };
}

/** The subscriptions of one organisation, or of all when `org` is undefined. */
export function subscriptionsOf(ctx: AppContext, org: string | undefined): { entries: AccessEntry[] } {
  return { entries: listSubscriptions(ctx.db, org) };
}

/** Replaces what `org` is granted. */
export function replaceOrganisationGrants(ctx: AppContext, p: Principal, org: string, grants: AccessEntry[]): { entries: AccessEntry[] } {
  requireOrganisation(ctx, org);
  checkEntries(ctx, grants);
  inTransaction(ctx.db, () => {
    replaceGrants(ctx.db, org, grants, p.auditId, ctx.clock.now().toISOString());
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "grants.replace", details: { org, indicators: grants.map((g) => g.indicator) } });
  });
  return grantsOf(ctx, org);
}

/** Replaces what `org` subscribes to; nothing beyond its grants. */
export function replaceOrganisationSubscriptions(ctx: AppContext, p: Principal, org: string, subscriptions: AccessEntry[]): { entries: AccessEntry[] } {
  requireOrganisation(ctx, org);
  checkEntries(ctx, subscriptions);
  const beyond = beyondGrants(subscriptions, listGrants(ctx.db, org));
  if (beyond.length > 0) throw new AppError(403, "forbidden", issues(beyond));
  inTransaction(ctx.db, () => {
    writeSubscriptions(ctx.db, org, subscriptions, p.auditId, ctx.clock.now().toISOString());
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "subscriptions.replace", details: { org, indicators: subscriptions.map((s) => s.indicator) } });
  });
  return subscriptionsOf(ctx, org);
}
