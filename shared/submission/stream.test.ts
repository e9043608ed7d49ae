import { describe, expect, it } from "vitest";
import type { Submission, SubmitRequest, SubmitResponse } from "../protocol/api";
import type { LocalRecord } from "../protocol/record";
import { toWireRecord } from "../protocol/record";
import { containsIdentifier } from "../deidentify/scan";
import { planRecords } from "./plan";
import { newUploadId, startStreamedUpload } from "./stream";

const record = (day: number): LocalRecord => ({ templateId: "t", templateVersion: 1, org: "o", date: `2026-03-0${day}`, hour: 1, period: null, categories: {}, nyko: null, measures: {}, sourceRow: day + 1 });
const receipt = { id: "s-1" } as Submission;

/** A server that stages parts and answers the last with a receipt; `release` lets a held part be answered. */
function server(options: { hold?: boolean; refuse?: number } = {}) {
  const sent: SubmitRequest[] = [];
  const held: (() => void)[] = [];
  return {
    sent,
    release: () => held.splice(0).forEach((f) => f()),
    transport: {
      submit: async (request: SubmitRequest): Promise<SubmitResponse> => {
        sent.push(request);
        if (options.refuse !== undefined && request.part?.index === options.refuse) throw new Error(`refused ${options.refuse}`);
        if (request.part?.count === undefined && request.part) {
          if (options.hold) await new Promise<void>((resolve) => held.push(resolve));
          return { status: "part-received", uploadId: request.part.uploadId, received: request.part.index + 1 };
        }
        return { status: "stored", replay: false, submission: receipt };
      },
    },
  };
}

describe("startStreamedUpload", () => {
  it("sends each full part as it is made, without key or count, and the last part with the count and the key a counted plan has; each says where its records begin", async () => {
    const s = server();
    const records = [1, 2, 3, 4, 5].map(record);
    const upload = startStreamedUpload(s.transport, { partSize: 2, uploadId: "upl-test-one" });
    upload.add(records[0]);
    upload.add(records[1]);
    upload.add(records[2]);
    await upload.drain();
    expect(s.sent).toHaveLength(1); // the first part left before the rest of the sheet was read
    for (const r of records.slice(3)) upload.add(r);
    const result = await upload.finish({ id: "t", version: 1 });
    const plan = await planRecords({ id: "t", version: 1 }, records.map(toWireRecord), records.map((r) => r.sourceRow), { partSize: 2 });
    expect(result.idempotencyKey).toBe(plan.idempotencyKey);
    expect(result.sent).toEqual({ submission: receipt, replay: false });
    expect(Array.from(result.sourceRows)).toEqual([2, 3, 4, 5, 6]);
    expect(s.sent.map((r) => [r.idempotencyKey, r.part, r.records])).toEqual([
      [undefined, { uploadId: "upl-test-one", index: 0, first: 0 }, plan.parts[0].request.records],
      [undefined, { uploadId: "upl-test-one", index: 1, first: 2 }, plan.parts[1].request.records],
      [plan.idempotencyKey, { uploadId: "upl-test-one", index: 2, count: 3, first: 4 }, plan.parts[2].request.records],
    ]);
  });

  it("never sends an empty last part: a sheet of whole parts ends with its last full part", async () => {
    const s = server();
    const upload = startStreamedUpload(s.transport, { partSize: 2 });
    for (const day of [1, 2, 3, 4]) upload.add(record(day));
    const result = await upload.finish({ id: "t", version: 1 });
    expect(result.parts).toBe(2);
    expect(s.sent.map((r) => [r.records.length, r.part?.count, r.idempotencyKey])).toEqual([[2, undefined, undefined], [2, 2, result.idempotencyKey]]);
  });

  it("sends a small sheet whole, as a counted plan of one part does", async () => {
    const s = server();
    const upload = startStreamedUpload(s.transport, { partSize: 10 });
    upload.add(record(1));
    const result = await upload.finish({ id: "t", version: 1 });
    expect(s.sent).toHaveLength(1);
    expect(s.sent[0].part).toBeUndefined();
    expect(s.sent[0].idempotencyKey).toBe(result.idempotencyKey);
  });

  it("waits in drain until the server has taken the parts, and throws a part's refusal", async () => {
    const s = server({ hold: true });
    const upload = startStreamedUpload(s.transport, { partSize: 1 });
    upload.add(record(1));
    upload.add(record(2));
    upload.add(record(3));
    let drained = false;
    const draining = upload.drain().then(() => (drained = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(drained).toBe(false);
    expect(upload.waiting).toBe(2);
    s.release();
    await new Promise((r) => setTimeout(r, 5));
    s.release();
    await draining;
    expect(upload.waiting).toBe(0);

    const bad = startStreamedUpload(server({ refuse: 0 }).transport, { partSize: 1, onPartError: (e, first) => new Error(`${(e as Error).message} at ${first}`) });
    bad.add(record(1));
    bad.add(record(2));
    await expect(bad.drain()).rejects.toThrow("refused 0 at 0");
    await expect(bad.finish({ id: "t", version: 1 })).rejects.toThrow("refused 0 at 0");
  });

  it("sends nothing more once abandoned", async () => {
    const s = server();
    const upload = startStreamedUpload(s.transport, { partSize: 1 });
    upload.add(record(1));
    upload.abandon();
    upload.add(record(2));
    upload.add(record(3));
    await new Promise((r) => setTimeout(r, 5));
    expect(s.sent).toHaveLength(0);
  });

  it("makes upload ids the server accepts: letters only, never shaped like an identifier, new each time", () => {
    const ids = Array.from({ length: 50 }, newUploadId);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
      expect(containsIdentifier(id)).toBe(false);
    }
    expect(new Set(ids).size).toBe(50);
  });
});
