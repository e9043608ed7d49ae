// The worker engine gives the same pattern as protecting inline (in a worker thread where one can start,
// otherwise through the inline fallback).
import { describe, expect, it } from "vitest";
import { highsSolver } from "../../shared/disclosure";
import { gridModel } from "../../shared/disclosure/tables";
import { deliveryRule, inlineEngine } from "./protect-round";
import { workerEngine } from "./protect-worker";

describe("workerEngine", () => {
  it("protects and audits like the inline engine", async () => {
    const job = { model: gridModel([[5, 1, 7], [4, 6, 2], [8, 3, 9]]), rule: deliveryRule(3), fixedFacts: [], insiders: [] };
    const inline = await inlineEngine(highsSolver)(job);
    const viaWorker = await workerEngine(inlineEngine(highsSolver))(job);
    expect([...viaWorker.status].sort()).toEqual([...inline.status].sort());
    expect(viaWorker.audit.ok).toBe(true);
    expect(viaWorker.primary).toBe(inline.primary);
  });

  it("really runs in a worker thread here (a fallback that throws is never called)", async () => {
    const job = { model: gridModel([[5, 1, 7], [4, 6, 2], [8, 3, 9]]), rule: deliveryRule(3), fixedFacts: [], insiders: [] };
    const out = await workerEngine(() => Promise.reject(new Error("fallback used")))(job);
    expect(out.audit.ok).toBe(true);
  });
});
