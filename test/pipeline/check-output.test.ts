// The core pipeline's whole output (issues with their A1 addresses, records, linkage tokens, unlocated rows) on
// every demo export, as read and sprinkled with bad cells, is exactly what it was before the typed-column core:
// the digests were computed with the earlier code (test/fixtures/pipeline/check-output.json).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoOutputs, type OutputSummary } from "../fixtures/pipeline/check-output";

const pinned = JSON.parse(readFileSync(join(import.meta.dirname, "../fixtures/pipeline/check-output.json"), "utf8")) as { demo: Record<string, OutputSummary> };

describe("checkGrid's output on the demo exports", () => {
  it("is the same, issue for issue and record for record, as before the typed-column core", async () => {
    const now = await demoOutputs();
    expect(Object.keys(now).sort()).toEqual(Object.keys(pinned.demo).sort());
    expect(now).toEqual(pinned.demo);
  }, 120_000);
});
