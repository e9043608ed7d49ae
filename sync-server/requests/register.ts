// The register of requests for public documents: registering a request (deadline by default the next working day),
// composing its release, and reading the register and one request. The requester's text is kept in the request
// record only: the audit entries name the request by its number, never who asked or what the request says.
import { canonicalJson } from "../../shared/protocol/canonical-json";
import { AppError, invalidInput } from "../../shared/protocol/errors";
import { stockholmDate } from "../../shared/periods/stockholm";
import { lastCompleteHalfMonth } from "../../shared/periods/complete";
import { periodEnd, periodTypeOf } from "../../shared/periods/period";
import { nextWorkingDay } from "../../shared/periods/working-day";
import type { Composition, RegisterRequest, RequestStatus, RequestSummary, RequestView, ReviewView } from "../../shared/protocol/requests";
import { appendAudit } from "../audit/log";
import type { Principal } from "../auth/principal";
import type { AppContext } from "../context";
import { inTransaction } from "../db/database";
import { getDeliverySettings, publishedVersion } from "../stores/deliveries";
import { currentDefinitions } from "../stores/indicators";
import { getRequest, getReview, insertRequest, latestReview, listRequests, setComposition, type StoredRequest, type StoredReview } from "../stores/requests";

/** What a stored review holds besides its files (`review.ts` writes it). */
export interface ReviewResult extends Omit<ReviewView, "id" | "reviewedAt" | "files" | "stale"> {
  composition: Composition;
}

function statusOf(r: StoredRequest, review: StoredReview | null): RequestStatus {
  if (r.decision) return "decided";
  if (review && r.composition && canonicalJson((review.result as ReviewResult).composition) === canonicalJson(r.composition)) return "reviewed";
  return r.composition ? "composed" : "registered";
}

function summary(ctx: AppContext, r: StoredRequest, review = latestReview(ctx.db, r.id)): RequestSummary {
  const today = stockholmDate(ctx.clock.now());
  return {
    id: r.id,
    receivedDate: r.receivedDate,
    deadline: r.deadline,
    requester: r.requester,
    subject: r.subject,
    status: statusOf(r, review),
    overdue: !r.decision && today > r.deadline,
    decision: r.decision,
    decidedAt: r.decidedAt,
  };
}

export function reviewView(ctx: AppContext, review: StoredReview): ReviewView {
  const { composition: _composition, ...result } = review.result as ReviewResult;
  return {
    ...result,
    id: review.id,
    reviewedAt: review.reviewedAt,
    files: { xlsxSha256: review.xlsxSha256, csvSha256: review.csvSha256 },
    stale: review.basis !== publishedVersion(ctx.db),
  };
}

export function requestOf(ctx: AppContext, id: number): StoredRequest {
  const r = getRequest(ctx.db, id);
  if (!r) throw new AppError(404, "not-found");
  return r;
}

/** The review a request was decided with, or else its latest one for the current composition. */
export function currentReview(ctx: AppContext, r: StoredRequest, latest?: StoredReview | null): StoredReview | null {
  if (r.decision) return r.decidedReviewId === null ? null : getReview(ctx.db, r.decidedReviewId);
  const review = latest !== undefined ? latest : latestReview(ctx.db, r.id);
  return review && statusOf(r, review) === "reviewed" ? review : null;
}

export function requestView(ctx: AppContext, id: number): RequestView {
  const r = requestOf(ctx, id);
  const latest = r.decision ? undefined : latestReview(ctx.db, r.id);
  const review = currentReview(ctx, r, latest);
  const decidedFiles = r.decision && review ? { xlsxSha256: review.xlsxSha256, csvSha256: review.csvSha256 } : null;
  return { ...summary(ctx, r, latest), composition: r.composition, review: review ? reviewView(ctx, review) : null, reasons: r.reasons, files: decidedFiles };
}

export function requestRegister(ctx: AppContext): { requests: RequestSummary[] } {
  return { requests: listRequests(ctx.db).map((r) => summary(ctx, r)) };
}

export function registerRequest(ctx: AppContext, p: Principal, input: RegisterRequest): RequestView {
  const deadline = input.deadline ?? nextWorkingDay(input.receivedDate);
  if (deadline < input.receivedDate) invalid("deadline", "Sista dag kan inte ligga före datumet då begäran kom in.");
  const id = inTransaction(ctx.db, () => {
    const id = insertRequest(ctx.db, { ...input, deadline, createdAt: ctx.clock.now().toISOString() });
    appendAudit(ctx.db, ctx.clock, { actor: p.auditId, action: "request.register", details: { requestId: id, receivedDate: input.receivedDate, deadline } });
    return id;
  });
  return requestView(ctx, id);
}

function invalid(path: string, message: string): never {
  throw invalidInput(path, message);
}

/** Sets what is to be released or refused; every period must be complete, every indicator known. */
export function composeRelease(ctx: AppContext, p: Principal, id: number, composition: Composition): RequestView {
  const r = requestOf(ctx, id);
  if (r.decision) throw new AppError(409, "conflict", { message: "Begäran är redan beslutad." });
  const known = new Set(currentDefinitions(ctx.db).map((d) => d.definition.id));
  const settings = getDeliverySettings(ctx.db);
  const lastComplete = periodEnd(lastCompleteHalfMonth(ctx.clock.now(), settings.deadlineDays));
  composition.items.forEach((item, i) => {
    if (!known.has(item.indicator)) invalid(`items.${i}.indicator`, `Okänd indikator: ${item.indicator}.`);
    item.periods.forEach((period, j) => {
      if (periodTypeOf(period) !== item.periodType) invalid(`items.${i}.periods.${j}`, `Perioden ${period} är inte av typen ${item.periodType}.`);
      if (periodEnd(period) > lastComplete)
        invalid(`items.${i}.periods.${j}`, `Perioden ${period} är inte avslutad och rapporterad (senaste kompletta halvmånad slutar ${lastComplete}); den kan inte lämnas ut ännu.`);
    });
  });
  inTransaction(ctx.db, () => {
    setComposition(ctx.db, id, composition);
    appendAudit(ctx.db, ctx.clock, {
      actor: p.auditId,
      action: "request.compose",
      details: { requestId: id, items: composition.items, refused: composition.refused.map((x) => ({ ground: x.ground })) },
    });
  });
  return requestView(ctx, id);
}
