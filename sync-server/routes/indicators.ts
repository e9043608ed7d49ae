// /api/indicators: versioned definitions (every change is a new version), the publication grain and its suggestion.
import { Router } from "express";
import { checkIndicatorAgainstTemplates } from "../../shared/indicators/check-templates";
import { suggestGrain } from "../../shared/indicators/grain";
import { parseIndicatorDefinition } from "../../shared/indicators/schema";
import { postIndicatorSchema, setGrainSchema } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import { templateSchema } from "../../shared/templates/schema";
import { appendAudit } from "../audit/log";
import { principalOf, requireUser } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { deliveryRange } from "../deliveries/cube-source";
import type { DeliveryDeps } from "../deliveries/round";
import { parseInput } from "../http/validate";
import { currentDefinitions, definitionVersions, insertDefinitionVersion, latestDefinition } from "../stores/indicators";
import { getDeliverySettings } from "../stores/deliveries";

function storedTemplates(ctx: AppContext) {
  return (ctx.db.prepare("SELECT json FROM templates").all() as { json: string }[]).map((r) => templateSchema.parse(JSON.parse(r.json)));
}

export function indicatorsRouter(ctx: AppContext, deps: DeliveryDeps): Router {
  const r = Router();
  r.get("/", (_req, res) => {
    res.json({ indicators: currentDefinitions(ctx.db).map((s) => ({ ...s.definition, createdAt: s.createdAt })) });
  });
  r.post("/", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    const body = parseInput(postIndicatorSchema, req.body);
    const parsed = parseIndicatorDefinition({ version: 1, ...(body.definition as object) });
    if (!parsed.ok) throw new AppError(400, "validation-failed", { issues: parsed.issues.map((message) => ({ path: "definition", code: "custom", message })) });
    const checked = checkIndicatorAgainstTemplates(parsed.value, storedTemplates(ctx));
    if (!checked.ok) throw new AppError(400, "validation-failed", { issues: checked.issues.map((message) => ({ path: "definition", code: "custom", message })) });
    const stored = inTransaction(ctx.db, () => {
      const d = insertDefinitionVersion(ctx.db, checked.value, p.auditId, ctx.clock.now().toISOString());
      appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "indicator.version", details: { id: d.id, version: d.version } });
      return d;
    });
    res.status(201).json(stored);
  });
  r.get("/:id", (req, res) => {
    const versions = definitionVersions(ctx.db, req.params.id);
    if (versions.length === 0) throw new AppError(404, "not-found");
    res.json({ ...versions[versions.length - 1].definition, versions: versions.map((v) => ({ version: v.definition.version, createdAt: v.createdAt, createdBy: v.createdBy, definition: v.definition })) });
  });
  r.put("/:id/grain", (req, res) => {
    const p = principalOf(res);
    requireUser(p, "huvudman");
    const grain = parseInput(setGrainSchema, req.body);
    const current = latestDefinition(ctx.db, req.params.id);
    if (!current) throw new AppError(404, "not-found");
    const parsed = parseIndicatorDefinition({ ...current.definition, grain });
    if (!parsed.ok) throw new AppError(400, "validation-failed", { issues: parsed.issues.map((message) => ({ path: "grain", code: "custom", message })) });
    const stored = inTransaction(ctx.db, () => {
      const d = insertDefinitionVersion(ctx.db, parsed.value, p.auditId, ctx.clock.now().toISOString());
      appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "indicator.grain", details: { id: d.id, version: d.version, grain } });
      return d;
    });
    res.json(stored);
  });
  r.get("/:id/grain-suggestion", (req, res) => {
    requireUser(principalOf(res), "huvudman");
    if (!latestDefinition(ctx.db, req.params.id)) throw new AppError(404, "not-found");
    const settings = getDeliverySettings(ctx.db);
    const now = ctx.clock.now();
    const ic = deps.cubes.get(deliveryRange(now, settings.deadlineDays, settings.historyMonths), now).cube.get(req.params.id);
    if (!ic) throw new AppError(404, "not-found");
    res.json({ indicator: req.params.id, current: ic.definition.grain, threshold: settings.threshold, ...suggestGrain(ic, settings.threshold) });
  });
  return r;
}
