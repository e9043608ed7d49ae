import { describe, expect, it } from "vitest";
import type { Submission, SubmitRequest, SubmitResponse } from "../protocol/api";
import type { DeidentifiedRecord } from "../protocol/record";
import { planRecords } from "./plan";
import { NoReceiptError, sendSubmission, type SubmitProgress } from "./send";

const record = (day: number): DeidentifiedRecord => ({ templateId: "t", templateVersion: 1, org: "o", date: `2026-03-0${day}`, hour: 1, period: null, categories: {}, nyko: null, measures: {} });
const receipt = { id: "s-1" } as Submission;

describe("sendSubmission", () => {
  it("sends the parts in order, reports progress, and returns the receipt of the last one", async () => {
    const plan = await planRecords({ id: "t", version: 1 }, [1, 2, 3, 4, 5].map(record), [2, 3, 4, 5, 6], { partSize: 2 });
    const sent: SubmitRequest[] = [];
    const progress: SubmitProgress[] = [];
    const result = await sendSubmission(
      {
        submit: async (request): Promise<SubmitResponse> => {
          sent.push(request);
          return request.part!.index < 2 ? { status: "part-received", uploadId: request.part!.uploadId, received: request.part!.index + 1, count: 3 } : { status: "stored", replay: false, submission: receipt };
        },
      },
      plan,
      { onProgress: (p) => progress.push(p) },
    );
    expect(result).toEqual({ submission: receipt, replay: false });
    expect(sent).toEqual(plan.parts.map((p) => p.request));
    expect(progress).toEqual([
      { part: 1, parts: 3, sent: 2, total: 5 },
      { part: 2, parts: 3, sent: 4, total: 5 },
      { part: 3, parts: 3, sent: 5, total: 5 },
    ]);
  });

  it("stops at the first part the server answers with a receipt (a retry of stored content)", async () => {
    const plan = await planRecords({ id: "t", version: 1 }, [1, 2, 3].map(record), [2, 3, 4], { partSize: 1 });
    let calls = 0;
    const result = await sendSubmission({ submit: async () => (calls++, { status: "stored", replay: true, submission: receipt }) }, plan);
    expect(calls).toBe(1);
    expect(result.replay).toBe(true);
  });

  it("hands a part's failure to the caller to name, and says so when no receipt came", async () => {
    const plan = await planRecords({ id: "t", version: 1 }, [1, 2, 3].map(record), [2, 3, 4], { partSize: 2 });
    const failing = { submit: async (r: SubmitRequest): Promise<SubmitResponse> => { if (r.part!.index === 1) throw new Error("refused"); return { status: "part-received", uploadId: "u", received: 1, count: 2 }; } };
    const err = await sendSubmission(failing, plan, { onPartError: (e, part) => new Error(`${(e as Error).message} at ${part.first}`) }).catch((e: unknown) => e);
    expect((err as Error).message).toBe("refused at 2");
    const silent = { submit: async (): Promise<SubmitResponse> => ({ status: "part-received", uploadId: "u", received: 1, count: 2 }) };
    await expect(sendSubmission(silent, plan)).rejects.toBeInstanceOf(NoReceiptError);
  });
});
