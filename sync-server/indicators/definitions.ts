// Indicator definitions: every change by the huvudman is a new version (checked against the stored templates),
// and the publication grain with a suggestion from the data.
import { checkIndicatorAgainstTemplates } from "../../shared/indicators/check-templates";
import { suggestGrain } from "../../shared/indicators/grain";
import { parseIndicatorDefinition, type IndicatorDefinition } from "../../shared/indicators/schema";
import { AppError, invalidInput } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import type { Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { deliveryRange } from "../deliveries/cube-source";
import type { DeliveryDeps } from "../deliveries/round";
import { getDeliverySettings } from "../stores/deliveries";
import { currentDefinitions, definitionVersions, insertDefinitionVersion, latestDefinition } from "../stores/indicators";
import { allTemplateVersions } from "../stores/templates";


/** The latest version of every indicator with the time it was made. */
export function listIndicators(ctx: AppContext) {
  return { indicators: currentDefinitions(ctx.db).map((s) => ({ ...s.definition, createdAt: s.createdAt })) };
}

/** An indicator's latest version with every version before it. */
export function indicatorWithVersions(ctx: AppContext, id: string) {
  const versions = definitionVersions(ctx.db, id);
  if (versions.length === 0) throw new AppError(404, "not-found");
  return { ...versions[versions.length - 1].definition, versions: versions.map((v) => ({ version: v.definition.version, createdAt: v.createdAt, createdBy: v.createdBy, definition: v.definition })) };
}

/** Stores a new indicator, or a new version of one, once it is valid and fits the stored templates. */
export function defineIndicator(ctx: AppContext, p: Principal, definition: unknown): IndicatorDefinition {
  const parsed = parseIndicatorDefinition({ version: 1, ...(definition as object) });
  if (!parsed.ok) throw invalidInput("definition", ...parsed.issues);
  const checked = checkIndicatorAgainstTemplates(parsed.value, allTemplateVersions(ctx.db));
  if (!checked.ok) throw invalidInput("definition", ...checked.issues);
  return inTransaction(ctx.db, () => {
    const d = insertDefinitionVersion(ctx.db, checked.value, p.auditId, ctx.clock.now().toISOString());
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "indicator.version", details: { id: d.id, version: d.version } });
    return d;
  });
}

/** Sets the finest publication grain: a new version of the indicator. */
export function setIndicatorGrain(ctx: AppContext, p: Principal, id: string, grain: IndicatorDefinition["grain"]): IndicatorDefinition {
  const current = latestDefinition(ctx.db, id);
  if (!current) throw new AppError(404, "not-found");
  const parsed = parseIndicatorDefinition({ ...current.definition, grain });
  if (!parsed.ok) throw invalidInput("grain", ...parsed.issues);
  return inTransaction(ctx.db, () => {
    const d = insertDefinitionVersion(ctx.db, parsed.value, p.auditId, ctx.clock.now().toISOString());
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "indicator.grain", details: { id: d.id, version: d.version, grain } });
    return d;
  });
}

/** The grain the delivery's data suggests for an indicator, beside its current one. */
export function grainSuggestion(ctx: AppContext, deps: DeliveryDeps, id: string) {
  if (!latestDefinition(ctx.db, id)) throw new AppError(404, "not-found");
  const settings = getDeliverySettings(ctx.db);
  const now = ctx.clock.now();
  const ic = deps.cubes.get(deliveryRange(now, settings.deadlineDays, settings.historyMonths), now).cube.get(id);
  if (!ic) throw new AppError(404, "not-found");
  return { indicator: id, current: ic.definition.grain, threshold: settings.threshold, ...suggestGrain(ic, settings.threshold) };
}
