// The disclosure review of a request's release. The requester is an outsider who holds everything published so far
// (every delivery round and every earlier release), so the review protects ONE cover model over the requested cells
// and every cell published before, with the published values as fixed facts (`protectRound`, the same protection and
// final audit as a delivery round, insiders included). A requested cell that would let anyone recover a suppressed
// cell, from this release together with what was published before, is withheld (`..`); when the pattern cannot be
// protected or fails the audit only municipality totals pass. The release files hold only what passed.
import { periodEnd, periodStart } from "../../shared/periods/period";
import { stockholmDate } from "../../shared/periods/stockholm";
import { withinGrain } from "../../shared/indicators/grain";
import type { DecisionKind, ReleaseCell, ReviewView } from "../../shared/protocol/requests";
import { AppError } from "../../shared/protocol/errors";
import { appendAudit } from "../audit/log";
import type { Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { parseCellId } from "../deliveries/cell-key";
import { publishedReader, type Reader, type ReaderEntry } from "../deliveries/cover-model";
import { deliveryRule, protectRound } from "../deliveries/protect-round";
import type { DeliveryDeps } from "../deliveries/round";
import { earlierFacts, getDeliverySettings, publishedVersion } from "../stores/deliveries";
import { listOrganisations } from "../stores/organisations";
import { insertReview, latestReview, reviewFile } from "../stores/requests";
import { releaseFiles } from "./release-file";
import { requestOf, requestView, type ReviewResult } from "./register";

const requesterOf = (id: number) => `~begaran-${id}`;

/** Which decisions a review allows: bifall only when everything asked for passes. */
function allowedDecisions(r: { mode: ReviewView["mode"]; released: number; suppressed: number; finerThanGrain: number; refused: number }): DecisionKind[] {
  if (r.released === 0) return ["avslag"];
  const whole = r.mode === "protected" && r.suppressed === 0 && r.finerThanGrain === 0 && r.refused === 0;
  return whole ? ["bifall", "delvis-bifall", "avslag"] : ["delvis-bifall", "avslag"];
}

export async function reviewRequest(ctx: AppContext, deps: DeliveryDeps, p: Principal, id: number) {
  const request = requestOf(ctx, id);
  if (request.decision) throw new AppError(409, "conflict", { message: "Begäran är redan beslutad." });
  const composition = request.composition;
  if (!composition) throw new AppError(409, "conflict", { message: "Ange först vad som ska lämnas ut (sammanställ utlämnandet)." });
  const now = ctx.clock.now();
  const settings = getDeliverySettings(ctx.db);
  const basis = publishedVersion(ctx.db);
  const facts = earlierFacts(ctx.db);

  // The cube covers every requested period and every period published before.
  const factKeys = [...facts.keys()].map(parseCellId).filter((k) => k !== null);
  const periods = [...composition.items.flatMap((i) => i.periods), ...factKeys.map((k) => k.period)];
  const from = periods.length ? periods.map(periodStart).reduce((a, b) => (a < b ? a : b)) : stockholmDate(now);
  const to = periods.length ? periods.map(periodEnd).reduce((a, b) => (a > b ? a : b)) : stockholmDate(now);
  const snapshot = deps.cubes.get({ from, to, lastPeriod: "" }, now);
  const cube = snapshot.cube;

  const published = publishedReader(facts);
  const entries: ReaderEntry[] = composition.items.map((i) => ({ indicator: i.indicator, levels: i.levels, periodTypes: [i.periodType], periods: i.periods }));
  const requester: Reader = { org: requesterOf(id), huvudman: false, entries };
  // Every organisation as a possible insider (it knows its own rows): no cells of its own, only its knowledge.
  const insiders: Reader[] = listOrganisations(ctx.db).filter((o) => !o.isHuvudman).map((o) => ({ org: o.id, huvudman: false, entries: [] }));
  const round = await protectRound({ cube, readers: [published, requester, ...insiders], rule: deliveryRule(settings.threshold), earlierFacts: facts, engine: deps.engine });
  const view = round.views.get(requester.org)!;
  const cells: ReleaseCell[] = view.cells.map((c) => ({ indicator: c.indicator, nyko: c.nyko, level: c.level, periodType: c.periodType, period: c.period, value: c.value, suppressed: c.suppressed }));
  // The facts of the requester's view: the round's own (the published reader and the insiders publish none).
  const releaseFacts = round.facts;

  // Requested cells finer than the indicator's publication grain are never released.
  let finerThanGrain = 0;
  for (const item of composition.items) {
    const ic = cube.get(item.indicator);
    if (!ic) continue;
    const wanted = new Set(item.periods);
    finerThanGrain += ic.cells.filter((c) => item.levels.includes(c.level) && c.periodType === item.periodType && wanted.has(c.period) && !withinGrain(c, ic.definition.grain)).length;
  }
  const released = cells.filter((c) => !c.suppressed).length;
  const suppressed = cells.length - released;
  const notes = [
    `Röjandekontroll med tröskel ${settings.threshold}, tillsammans med ${facts.size} tidigare publicerade värden (leveranser och utlämnanden).`,
    ...view.notes,
    ...(finerThanGrain > 0 ? [`${finerThanGrain} begärda celler är finare än indikatorns publiceringsnivå och lämnas inte ut.`] : []),
  ];
  const titles = new Map(snapshot.definitions.map((d) => [d.id, d.title]));
  const reviewedAt = now.toISOString();
  const files = await releaseFiles({ requestId: id, createdAt: reviewedAt, cells, titles, refused: composition.refused, notes });
  const stats = round.stats;
  const result: ReviewResult = {
    composition,
    mode: round.mode,
    released,
    suppressed,
    finerThanGrain,
    audit: { ok: round.mode === "protected", failures: stats?.auditFailures ?? 0, earlierFacts: facts.size, primary: stats?.primary ?? 0, secondary: stats?.secondary ?? 0 },
    cells,
    notes,
    allowed: allowedDecisions({ mode: round.mode, released, suppressed, finerThanGrain, refused: composition.refused.length }),
  };
  inTransaction(ctx.db, () => {
    if (requestOf(ctx, id).decision) throw new AppError(409, "conflict", { message: "Begäran är redan beslutad." });
    const reviewId = insertReview(ctx.db, { requestId: id, reviewedAt, basis, result, facts: releaseFacts, ...files });
    appendAudit(ctx.db, ctx.clock, {
      actor: p.auditId,
      action: "request.review",
      details: { requestId: id, reviewId, mode: round.mode, released, suppressed, finerThanGrain, audit: result.audit, basis, xlsxSha256: files.xlsxSha256, csvSha256: files.csvSha256 },
    });
  });
  return requestView(ctx, id);
}

/** The stored release file of a request: of the review it was decided with, or else of its latest review. */
export function releaseFileOf(ctx: AppContext, id: number, kind: "xlsx" | "csv"): Buffer {
  const r = requestOf(ctx, id);
  const reviewId = r.decision ? r.decidedReviewId : (latestReview(ctx.db, id)?.id ?? null);
  const body = reviewId === null ? null : reviewFile(ctx.db, reviewId, kind);
  if (!body) throw new AppError(404, "not-found", { message: "Begäran har inget granskat utlämnande." });
  return body;
}
