// Publishing templates: version N+1 only (published versions are immutable), retirement from a date, and which
// organisations a template is assigned to. An actor sees only the templates assigned to its organisation.
import type { PublishedTemplate } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { templateSchema } from "../../shared/templates/schema";
import { appendAudit } from "../audit/log";
import type { Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { getOrganisation } from "../stores/organisations";
import { assign, getTemplateRow, insertTemplate, isAssigned, latestVersion, listTemplates, setRetiredFrom, toPublishedTemplate, unassign } from "../stores/templates";

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
    insertTemplate(ctx.db, JSON.stringify(t), t.id, t.version, p.auditId, ctx.clock.now().toISOString());
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "template.publish", details: { templateId: t.id, version: t.version } });
    return toPublishedTemplate(getTemplateRow(ctx.db, t.id, t.version)!);
  });
}

/** From `from` on, the version is refused. */
export function retireTemplate(ctx: AppContext, p: Principal, id: string, version: number, from: string): PublishedTemplate {
  return inTransaction(ctx.db, () => {
    if (!getTemplateRow(ctx.db, id, version)) throw new AppError(404, "template-unknown");
    setRetiredFrom(ctx.db, id, version, from);
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "template.retire", details: { templateId: id, version, from } });
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
