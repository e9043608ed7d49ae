// Test helper: a SyncClient that records calls and answers from in-memory state (no network).
import type { Delivery } from "../../shared/protocol/delivery";
import type { PublishedTemplate, Submission, SubmitRequest } from "../../shared/protocol/api";
import type { Template } from "../../shared/templates/schema";
import { SyncError, type Session, type SyncClient } from "../sync-client";

export interface FakeClient extends SyncClient {
  calls: { method: string; args: unknown[] }[];
  stored: Submission[];
  published: PublishedTemplate[];
  delivery: Delivery | null;
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

export function createFakeClient(options: { templates?: Template[]; session?: Session } = {}): FakeClient {
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
      const p = { template, publishedAt: "2026-03-01T00:00:00Z", retiredFrom: null };
      published.push(p);
      return p;
    },
    async retireTemplate(id, version, from) {
      rec("retireTemplate", id, version, from);
      const p = published.find((x) => x.template.id === id && x.template.version === version);
      if (!p) throw new SyncError(404, "not-found");
      p.retiredFrom = from;
      return p;
    },
    async submit(request: SubmitRequest) {
      rec("submit", request);
      const existing = stored.find((s) => s.idempotencyKey === request.idempotencyKey);
      const all = request.part ? [...(parts.get(request.part.uploadId) ?? []), request.records] : [request.records];
      if (request.part && request.part.index < request.part.count - 1) {
        parts.set(request.part.uploadId, all);
        return { status: "part-received", uploadId: request.part.uploadId, received: all.length, count: request.part.count };
      }
      if (existing) return { status: "stored", replay: true, submission: existing };
      const records = all.flat() as { nyko: string | null; date: string | null }[];
      const located = records.filter((r) => r.nyko !== null).length;
      const sub = submissionFixture({
        id: `s-${++seq}`, idempotencyKey: request.idempotencyKey, templateId: request.templateId, templateVersion: request.templateVersion,
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
    async approve(id, comment) {
      rec("approve", id, comment);
      const s = find(id);
      if (s.status === "approved") throw new SyncError(409, "submission-locked");
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
    async nykoAreas() {
      rec("nykoAreas");
      return { validFrom: "2025-01-01", areas: [] };
    },
    async rawRegister(kind) {
      rec("rawRegister", kind);
      return "";
    },
  };
  return client;
}
