// The add-in's one way to the sync server: a fetch wrapper that adds the access token, renews it once with the
// refresh token when it has expired, and turns `{ status: "error", reason, details }` into a SyncError whose
// Swedish text comes from messages.ts. Routes live in ROUTES only.
import type { ReportingCloseRequest, ReportingRhythmRequest, ReportingView } from "../shared/protocol/reporting-api";
import type { Delivery } from "../shared/protocol/delivery";
import type { UncertaintySettings } from "../shared/protocol/uncertainty-api";
import type { Composition, DecisionKind, RegisterRequest, RequestSummary, RequestView } from "../shared/protocol/requests";
import type { Intervention, InterventionCells, InterventionInput } from "../shared/protocol/interventions";
import type { NykoArea, Organisation, PublishedTemplate, Submission, SubmitRequest, SubmitResponse, TokenPair } from "../shared/protocol/api";
import type { SubmissionServer } from "../shared/submission/server";
import type { Template } from "../shared/templates/schema";
import type { DuplicateCoverage } from "../shared/protocol/duplicates-api";
import type { RunStatus, Setup } from "../shared/protocol/setup-api";
import type { OrgAccessEntry, AlertFilter, RoundRun, AlertList, Completeness, DecidedDuplicate, DuplicateList, GrainSuggestionResponse, StoredIndicator } from "./admin-api";
import { errorText } from "./messages";

export const ROUTES = {
  login: "/api/auth/login",
  refresh: "/api/auth/refresh",
  logout: "/api/auth/logout",
  me: "/api/auth/me",
  templates: "/api/templates",
  retireVersion: (id: string, version: number) => `/api/templates/${encodeURIComponent(id)}/${version}/retire`,
  submissions: "/api/submissions",
  submission: (id: string) => `/api/submissions/${encodeURIComponent(id)}`,
  reviewQueue: "/api/review/submissions",
  approve: (id: string) => `/api/review/submissions/${encodeURIComponent(id)}/approve`,
  returnSubmission: (id: string) => `/api/review/submissions/${encodeURIComponent(id)}/return`,
  latestDelivery: "/api/deliveries/latest",
  areaMapSvg: (indicator: string) => `/api/exports/map.svg?indicator=${encodeURIComponent(indicator)}`,
  nykoAreas: "/api/registers/nyko-areas",
  rawRegister: (kind: "addresses" | "polygons" | "boundary") => `/api/registers/${kind}/current`,
  organisations: "/api/organisations",
  indicators: "/api/indicators",
  grainSuggestion: (id: string) => `/api/indicators/${encodeURIComponent(id)}/grain-suggestion`,
  grants: "/api/grants",
  orgGrants: (org: string) => `/api/grants/${encodeURIComponent(org)}`,
  subscriptions: "/api/subscriptions",
  completeness: "/api/completeness",
  reporting: "/api/reporting",
  reportingClose: "/api/reporting/close",
  reportingReopen: "/api/reporting/reopen",
  reportingRhythm: "/api/reporting/rhythm",
  uncertainty: "/api/deliveries/uncertainty",
  duplicates: "/api/duplicates",
  overruleDuplicate: (id: number) => `/api/duplicates/${id}/overrule`,
  restoreDuplicate: (id: number) => `/api/duplicates/${id}/restore`,
  alerts: "/api/alerts",
  runRound: "/api/deliveries/run",
  runStatus: "/api/deliveries/run/status",
  setup: "/api/setup",
  duplicateCoverage: "/api/duplicates/coverage",
  requests: "/api/requests",
  request: (id: number) => `/api/requests/${id}`,
  requestComposition: (id: number) => `/api/requests/${id}/composition`,
  requestReview: (id: number) => `/api/requests/${id}/review`,
  requestDecision: (id: number) => `/api/requests/${id}/decision`,
  interventions: "/api/interventions",
  intervention: (id: number) => `/api/interventions/${id}`,
  interventionArchive: (id: number) => `/api/interventions/${id}/archive`,
  interventionCells: (id: number) => `/api/interventions/${id}/cells`,
  yearReport: (year: number) => `/api/reports/year?year=${year}`,
} as const;

export type Role = "actor" | "huvudman" | "admin";

export interface SessionUser {
  id?: number;
  username: string;
  role: Role;
  org: string;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: SessionUser;
}

export type { PublishedTemplate, Submission, SubmitRequest, SubmitResponse };

export interface SubmissionFilter {
  status?: Submission["status"];
  org?: string;
  templateId?: string;
  period?: string;
}

/** A failed call: the server's stable reason and the Swedish text to show. */
export class SyncError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly reason: string,
    readonly details?: unknown,
  ) {
    super(errorText(reason, details));
    this.name = "SyncError";
  }
}

export interface SyncClientOptions {
  /** Origin of the sync server; "" for the page's own origin. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Called whenever the session changes (new tokens, or null at sign-out / failed renewal). */
  onSession?: (session: Session | null) => void;
}

/** Also the pane's side of the shared submission interface (templates, registers, one request per part). */
export interface SyncClient extends SubmissionServer {
  readonly session: Session | null;
  login(username: string, password: string): Promise<Session>;
  resume(refreshToken: string): Promise<Session>;
  logout(): Promise<void>;
  /** Template versions the caller may use (every version for huvudman and admin). */
  templates(): Promise<PublishedTemplate[]>;
  publishTemplate(template: Template): Promise<PublishedTemplate>;
  /** `from` null withdraws a retirement whose date has not come. */
  retireTemplate(id: string, version: number, from: string | null): Promise<PublishedTemplate>;
  submit(request: SubmitRequest): Promise<SubmitResponse>;
  submissions(filter?: SubmissionFilter): Promise<Submission[]>;
  submission(id: string): Promise<Submission>;
  reviewQueue(filter?: SubmissionFilter): Promise<Submission[]>;
  /** `replaceApproved` confirms that approved half-months are replaced (else 409 approval-replaces-approved). */
  approve(id: string, comment?: string, replaceApproved?: boolean): Promise<Submission>;
  returnSubmission(id: string, comment: string): Promise<Submission>;
  latestDelivery(): Promise<Delivery>;
  /** The area map (NYKO-3) of one indicator of the latest delivery, disclosure-controlled, as the server's SVG. */
  areaMapSvg(indicator: string): Promise<string>;
  nykoAreas(): Promise<{ validFrom: string; areas: NykoArea[] }>;
  rawRegister(kind: "addresses" | "polygons" | "boundary"): Promise<string>;
  organisations(): Promise<Organisation[]>;
  /** Current indicator definitions (the newest version of each). */
  indicators(): Promise<StoredIndicator[]>;
  /** Adds an indicator, or a new version of one (the server numbers it). */
  postIndicator(definition: unknown): Promise<StoredIndicator>;
  grainSuggestion(id: string): Promise<GrainSuggestionResponse>;
  /** Grants (huvudman: all organisations, or `org`; actor: its own). */
  grants(org?: string): Promise<OrgAccessEntry[]>;
  putGrants(org: string, grants: readonly Omit<OrgAccessEntry, "org">[]): Promise<OrgAccessEntry[]>;
  subscriptions(org?: string): Promise<OrgAccessEntry[]>;
  /** Replaces the caller's own subscriptions (the huvudman may name `org`). */
  putSubscriptions(subscriptions: readonly Omit<OrgAccessEntry, "org">[], org?: string): Promise<OrgAccessEntry[]>;
  completeness(range?: { from?: string; to?: string }): Promise<Completeness>;
  /** How far each partner has reported (huvudman), and the closed half-months. */
  reporting(): Promise<ReportingView>;
  /** Closes half-months `from`..`to` for `org` ("stängd utan inrapportering"), or reopens them. */
  closeReporting(body: ReportingCloseRequest): Promise<{ status: "ok"; closed: string[] }>;
  reopenReporting(body: ReportingCloseRequest): Promise<{ status: "ok"; reopened: string[] }>;
  /** Sets whether a partner reports per ISO week or per half-month (huvudman). */
  setReportingRhythm(body: ReportingRhythmRequest): Promise<{ status: "ok"; org: string; rhythm: ReportingRhythmRequest["rhythm"]; changed: boolean }>;
  /** The base under which a published value is marked osäker (huvudman). */
  uncertaintySettings(): Promise<UncertaintySettings>;
  setUncertaintySettings(settings: UncertaintySettings): Promise<UncertaintySettings>;
  duplicates(status?: "merged" | "overruled"): Promise<DuplicateList>;
  overruleDuplicate(id: number, comment: string): Promise<DecidedDuplicate>;
  restoreDuplicate(id: number, comment?: string): Promise<DecidedDuplicate>;
  alerts(filter?: AlertFilter): Promise<AlertList>;
  /** Runs a delivery round now (huvudman); resolves when it has ended (a call while one runs joins it). */
  runRound(): Promise<RoundRun>;
  /** The delivery round's progress and the latest round's figures. */
  runStatus(): Promise<RunStatus>;
  /** The huvudman's set-up checklist. */
  setup(): Promise<Setup>;
  /** Which half-months double reports were matched in, and which could not be. */
  duplicateCoverage(): Promise<DuplicateCoverage>;
  /** Requests for public documents (huvudman): the register, one request, and its steps. */
  requests(): Promise<RequestSummary[]>;
  request(id: number): Promise<RequestView>;
  registerRequest(input: RegisterRequest): Promise<RequestView>;
  composeRequest(id: number, composition: Composition): Promise<RequestView>;
  reviewRequest(id: number): Promise<RequestView>;
  decideRequest(id: number, decision: DecisionKind, reasons: string): Promise<RequestView>;
  /** Interventions (insatser): the register (latest versions), one, a new one, an edit from `baseVersion`. */
  interventions(): Promise<Intervention[]>;
  intervention(id: number): Promise<Intervention>;
  registerIntervention(input: InterventionInput): Promise<Intervention>;
  updateIntervention(id: number, baseVersion: number, input: InterventionInput): Promise<Intervention>;
  /** The published, disclosure-controlled cells to evaluate an intervention on. */
  interventionCells(id: number): Promise<InterventionCells>;
  /** The yearly analysis inputs (huvudman): published cells of the year and the year before, maps, reporting. */
  yearReportInputs(year: number): Promise<unknown>;
}

export function createSyncClient(options: SyncClientOptions): SyncClient {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  let session: Session | null = null;

  const setSession = (s: Session | null) => {
    session = s;
    options.onSession?.(s);
  };

  async function raw(method: string, path: string, body?: unknown, auth = true, asText = false): Promise<{ status: number; json: unknown; text: string }> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (auth && session) headers.authorization = `Bearer ${session.accessToken}`;
    let res: Response;
    try {
      res = await doFetch(options.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (e) {
      throw new SyncError(0, "network-error", { message: (e as Error).message });
    }
    let json: unknown = null;
    const text = await res.text();
    if (text && (!asText || res.status >= 400)) {
      try {
        json = JSON.parse(text);
      } catch {
        throw new SyncError(res.status, "unexpected-response");
      }
    }
    return { status: res.status, json, text };
  }

  function failure(status: number, json: unknown): SyncError {
    const j = json as { status?: string; reason?: string; details?: unknown } | null;
    if (j && j.status === "error" && typeof j.reason === "string") return new SyncError(status, j.reason, j.details);
    return new SyncError(status, status >= 500 ? "internal-error" : "unexpected-response");
  }

  async function send(method: string, path: string, body: unknown, asText: boolean) {
    let r = await raw(method, path, body, true, asText);
    if (r.status === 401 && session && (r.json as { reason?: string } | null)?.reason === "token-expired") {
      await renew(session.refreshToken);
      r = await raw(method, path, body, true, asText);
    }
    if (r.status >= 400) throw failure(r.status, r.json);
    return r;
  }

  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => (await send(method, path, body, false)).json as T;
  const callText = async (method: string, path: string): Promise<string> => (await send(method, path, undefined, true)).text;

  async function renew(refreshToken: string): Promise<Session> {
    const r = await raw("POST", ROUTES.refresh, { refreshToken }, false);
    if (r.status >= 400) {
      setSession(null);
      throw failure(r.status, r.json);
    }
    const s = toSession(r.json, session?.user);
    setSession(s);
    return s;
  }

  return {
    get session() {
      return session;
    },
    async login(username, password) {
      const r = await raw("POST", ROUTES.login, { username, password }, false);
      if (r.status >= 400) throw failure(r.status, r.json);
      setSession(toSession(r.json));
      return session as Session;
    },
    resume: renew,
    async logout() {
      if (!session) return;
      try {
        await raw("POST", ROUTES.logout, { refreshToken: session.refreshToken });
      } finally {
        setSession(null);
      }
    },
    templates: () => call<{ templates: PublishedTemplate[] }>("GET", ROUTES.templates).then((v) => v.templates),
    publishTemplate: (template) => call<PublishedTemplate>("POST", ROUTES.templates, { template }),
    retireTemplate: (id, version, from) => call<PublishedTemplate>("POST", ROUTES.retireVersion(id, version), { from }),
    submit: (request) => call<SubmitResponse>("POST", ROUTES.submissions, request),
    submissions: (filter) => call<{ submissions: Submission[] }>("GET", ROUTES.submissions + query(filter)).then((v) => v.submissions),
    submission: (id) => call<Submission>("GET", ROUTES.submission(id)),
    reviewQueue: (filter) => call<{ submissions: Submission[] }>("GET", ROUTES.reviewQueue + query(filter)).then((v) => v.submissions),
    approve: (id, comment, replaceApproved) => call<Submission>("POST", ROUTES.approve(id), { ...(comment ? { comment } : {}), ...(replaceApproved ? { replaceApproved } : {}) }),
    returnSubmission: (id, comment) => call<Submission>("POST", ROUTES.returnSubmission(id), { comment }),
    latestDelivery: () => call<Delivery>("GET", ROUTES.latestDelivery),
    areaMapSvg: (indicator) => callText("GET", ROUTES.areaMapSvg(indicator)),
    nykoAreas: () => call<{ validFrom: string; areas: NykoArea[] }>("GET", ROUTES.nykoAreas),
    rawRegister: (kind) => callText("GET", ROUTES.rawRegister(kind)),
    organisations: () => call<{ organisations: Organisation[] }>("GET", ROUTES.organisations).then((v) => v.organisations),
    indicators: () => call<{ indicators: StoredIndicator[] }>("GET", ROUTES.indicators).then((v) => v.indicators),
    postIndicator: (definition) => call<StoredIndicator>("POST", ROUTES.indicators, { definition }),
    grainSuggestion: (id) => call<GrainSuggestionResponse>("GET", ROUTES.grainSuggestion(id)),
    grants: (org) => call<{ entries: OrgAccessEntry[] }>("GET", ROUTES.grants + query({ org })).then((v) => v.entries),
    putGrants: (org, grants) => call<{ entries: OrgAccessEntry[] }>("PUT", ROUTES.orgGrants(org), { grants }).then((v) => v.entries),
    subscriptions: (org) => call<{ entries: OrgAccessEntry[] }>("GET", ROUTES.subscriptions + query({ org })).then((v) => v.entries),
    putSubscriptions: (subscriptions, org) =>
      call<{ entries: OrgAccessEntry[] }>("PUT", ROUTES.subscriptions + query({ org }), { subscriptions }).then((v) => v.entries),
    completeness: (range) => call<Completeness>("GET", ROUTES.completeness + query(range)),
    reporting: () => call<ReportingView>("GET", ROUTES.reporting),
    closeReporting: (body) => call<{ status: "ok"; closed: string[] }>("POST", ROUTES.reportingClose, body),
    reopenReporting: (body) => call<{ status: "ok"; reopened: string[] }>("POST", ROUTES.reportingReopen, body),
    setReportingRhythm: (body) => call<{ status: "ok"; org: string; rhythm: ReportingRhythmRequest["rhythm"]; changed: boolean }>("PUT", ROUTES.reportingRhythm, body),
    uncertaintySettings: () => call<UncertaintySettings>("GET", ROUTES.uncertainty),
    setUncertaintySettings: (settings) => call<UncertaintySettings>("PUT", ROUTES.uncertainty, settings),
    duplicates: (status) => call<DuplicateList>("GET", ROUTES.duplicates + query({ status, limit: "1000" })),
    overruleDuplicate: (id, comment) => call<DecidedDuplicate>("POST", ROUTES.overruleDuplicate(id), { comment }),
    restoreDuplicate: (id, comment) => call<DecidedDuplicate>("POST", ROUTES.restoreDuplicate(id), comment ? { comment } : {}),
    alerts: (filter) => call<AlertList>("GET", ROUTES.alerts + query(filter as Record<string, string | undefined> | undefined)),
    runRound: () => call<RoundRun>("POST", ROUTES.runRound, {}),
    runStatus: () => call<RunStatus>("GET", ROUTES.runStatus),
    setup: () => call<Setup>("GET", ROUTES.setup),
    duplicateCoverage: () => call<DuplicateCoverage>("GET", ROUTES.duplicateCoverage),
    requests: () => call<{ requests: RequestSummary[] }>("GET", ROUTES.requests).then((v) => v.requests),
    request: (id) => call<RequestView>("GET", ROUTES.request(id)),
    registerRequest: (input) => call<RequestView>("POST", ROUTES.requests, input),
    composeRequest: (id, composition) => call<RequestView>("PUT", ROUTES.requestComposition(id), composition),
    reviewRequest: (id) => call<RequestView>("POST", ROUTES.requestReview(id), {}),
    decideRequest: (id, decision, reasons) => call<RequestView>("POST", ROUTES.requestDecision(id), { decision, reasons }),
    interventions: () => call<{ interventions: Intervention[] }>("GET", ROUTES.interventions).then((v) => v.interventions),
    intervention: (id) => call<Intervention>("GET", ROUTES.intervention(id)),
    registerIntervention: (input) => call<Intervention>("POST", ROUTES.interventions, input),
    updateIntervention: (id, baseVersion, input) => call<Intervention>("PUT", ROUTES.intervention(id), { baseVersion, intervention: input }),
    interventionCells: (id) => call<InterventionCells>("GET", ROUTES.interventionCells(id)),
    yearReportInputs: (year) => call<unknown>("GET", ROUTES.yearReport(year)),
  };
}

function query(filter?: SubmissionFilter | Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter ?? {})) if (typeof v === "string" && v) q.set(k, v);
  const qs = q.toString();
  return qs ? `?${qs}` : "";
}

function toSession(value: unknown, previousUser?: SessionUser): Session {
  const v = (value ?? {}) as Partial<TokenPair>;
  if (typeof v.accessToken !== "string" || typeof v.refreshToken !== "string") throw new SyncError(200, "unexpected-response");
  const u = v.user ?? previousUser;
  if (!u) throw new SyncError(200, "unexpected-response");
  return { accessToken: v.accessToken, refreshToken: v.refreshToken, user: { id: u.id, username: u.username, role: u.role, org: u.org } };
}
