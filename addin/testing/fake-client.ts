// Test helper: a SyncClient that records calls and answers from in-memory state (no network).
import type { ReportingView } from "../../shared/protocol/reporting-api";
import type { Delivery } from "../../shared/protocol/delivery";
import type { Organisation, PublishedTemplate, Submission, SubmitRequest } from "../../shared/protocol/api";
import { indicatorDefinitionSchema } from "../../shared/indicators/schema";
import type { OrgAccessEntry, AlertRow, Completeness, Duplicate, RoundRun, StoredIndicator } from "../admin-api";
import type { DuplicateCoverage } from "../../shared/protocol/duplicates-api";
import type { RunStatus, Setup } from "../../shared/protocol/setup-api";
import type { Template } from "../../shared/templates/schema";
import { sameTemplateContent } from "../../shared/templates/same-content";
import { stockholmDate } from "../../shared/periods/stockholm";
import { SyncError, type Session, type SyncClient } from "../sync-client";
import type { RequestView } from "../../shared/protocol/requests";
import { interventionInputSchema, type Intervention, type InterventionCells } from "../../shared/protocol/interventions";

export interface FakeClient extends SyncClient {
  calls: { method: string; args: unknown[] }[];
  stored: Submission[];
  published: PublishedTemplate[];
  delivery: Delivery | null;
  organisationList: Organisation[];
  indicatorList: StoredIndicator[];
  grantList: OrgAccessEntry[];
  subscriptionList: OrgAccessEntry[];
  completenessAnswer: Completeness;
  reportingAnswer: ReportingView;
  duplicateList: Duplicate[];
  alertList: AlertRow[];
  /** What runRound answers once `roundGate` (when set) has resolved. */
  roundRun: RoundRun;
  roundGate: Promise<void> | null;
  /** runStatus answers these in turn; the last one repeats. */
  runStatuses: RunStatus[];
  setupAnswer: Setup | null;
  coverageAnswer: DuplicateCoverage;
  requestList: RequestView[];
  interventionList: Intervention[];
  uncertainty: { minBase: number };
  /** What interventionCells answers (published cells); set by the test. */
  interventionCellsAnswer: Omit<InterventionCells, "interventionId" | "version">;
  /** What a review answers (the cells released or withheld); set by the test. */
  reviewAnswer: (r: RequestView) => NonNullable<RequestView["review"]>;
  /** What yearReportInputs answers per year (absent: 404 with the server's Swedish message). */
  yearInputs: Map<number, unknown>;
  /** What GET /api/interventions answers. */
  /** Makes the next call of `method` fail with this reason. */
  failNext(method: string, reason: string, httpStatus?: number, details?: unknown): void;
}

export function submissionFixture(over: Partial<Submission> = {}): Submission {
  return {
    id: "s-1", org: "polisen", templateId: "polis-anmalningar", templateVersion: 1, idempotencyKey: "k".repeat(16), status: "pending",
    counts: { rows: 0, located: 0, unlocated: 0 }, periods: [], warnings: [], comment: null,
    createdAt: "2026-03-02T08:00:00.000Z", createdBy: "polis", reviewedAt: null, reviewedBy: null, ...over,
  };
}

export function duplicateFixture(over: Partial<Duplicate> = {}): Duplicate {
  const side = (submission: string, org: string, templateId: string, categories: Record<string, string>) => ({
    submission, row: 1, org, templateId, date: "2026-03-04", hour: 21, nyko: "1010203", categories,
  });
  return {
    id: 1, status: "merged", foundAt: "2026-03-05T06:00:00.000Z", decidedBy: "system", decidedAt: "2026-03-05T06:00:00.000Z", comment: null,
    a: side("s-a", "polisen", "polis-anmalningar", { brottskod: "1203" }),
    b: side("s-b", "raddningstjansten", "raddningstjanst-insatser", { handelsetyp: "Brand utomhus", anlagd: "Ja" }),
    ...over,
  };
}

export function createFakeClient(options: { templates?: Template[]; session?: Session; now?: () => Date } = {}): FakeClient {
  const now = options.now ?? (() => new Date());
  const calls: FakeClient["calls"] = [];
  const failures = new Map<string, SyncError>();
  const parts = new Map<string, unknown[][]>();
  const stored: Submission[] = [];
  const published: PublishedTemplate[] = (options.templates ?? []).map((template) => ({ template, publishedAt: "2026-01-01T00:00:00Z", retiredFrom: null }));
  let seq = 0;
  const rec = (method: string, ...args: unknown[]) => {
    calls.push({ method, args });
    const f = failures.get(method);
    if (f) {
      failures.delete(method);
      throw f;
    }
  };
  const find = (id: string) => {
    const s = stored.find((x) => x.id === id);
    if (!s) throw new SyncError(404, "not-found");
    return s;
  };
  const client: FakeClient = {
    calls,
    stored,
    published,
    delivery: null,
    organisationList: [],
    indicatorList: [],
    grantList: [],
    subscriptionList: [],
    completenessAnswer: { deadlineDays: 4, rows: [], late: [] },
    roundRun: { job: { id: "delivery-round-1", joined: false, startedAt: "2026-03-20T09:00:00.000Z" }, roundId: 1, status: "sent", lastPeriod: "2026-03-H1", deliveries: [], withheld: [] },
    roundGate: null,
    runStatuses: [{ job: null, lastRound: null }],
    setupAnswer: null,
    coverageAnswer: { windowDays: 45, groups: [], summary: { matched: 0, partial: 0, unmatched: 0, single: 0 } },
    reportingAnswer: { lastPeriod: "2026-03-H1", completeThrough: "2026-03-H1", partners: [], closures: [] },
    duplicateList: [],
    requestList: [],
    interventionList: [],
    uncertainty: { minBase: 10 },
    interventionCellsAnswer: { source: "", definitions: [], cells: [] },
    reviewAnswer: () => {
      throw new Error("reviewAnswer is not set");
    },
    alertList: [],
    yearInputs: new Map(),
    failNext(method, reason, httpStatus = 400, details) {
      failures.set(method, new SyncError(httpStatus, reason, details));
    },
    session: options.session ?? { accessToken: "a", refreshToken: "r", user: { username: "polis", role: "actor", org: "polisen" } },
    async login() {
      rec("login");
      return client.session as Session;
    },
    async resume() {
      rec("resume");
      return client.session as Session;
    },
    async logout() {
      rec("logout");
    },
    async templates() {
      rec("templates");
      return published;
    },
    async publishTemplate(template) {
      rec("publishTemplate", template);
      const latest = published.filter((x) => x.template.id === template.id).sort((a, b) => b.template.version - a.template.version)[0];
      if (latest && sameTemplateContent(latest.template, template)) throw new SyncError(409, "template-unchanged");
      const p = { template, publishedAt: "2026-03-01T00:00:00Z", retiredFrom: null };
      published.push(p);
      return p;
    },
    async retireTemplate(id, version, from) {
      rec("retireTemplate", id, version, from);
      const p = published.find((x) => x.template.id === id && x.template.version === version);
      if (!p) throw new SyncError(404, "not-found");
      if (p.retiredFrom !== null && p.retiredFrom <= stockholmDate(now())) throw new SyncError(409, "template-retirement-final", { retiredFrom: p.retiredFrom });
      p.retiredFrom = from;
      return p;
    },
    async submit(request: SubmitRequest) {
      rec("submit", request);
      const existing = stored.find((s) => s.idempotencyKey === request.idempotencyKey);
      const all = request.part ? [...(parts.get(request.part.uploadId) ?? []), request.records] : [request.records];
      // An earlier part (a streamed one names no count and carries no key): staged until the last part arrives.
      if (request.part && (request.part.count === undefined || request.part.index < request.part.count - 1)) {
        parts.set(request.part.uploadId, all);
        return { status: "part-received", uploadId: request.part.uploadId, received: all.length, count: request.part.count };
      }
      if (request.part) parts.delete(request.part.uploadId);
      if (existing) return { status: "stored", replay: true, submission: existing };
      const records = all.flat() as { nyko: string | null; date: string | null }[];
      const located = records.filter((r) => r.nyko !== null).length;
      const sub = submissionFixture({
        id: `s-${++seq}`, idempotencyKey: request.idempotencyKey ?? "", templateId: request.templateId, templateVersion: request.templateVersion,
        counts: { rows: records.length, located, unlocated: records.length - located },
        periods: [...new Set(records.map((r) => (r.date ?? "").slice(0, 7)))].map((p) => ({ period: `${p}-H1`, rows: 0, supersededBy: null })),
      });
      stored.push(sub);
      return { status: "stored", replay: false, submission: sub };
    },
    async submissions(filter) {
      rec("submissions", filter);
      return stored.filter((s) => !filter?.status || s.status === filter.status);
    },
    async submission(id) {
      rec("submission", id);
      return find(id);
    },
    async reviewQueue(filter) {
      rec("reviewQueue", filter);
      return stored.filter((s) => !filter?.status || s.status === filter.status);
    },
    async approve(id, comment, replaceApproved) {
      rec("approve", id, comment, replaceApproved);
      const s = find(id);
      if (s.status === "approved") throw new SyncError(409, "submission-locked");
      if (s.replaces?.length && !replaceApproved) throw new SyncError(409, "approval-replaces-approved", { replaces: s.replaces });
      s.status = "approved";
      return s;
    },
    async returnSubmission(id, comment) {
      rec("returnSubmission", id, comment);
      const s = find(id);
      if (s.status === "approved") throw new SyncError(409, "submission-locked");
      s.status = "returned";
      s.comment = comment;
      return s;
    },
    async latestDelivery() {
      rec("latestDelivery");
      if (!client.delivery) throw new SyncError(404, "not-found");
      return client.delivery;
    },
    async areaMapSvg(indicator) {
      rec("areaMapSvg", indicator);
      const cells = client.delivery?.cells.filter((c) => c.indicator === indicator && c.level === 3) ?? [];
      if (cells.length === 0) throw new SyncError(404, "not-found");
      const period = cells.map((c) => c.period).sort().at(-1) as string;
      return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="700" viewBox="0 0 800 700"><text x="20" y="22">${indicator}, ${period}</text></svg>`;
    },
    async nykoAreas() {
      rec("nykoAreas");
      return { validFrom: "2025-01-01", areas: [] };
    },
    async rawRegister(kind) {
      rec("rawRegister", kind);
      return "";
    },
    async organisations() {
      rec("organisations");
      return client.organisationList;
    },
    async indicators() {
      rec("indicators");
      return client.indicatorList;
    },
    async postIndicator(definition) {
      rec("postIndicator", definition);
      const parsed = indicatorDefinitionSchema.safeParse({ version: 1, ...(definition as object) });
      if (!parsed.success) throw new SyncError(400, "validation-failed", { issues: parsed.error.issues.map((i) => ({ path: "definition", message: i.message })) });
      const version = Math.max(0, ...client.indicatorList.filter((d) => d.id === parsed.data.id).map((d) => d.version)) + 1;
      const stored = { ...parsed.data, version };
      client.indicatorList = [...client.indicatorList.filter((d) => d.id !== stored.id), stored];
      return stored;
    },
    async grainSuggestion(id) {
      rec("grainSuggestion", id);
      const d = client.indicatorList.find((x) => x.id === id);
      if (!d) throw new SyncError(404, "not-found");
      return { indicator: id, current: d.grain, threshold: 3, grain: { level: 2, periodType: "month" }, smallShare: 0.1, smallShareOfNonZero: 0.12 };
    },
    async grants(org) {
      rec("grants", org);
      return client.grantList.filter((g) => !org || g.org === org);
    },
    async putGrants(org, grants) {
      rec("putGrants", org, grants);
      for (const g of grants) if (!client.indicatorList.some((d) => d.id === g.indicator)) throw new SyncError(400, "validation-failed", { issues: [{ path: "", message: `${g.indicator}: indikatorn finns inte.` }] });
      client.grantList = [...client.grantList.filter((g) => g.org !== org), ...grants.map((g) => ({ ...g, org }))];
      return client.grantList.filter((g) => g.org === org);
    },
    async subscriptions(org) {
      rec("subscriptions", org);
      return client.subscriptionList.filter((s) => !org || s.org === org);
    },
    async putSubscriptions(subscriptions, org) {
      rec("putSubscriptions", subscriptions, org);
      const own = org ?? client.session?.user.org ?? "";
      for (const s of subscriptions) {
        const g = client.grantList.find((x) => x.org === own && x.indicator === s.indicator);
        if (!g || s.levels.some((l) => !g.levels.includes(l)) || s.periodTypes.some((p) => !g.periodTypes.includes(p))) throw new SyncError(403, "forbidden");
      }
      client.subscriptionList = [...client.subscriptionList.filter((s) => s.org !== own), ...subscriptions.map((s) => ({ ...s, org: own }))];
      return client.subscriptionList.filter((s) => s.org === own);
    },
    async completeness(range) {
      rec("completeness", range);
      return client.completenessAnswer;
    },
    async reporting() {
      rec("reporting");
      return client.reportingAnswer;
    },
    async closeReporting(body) {
      rec("closeReporting", body);
      return { status: "ok", closed: [body.from] };
    },
    async reopenReporting(body) {
      rec("reopenReporting", body);
      return { status: "ok", reopened: [body.from] };
    },
    async uncertaintySettings() {
      rec("uncertaintySettings");
      return { ...client.uncertainty };
    },
    async setUncertaintySettings(settings) {
      rec("setUncertaintySettings", settings);
      client.uncertainty = { ...settings };
      return { ...client.uncertainty };
    },
    async setReportingRhythm(body) {
      rec("setReportingRhythm", body);
      return { status: "ok", org: body.org, rhythm: body.rhythm, changed: true };
    },
    async duplicates(status) {
      rec("duplicates", status);
      const list = client.duplicateList.filter((d) => !status || d.status === status);
      return { duplicates: list, total: list.length };
    },
    async overruleDuplicate(id, comment) {
      rec("overruleDuplicate", id, comment);
      return decideDuplicate(id, "merged", "overruled", comment);
    },
    async restoreDuplicate(id, comment) {
      rec("restoreDuplicate", id, comment);
      return decideDuplicate(id, "overruled", "merged", comment ?? null);
    },
    async requests() {
      rec("requests");
      return client.requestList.map(({ composition: _c, review: _r, reasons: _x, files: _f, ...summary }) => summary);
    },
    async request(id) {
      rec("request", id);
      return requestById(id);
    },
    async registerRequest(input) {
      rec("registerRequest", input);
      const r: RequestView = {
        id: client.requestList.length + 1, receivedDate: input.receivedDate, deadline: input.deadline ?? input.receivedDate, requester: input.requester, subject: input.subject,
        status: "registered", overdue: false, decision: null, decidedAt: null, composition: null, review: null, reasons: null, files: null,
      };
      client.requestList.push(r);
      return r;
    },
    async composeRequest(id, composition) {
      rec("composeRequest", id, composition);
      return Object.assign(requestById(id), { composition, status: "composed", review: null });
    },
    async reviewRequest(id) {
      rec("reviewRequest", id);
      const r = requestById(id);
      return Object.assign(r, { review: client.reviewAnswer(r), status: "reviewed" });
    },
    async decideRequest(id, decision, reasons) {
      rec("decideRequest", id, decision, reasons);
      const r = requestById(id);
      if (r.review && !r.review.allowed.includes(decision)) throw new SyncError(409, "conflict", { message: `Granskningen medger inte beslutet ${decision}.` });
      return Object.assign(r, { decision, reasons, status: "decided", decidedAt: "2026-03-20T10:00:00.000Z", files: r.review?.files ?? null });
    },
    async interventions() {
      rec("interventions");
      return client.interventionList.map((i) => ({ ...i }));
    },
    async intervention(id) {
      rec("intervention", id);
      return { ...interventionById(id) };
    },
    async registerIntervention(input) {
      rec("registerIntervention", input);
      const c = interventionInputSchema.parse(input);
      const at = "2026-03-20T10:00:00.000Z";
      const i: Intervention = { ...c, id: client.interventionList.length + 1, version: 1, status: "active", owner: client.session?.user.org ?? "", createdAt: at, changedAt: at, level: c.areas[0].length > 3 ? 3 : c.areas[0].length };
      client.interventionList.push(i);
      return { ...i };
    },
    async updateIntervention(id, baseVersion, input) {
      rec("updateIntervention", id, baseVersion, input);
      const i = interventionById(id);
      if (i.version !== baseVersion) throw new SyncError(409, "conflict", { message: `Insatsen har ändrats sedan version ${baseVersion}.` });
      Object.assign(i, interventionInputSchema.parse(input), { version: i.version + 1 });
      return { ...i };
    },
    async interventionCells(id) {
      rec("interventionCells", id);
      const i = interventionById(id);
      return { interventionId: id, version: i.version, ...client.interventionCellsAnswer };
    },
    async alerts(filter) {
      rec("alerts", filter);
      return { alerts: client.alertList.filter((a) => filter?.all === "1" || a.alarm), computedAt: "2026-03-09T06:00:00.000Z", minSigma: 0.5 };
    },
    async runRound() {
      rec("runRound");
      if (client.roundGate) await client.roundGate;
      return client.roundRun;
    },
    async runStatus() {
      rec("runStatus");
      return client.runStatuses.length > 1 ? client.runStatuses.shift()! : client.runStatuses[0];
    },
    async setup() {
      rec("setup");
      if (!client.setupAnswer) throw new SyncError(404, "not-found");
      return client.setupAnswer;
    },
    async duplicateCoverage() {
      rec("duplicateCoverage");
      return client.coverageAnswer;
    },
    async yearReportInputs(year) {
      rec("yearReportInputs", year);
      const inputs = client.yearInputs.get(year);
      if (inputs === undefined) throw new SyncError(404, "not-found", { why: "no-year-delivery", message: `Ingen leverans innehåller publicerade värden för ${year}.` });
      return inputs;
    },
  };
  function interventionById(id: number): Intervention {
    const i = client.interventionList.find((x) => x.id === id);
    if (!i) throw new SyncError(404, "not-found");
    return i;
  }
  function requestById(id: number): RequestView {
    const r = client.requestList.find((x) => x.id === id);
    if (!r) throw new SyncError(404, "not-found");
    return r;
  }
  function decideDuplicate(id: number, from: Duplicate["status"], to: Duplicate["status"], comment: string | null) {
    const d = client.duplicateList.find((x) => x.id === id);
    if (!d) throw new SyncError(404, "not-found");
    if (d.status !== from) throw new SyncError(409, "conflict", { status: d.status, message: `Dubbletten är redan ${d.status === "merged" ? "sammanslagen" : "underkänd"}.` });
    Object.assign(d, { status: to, decidedBy: "huvudman", decidedAt: "2026-03-10T08:00:00.000Z", comment });
    return { id, status: to, decidedBy: d.decidedBy, decidedAt: d.decidedAt, comment };
  }
  return client;
}
