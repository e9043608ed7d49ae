// The register of interventions: create, edit (each edit a new version), archive, and read. Who may change one: a
// huvudman user (any intervention), or a partner's user for an intervention of its own organisation (it must be
// among the organisations carrying it out, and only the registering organisation edits it later). Everyone signed
// in reads the register: it describes activities, never people, and holds no figures. API keys and admin read it
// but change nothing. The audit entries hold ids, codes, areas and dates: never the name or the description.
import { AppError, invalidInput } from "../../shared/protocol/errors";
import { stockholmDate } from "../../shared/periods/stockholm";
import type { Intervention, InterventionContent, InterventionStatus } from "../../shared/protocol/interventions";
import { appendAudit } from "../audit/log";
import type { Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { nykoRegisterAt } from "../registers/current";
import { currentDefinitions } from "../stores/indicators";
import {
  insertIntervention,
  insertInterventionVersion,
  interventionVersions,
  latestIntervention,
  listInterventions,
} from "../stores/interventions";
import { getOrganisation } from "../stores/organisations";

export function interventionRegister(ctx: AppContext): { interventions: Intervention[] } {
  return { interventions: listInterventions(ctx.db) };
}

export function interventionOf(ctx: AppContext, id: number): Intervention {
  const i = latestIntervention(ctx.db, id);
  if (!i) throw new AppError(404, "not-found");
  return i;
}

export function interventionHistory(ctx: AppContext, id: number): { versions: Intervention[] } {
  interventionOf(ctx, id);
  return { versions: interventionVersions(ctx.db, id) };
}

/** Users only: the huvudman, or an actor (partner) for its own organisation's interventions. */
function requireWriter(p: Principal): void {
  if (p.kind !== "user" || (p.role !== "huvudman" && p.role !== "actor")) throw new AppError(403, "forbidden");
}

function requireEditor(p: Principal, existing: Intervention): void {
  requireWriter(p);
  if (p.role === "actor" && existing.owner !== p.org)
    throw new AppError(403, "forbidden", { message: "En part kan bara ändra insatser som den egna organisationen har registrerat." });
}

/** Checks what the schema cannot (known organisations, areas and indicators) and returns the areas' NYKO level. */
function checkContent(ctx: AppContext, p: Principal, c: InterventionContent): number {
  c.orgs.forEach((org, i) => {
    if (!getOrganisation(ctx.db, org)) throw invalidInput(`orgs.${i}`, `Okänd organisation: ${org}.`);
  });
  if (p.role === "actor" && !c.orgs.includes(p.org))
    throw invalidInput("orgs", "En part registrerar bara insatser som den egna organisationen genomför: ta med den bland organisationerna.");
  const nyko = nykoRegisterAt(ctx.db, stockholmDate(ctx.clock.now()));
  const levelOf = (code: string, path: string): number => {
    const level = nyko.levelOf(code);
    if (level === null) throw invalidInput(path, `Okänt NYKO-område: ${code}.`);
    if (level < 1 || level > 3) throw invalidInput(path, `Området ${code} är på NYKO-nivå ${level}; en insats gäller områden på nivå 1–3.`);
    return level;
  };
  const level = levelOf(c.areas[0], "areas.0");
  const seen = new Set<string>();
  c.areas.forEach((code, i) => {
    if (levelOf(code, `areas.${i}`) !== level) throw invalidInput(`areas.${i}`, `Alla insatsområden ska vara på samma NYKO-nivå (${c.areas[0]} är på nivå ${level}, ${code} inte).`);
    if (seen.has(code)) throw invalidInput(`areas.${i}`, `Området ${code} står två gånger.`);
    seen.add(code);
  });
  c.comparisonAreas.forEach((code, i) => {
    if (levelOf(code, `comparisonAreas.${i}`) !== level) throw invalidInput(`comparisonAreas.${i}`, `Jämförelseområdena ska vara på insatsområdenas nivå (NYKO ${level}); ${code} är det inte.`);
    if (seen.has(code)) throw invalidInput(`comparisonAreas.${i}`, `Området ${code} är redan insatsområde eller står två gånger.`);
    seen.add(code);
  });
  const known = new Set(currentDefinitions(ctx.db).map((d) => d.definition.id));
  c.indicators.forEach((id, i) => {
    if (!known.has(id)) throw invalidInput(`indicators.${i}`, `Okänd indikator: ${id}.`);
  });
  return level;
}

function auditDetails(id: number, version: number, status: InterventionStatus, c: InterventionContent) {
  return { interventionId: id, version, status, kind: c.kind, orgs: c.orgs, areas: c.areas, startDate: c.startDate, endDate: c.endDate, indicators: c.indicators, comparisonAreas: c.comparisonAreas };
}

export function createIntervention(ctx: AppContext, p: Principal, content: InterventionContent): Intervention {
  requireWriter(p);
  const level = checkContent(ctx, p, content);
  const owner = p.org; // a partner's own organisation, or the huvudman's
  const at = ctx.clock.now().toISOString();
  const id = inTransaction(ctx.db, () => {
    const id = insertIntervention(ctx.db, owner, at);
    insertInterventionVersion(ctx.db, id, 1, { status: "active", level, content, changedAt: at, changedBy: p.auditId });
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "intervention.create", details: auditDetails(id, 1, "active", content) });
    return id;
  });
  return interventionOf(ctx, id);
}

function stale(existing: Intervention, baseVersion: number): void {
  if (existing.version !== baseVersion)
    throw new AppError(409, "conflict", { message: `Insatsen har ändrats sedan version ${baseVersion} (nu version ${existing.version}). Läs in den igen och gör ändringen där.` });
}

/** An edit: a new version with the whole content; refused when the caller's base version is no longer the latest. */
export function updateIntervention(ctx: AppContext, p: Principal, id: number, baseVersion: number, content: InterventionContent): Intervention {
  const existing = interventionOf(ctx, id);
  requireEditor(p, existing);
  stale(existing, baseVersion);
  const level = checkContent(ctx, p, content);
  const version = existing.version + 1;
  inTransaction(ctx.db, () => {
    insertInterventionVersion(ctx.db, id, version, { status: existing.status, level, content, changedAt: ctx.clock.now().toISOString(), changedBy: p.auditId });
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "intervention.update", details: auditDetails(id, version, existing.status, content) });
  });
  return interventionOf(ctx, id);
}

/** Archives an intervention (a new version with status archived; the history stays). */
export function archiveIntervention(ctx: AppContext, p: Principal, id: number, baseVersion: number): Intervention {
  const existing = interventionOf(ctx, id);
  requireEditor(p, existing);
  stale(existing, baseVersion);
  if (existing.status === "archived") throw new AppError(409, "conflict", { message: "Insatsen är redan arkiverad." });
  const { id: _id, version: _v, status: _s, owner: _o, createdAt: _c, changedAt: _ch, level, ...content } = existing;
  const version = existing.version + 1;
  inTransaction(ctx.db, () => {
    insertInterventionVersion(ctx.db, id, version, { status: "archived", level, content, changedAt: ctx.clock.now().toISOString(), changedBy: p.auditId });
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "intervention.archive", details: { interventionId: id, version } });
  });
  return interventionOf(ctx, id);
}
