// /api/templates: publish N+1 (admin), retire from a date, assign to organisations, fetch, blank .xlsx.
import { Router, type Response } from "express";
import { assignTemplateSchema, publishTemplateSchema, retireTemplateSchema } from "../../shared/protocol/api";
import { principalOf, requireUser } from "../auth/principal";
import type { AppContext } from "../context";
import { intParam, parseInput } from "../http/validate";
import { blankTemplateXlsx } from "../templates/blank-xlsx";
import { assignTemplate, publishTemplate, readableTemplate, retireTemplate, unassignTemplate, visibleTemplates } from "../templates/publish";

export function templatesRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (_req, res) => {
    res.json({ templates: visibleTemplates(ctx, principalOf(res)) });
  });

  r.post("/", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin");
    const body = parseInput(publishTemplateSchema, req.body);
    res.status(201).json(publishTemplate(ctx, p, body.template));
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
    const t = readableTemplate(ctx, principalOf(res), req.params.id, intParam(req.params.version));
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
    res.json(retireTemplate(ctx, p, req.params.id, version, body.from));
  });

  r.post("/:id/assignments", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin");
    const body = parseInput(assignTemplateSchema, req.body);
    assignTemplate(ctx, p, req.params.id, body.org);
    res.json({ status: "ok" });
  });

  r.delete("/:id/assignments/:org", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "admin");
    unassignTemplate(ctx, p, req.params.id, req.params.org);
    res.json({ status: "ok" });
  });
  return r;
}
