import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { BUILTIN_TEMPLATES } from "../../shared/templates/builtin";
import { parseTemplateArg, pickTemplateVersion } from "./pipeline-file";
import { createProgress } from "./progress";
import { planRecords } from "../../shared/submission/plan";
import { createHttpClient, ServerRefusedError, submissionServer } from "./http-client";
import { commandUpload, receiptLines, reportFailure } from "./submit";
import type { Submission } from "../../shared/protocol/api";

const record = (date: string): DeidentifiedRecord => ({ templateId: "vakt-rapporter", templateVersion: 1, org: "vaktbolaget", date, hour: 3, period: null, categories: { typ: "Klotter" }, nyko: "111", measures: {} });

describe("template arguments", () => {
  it("reads ID and ID@VERSION, and picks the latest version without one", () => {
    expect(parseTemplateArg("polis-anmalningar")).toEqual({ id: "polis-anmalningar" });
    expect(parseTemplateArg("polis-anmalningar@2")).toEqual({ id: "polis-anmalningar", version: 2 });
    expect(parseTemplateArg("polis-anmalningar@x")).toBeNull();
    const v1 = BUILTIN_TEMPLATES.find((t) => t.id === "polis-anmalningar")!;
    const v2 = { ...v1, version: 2 };
    expect(pickTemplateVersion([v1, v2], "polis-anmalningar")).toBe(v2);
    expect(pickTemplateVersion([v1, v2], "polis-anmalningar@1")).toBe(v1);
    expect(pickTemplateVersion([v1], "polis-anmalningar@3")).toBeNull();
  });
});

describe("the command's upload", () => {
  it("streams parts with one upload id and names the sheet row of a refused record; a refusal is exit code 3", async () => {
    const bodies: { part?: { uploadId: string; index: number; count?: number; first: number }; records: unknown[]; idempotencyKey?: string }[] = [];
    const server = createServer((req, res) => {
      let text = "";
      req.on("data", (c: Buffer) => (text += c.toString()));
      req.on("end", () => {
        const body = JSON.parse(text);
        bodies.push(body);
        if (body.part.index === 0) return void res.writeHead(202, { "Content-Type": "application/json" }).end(JSON.stringify({ status: "part-received", uploadId: body.part.uploadId, received: 1 }));
        res.writeHead(422, { "Content-Type": "application/json" }).end(JSON.stringify({ status: "error", reason: "identifying-value", details: { part: 1, issues: [{ row: 1, field: "categories", code: "identifying-value", message: "Rad 2: liknar en personuppgift." }] } }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const client = createHttpClient({ server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, apiKey: "k", sleep: async () => {} });
      const records = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"].map(record);
      const upload = commandUpload(submissionServer(client), createProgress({ write: () => {} }, "", 4), 2);
      [2, 3, 5, 8].forEach((sourceRow, i) => upload.add({ ...records[i], sourceRow }));
      const err = await upload.finish({ id: "vakt-rapporter", version: 1 }).catch((e: unknown) => e);
      const plan = await planRecords({ id: "vakt-rapporter", version: 1 }, records, [2, 3, 5, 8], { partSize: 2 });
      expect(bodies.map((b) => [b.part, b.records.length, b.idempotencyKey])).toEqual([
        [{ uploadId: upload.uploadId, index: 0, first: 0 }, 2, undefined],
        [{ uploadId: upload.uploadId, index: 1, count: 2, first: 2 }, 2, plan.idempotencyKey],
      ]);
      expect(err).toBeInstanceOf(ServerRefusedError);
      // Row 1 of part 1 is the fourth record, which came from sheet row 8.
      expect((err as ServerRefusedError).details).toMatchObject({ issues: [{ row: 1, sheetRow: 8 }] });
      let stderr = "";
      const code = reportFailure(err, { stdout: { write: () => {} }, stderr: { write: (c: string) => (stderr += c) }, env: {} }, false);
      expect(code).toBe(3);
      expect(stderr).toContain("rad 8, fält categories");
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});

describe("receipt", () => {
  it("shows the time of receipt in Stockholm time and the status in Swedish", () => {
    const submission = {
      id: "s-1", status: "pending", createdAt: "2026-07-01T07:15:00.000Z", counts: { rows: 3, located: 2, unlocated: 1 }, periods: [{ period: "2026-06-H2" }], warnings: [],
    } as unknown as Submission;
    const lines = receiptLines({ submission, replay: false } as Parameters<typeof receiptLines>[0]);
    expect(lines[1]).toBe("Kvitto: s-1, status väntar på granskning, 3 rader (2 med område, 1 utan), skickat 2026-07-01 09:15");
  });
});
