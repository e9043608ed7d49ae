// Test helpers for deliveries, on the one test server: approved police records, grants + subscriptions, and a
// protection engine held at a gate.
import request from "supertest";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import type { ProtectEngine } from "../../sync-server/deliveries/protect-round";
import { policeRecord, submitBody, type TestServer } from "./server";

/** Submits police records as polisen and approves them as the huvudman. */
export async function submitApproved(s: TestServer, records: DeidentifiedRecord[]): Promise<string> {
  const sub = await request(s.app).post("/api/submissions").set(await s.as("polisen")).send(submitBody(records));
  if (sub.status !== 201) throw new Error(`submit: ${sub.status} ${JSON.stringify(sub.body)}`);
  const id = sub.body.submission?.id ?? sub.body.id;
  const ok = await request(s.app).post(`/api/review/submissions/${id}/approve`).set(await s.as("huvudman")).send({ replaceApproved: true });
  if (ok.status !== 200) throw new Error(`approve: ${ok.status} ${JSON.stringify(ok.body)}`);
  return id as string;
}

/** Vandalism (police code 1201) rows: `counts[nyko]` rows on `date`. */
export function vandalism(date: string, counts: Record<string, number>): DeidentifiedRecord[] {
  return Object.entries(counts).flatMap(([nyko, n]) => Array.from({ length: n }, () => policeRecord(date, { nyko })));
}

export const VANDALISM_ACCESS = { indicator: "skadegorelse-klotter", levels: [0, 1, 2, 3], periodTypes: ["halfmonth", "month"] };

/** The huvudman grants `org` vandalism at every level, half-month and month; `org` subscribes to all of it. */
export async function grantAndSubscribe(s: TestServer, org: string, entry: object = VANDALISM_ACCESS): Promise<void> {
  const g = await request(s.app).put(`/api/grants/${org}`).set(await s.as("huvudman")).send({ grants: [entry] });
  if (g.status !== 200) throw new Error(`grant: ${g.status} ${JSON.stringify(g.body)}`);
  const sub = await request(s.app).put("/api/subscriptions").set(await s.as(org)).send({ subscriptions: [entry] });
  if (sub.status !== 200) throw new Error(`subscribe: ${sub.status} ${JSON.stringify(sub.body)}`);
}

/** Wraps a protection engine so that protection waits at a gate the test opens; `reached` resolves when a round gets there. */
export function gatedEngine(inner: ProtectEngine) {
  let open!: () => void;
  let entered!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const reached = new Promise<void>((resolve) => (entered = resolve));
  const engine: ProtectEngine = async (job, signal) => {
    entered();
    await opened;
    return inner(job, signal);
  };
  return { engine, open, reached };
}
