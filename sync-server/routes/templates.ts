// /api/templates: publish N+1 (admin), retire from a date, assign to organisations, fetch, blank .xlsx.
import { Router, type Response } from "express";
import { assignTemplateSchema, publishTemplateSchema, retireTemplateSchema, type PublishedTemplate } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { templateSchema } from "../../shared/templates/schema";
import { appendAudit } from "../audit/log";
import { principalOf, requireUser, type Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { intParam, parseInput } from "../http/validate";
import { getOrganisation } from "../stores/organisations";
import { assign, getTemplateRow, insertTemplate, isAssigned, latestVersion, listTemplates, setRetiredFrom, toPublishedTemplate, unassign } from "../stores/templates";
import { blankTemplateXlsx } from "../templates/blank-xlsx";

function readableTemplate(ctx: AppContext, p: Principal, id: string, version: number): PublishedTemplate {
  const row = getTemplateRow(ctx.db, id, version);
  if (!row || (p.role === "actor" && !isAssigned(ctx.db, id, p.org))) throw new AppError(404, "template-unknown", { templateId: id, templateVersion: version });
  return toPublishedTemplate(row);
}

export function templatesRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (_req, res) => {
    const p = principalOf(res);
    res.json({ templates: listTemplates(ctx.db, p.role === "actor" ? p.org : undefined) });
  });

  r.post("/", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin");
    const body = parseInput(publishTemplateSchema, req.body);
    const parsed = templateSchema.safeParse(body.template);
    if (!parsed.success)
      throw new AppError(400, "validation-failed", { issues: parsed.error.issues.map((i) => ({ path: ["template", ...i.path].join("."), code: i.code, message: i.message })) });
    const t = parsed.data;
    const published = inTransaction(ctx.db, () => {
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
    res.status(201).json(published);
  });

  r.get("/:id/:version", (req, res) => {
    res.json(readableTemplate(ctx, principalOf(res), req.params.id, intParam(req.params.version)));
  });

  // The documented paths put a version's actions under `versions/` (unambiguous beside /:id/assignments/:org);
  // they are answered by the handlers of the shorter paths already in use.
  r.all("/:id/versions/:version/:action", (req, _res, next) => {
    const query = req.url.indexOf("?");
    req.url = `/${[req.params.id, req.params.version, req.params.action].map(encodeURIComponent).join("/")}${query < 0 ? "" : req.url.slice(query)}`;
    next();
  });

  r.get("/:id/:version/blank.xlsx", async (req, res: Response) => {
    const p = principalOf(res);
    const t = readableTemplate(ctx, p, req.params.id, intParam(req.params.version));
    const buf = await blankTemplateXlsx(t.template);
    res.setHeader("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    res.setHeader("Content-Disposition", `attachment; filename="${t.template.id}-v${t.template.version}.xlsx"`);
    res.send(buf);
  });

  r.post("/:id/:version/retire", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin");
    const version = intParam(req.params.version);
    const body = parseInput(retireTemplateSchema, req.body);
    const t = inTransaction(ctx.db, () => {
      if (!getTemplateRow(ctx.db, req.params.id, version)) throw new AppError(404, "template-unknown");
      setRetiredFrom(ctx.db, req.params.id, version, body.from);
      appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "template.retire", details: { templateId: req.params.id, version, from: body.from } });
      return toPublishedTemplate(getTemplateRow(ctx.db, req.params.id, version)!);
    });
    res.json(t);
  });

  r.post("/:id/assignments", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin");
    const body = parseInput(assignTemplateSchema, req.body);
    inTransaction(ctx.db, () => {
      if (latestVersion(ctx.db, req.params.id) === 0) throw new AppError(404, "template-unknown");
      if (!getOrganisation(ctx.db, body.org)) throw new AppError(404, "not-found");
      assign(ctx.db, req.params.id, body.org, ctx.clock.now().toISOString());
      appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "template.assign", details: { templateId: req.params.id, org: body.org } });
    });
    res.json({ status: "ok" });
  });

  r.delete("/:id/assignments/:org", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin");
    inTransaction(ctx.db, () => {
      unassign(ctx.db, req.params.id, req.params.org);
      appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "template.unassign", details: { templateId: req.params.id, org: req.params.org } });
    });
    res.json({ status: "ok" });
  });
  return r;
}
