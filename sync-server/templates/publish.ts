// Publishing templates: version N+1 only (published versions are immutable), retirement from a date, and which
// organisations a template is assigned to. An actor sees only the templates assigned to its organisation.
import type { PublishedTemplate } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { templateSchema } from "../../shared/templates/schema";
import { sameTemplateContent } from "../../shared/templates/same-content";
import { stockholmDate } from "../../shared/periods/stockholm";
import { appendAudit } from "../audit/log";
import type { Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { getOrganisation } from "../stores/organisations";
import { assign, getTemplateRow, insertTemplate, isAssigned, latestTemplate, latestVersion, listTemplates, setRetiredFrom, toPublishedTemplate, unassign } from "../stores/templates";

/** The published versions the caller may see: an actor's assigned templates, everything for the others. */
export function visibleTemplates(ctx: AppContext, p: Principal): PublishedTemplate[] {
  return listTemplates(ctx.db, p.role === "actor" ? p.org : undefined);
}

/** One published version the caller may see; unknown (404) otherwise. */
export function readableTemplate(ctx: AppContext, p: Principal, id: string, version: number): PublishedTemplate {
  const row = getTemplateRow(ctx.db, id, version);
  if (!row || (p.role === "actor" && !isAssigned(ctx.db, id, p.org))) throw new AppError(404, "template-unknown", { templateId: id, templateVersion: version });
  return toPublishedTemplate(row);
}

/** Publishes a template version; it must be the next version of its id. */
export function publishTemplate(ctx: AppContext, p: Principal, template: unknown): PublishedTemplate {
  const parsed = templateSchema.safeParse(template);
  if (!parsed.success)
    throw new AppError(400, "validation-failed", { issues: parsed.error.issues.map((i) => ({ path: ["template", ...i.path].join("."), code: i.code, message: i.message })) });
  const t = parsed.data;
  return inTransaction(ctx.db, () => {
    const latest = latestVersion(ctx.db, t.id);
    if (t.version !== latest + 1)
      throw new AppError(409, "template-immutable", {
        message: `Version ${t.version} kan inte publiceras: den senaste versionen av ${t.id} är ${latest}. Publicera version ${latest + 1}.`,
        latestVersion: latest,
      });
    const previous = latestTemplate(ctx.db, t.id);
    if (previous && sameTemplateContent(previous, t))
      throw new AppError(409, "template-unchanged", {
        message: `Version ${t.version} av ${t.id} är likadan som version ${previous.version}; ingen ny version publicerades. Ändra mallbladet först.`,
        latestVersion: previous.version,
      });
    insertTemplate(ctx.db, JSON.stringify(t), t.id, t.version, p.auditId, ctx.clock.now().toISOString());
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "template.publish", details: { templateId: t.id, version: t.version } });
    return toPublishedTemplate(getTemplateRow(ctx.db, t.id, t.version)!);
  });
}

/**
 * From `from` on (a Stockholm date, today or later) the version is refused. Until that day comes the retirement
 * can be moved or withdrawn (`from` null); from that day on it is final. Every change is audited with the date before.
 */
export function retireTemplate(ctx: AppContext, p: Principal, id: string, version: number, from: string | null): PublishedTemplate {
  return inTransaction(ctx.db, () => {
    const row = getTemplateRow(ctx.db, id, version);
    if (!row) throw new AppError(404, "template-unknown");
    const today = stockholmDate(ctx.clock.now());
    if (row.retired_from !== null && row.retired_from <= today)
      throw new AppError(409, "template-retirement-final", {
        retiredFrom: row.retired_from,
        message: `Version ${version} av ${id} är avvecklad sedan ${row.retired_from}; det kan inte längre ångras eller flyttas.`,
      });
    if (from !== null && from < today)
      throw new AppError(422, "template-retire-date", { from, today, message: `Avvecklingsdatumet ${from} ligger bakåt i tiden. Välj ${today} eller ett senare datum.` });
    setRetiredFrom(ctx.db, id, version, from);
    appendAudit(ctx.db, ctx.clock, {
      actor: p.auditId,
      action: from === null ? "template.unretire" : "template.retire",
      details: { templateId: id, version, from, before: row.retired_from },
    });
    return toPublishedTemplate(getTemplateRow(ctx.db, id, version)!);
  });
}

export function assignTemplate(ctx: AppContext, p: Principal, id: string, org: string): void {
  inTransaction(ctx.db, () => {
    if (latestVersion(ctx.db, id) === 0) throw new AppError(404, "template-unknown");
    if (!getOrganisation(ctx.db, org)) throw new AppError(404, "not-found");
    assign(ctx.db, id, org, ctx.clock.now().toISOString());
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "template.assign", details: { templateId: id, org } });
  });
}

export function unassignTemplate(ctx: AppContext, p: Principal, id: string, org: string): void {
  inTransaction(ctx.db, () => {
    unassign(ctx.db, id, org);
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "template.unassign", details: { templateId: id, org } });
  });
}
