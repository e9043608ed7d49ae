import { describe, expect, it } from "vitest";
import type { RequestView } from "../../shared/protocol/requests";
import { createMemoryWorkbook } from "../testing/memory-workbook";
import { createFakeClient } from "../testing/fake-client";
import { decideRequestSheet, readRequestSheet, reviewRequestSheet, writeRegisterSheet, writeRequestSheet } from "./requests";

const REVIEW: NonNullable<RequestView["review"]> = {
  id: 1, reviewedAt: "2026-03-20T10:00:00.000Z", mode: "protected", released: 1, suppressed: 1, finerThanGrain: 0,
  audit: { ok: true, failures: 0, earlierFacts: 12, primary: 1, secondary: 1 },
  cells: [
    { indicator: "skadegorelse-klotter", nyko: "11", level: 2, periodType: "halfmonth", period: "2026-03-H1", value: null, suppressed: true },
    { indicator: "skadegorelse-klotter", nyko: null, level: 0, periodType: "halfmonth", period: "2026-03-H1", value: 30, suppressed: false },
  ],
  notes: [], files: { xlsxSha256: "a".repeat(64), csvSha256: "b".repeat(64) }, stale: false, allowed: ["delvis-bifall", "avslag"],
};

describe("request sheet (Begäran)", () => {
  it("registers, composes and reviews a new request from the sheet, and writes what passed", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    client.reviewAnswer = () => REVIEW;
    const sheet = await writeRequestSheet(wb, null, new Date("2026-03-20T09:00:00Z"));
    expect(sheet).toBe("Begäran");
    expect(wb.cell(sheet, "B6")).toBe("2026-03-20");
    await wb.writeValues(sheet, "B7", [["Lokaltidningen"], ["Skadegörelse per område i mars"]]);
    await wb.writeValues(sheet, "A14", [
      ["Ja", "skadegorelse-klotter", "Kommun, NYKO 2", "halvmånad", "2026-03-H1", "", ""],
      ["Nej", "Polisens enskilda anmälningar", "", "", "", "OSL 35 kap. 1 § (brottsutredning och polisens verksamhet)", "Förundersökningssekretess."],
    ]);
    const r = await reviewRequestSheet(wb, client);
    expect(r.ok).toBe(true);
    expect(client.calls.find((c) => c.method === "registerRequest")!.args[0]).toEqual({ receivedDate: "2026-03-20", requester: "Lokaltidningen", subject: "Skadegörelse per område i mars" });
    expect(client.calls.find((c) => c.method === "composeRequest")!.args[1]).toEqual({
      items: [{ indicator: "skadegorelse-klotter", levels: [0, 2], periodType: "halfmonth", periods: ["2026-03-H1"] }],
      refused: [{ part: "Polisens enskilda anmälningar", ground: "osl-35-1", comment: "Förundersökningssekretess." }],
    });
    expect(wb.cell("Begäran", "B5")).toBe(1);
    expect(wb.cell("Utlämnande", "F7")).toBe("..");
    expect(wb.cell("Utlämnande", "F8")).toBe(30);
    expect(String(wb.cell("Utlämnande", "A4"))).toContain("Delvis bifall");

    await expect(decideRequestSheet(wb, client, "bifall", "Allt")).rejects.toThrow(/medger inte/);
    const decided = await decideRequestSheet(wb, client, "delvis-bifall", "Små tal skyddas.");
    expect(decided.decision).toBe("delvis-bifall");
    expect(wb.cell("Begäran", "B10")).toBe("Beslutad: Delvis bifall");
    const reg = await writeRegisterSheet(wb, client);
    expect(reg).toMatchObject({ open: 0, overdue: 0 });
    expect(wb.cell(reg.sheet, "D4")).toBe("Lokaltidningen");
  });

  it("names the cell of every problem and sends nothing", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    const sheet = await writeRequestSheet(wb, null, new Date("2026-03-20T09:00:00Z"));
    await wb.writeValues(sheet, "A14", [
      ["Ja", "skadegorelse-klotter", "NYKO 7", "månad", "2026-03-H1", "", ""],
      ["Nej", "Något", "", "", "", "", ""],
    ]);
    const read = await readRequestSheet(wb, sheet);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.issues.map((i) => i.cell)).toEqual(["B7", "B8", "C14", "E14", "F15", "G15"]);
    const r = await reviewRequestSheet(wb, client);
    expect(r.ok).toBe(false);
    expect(client.calls.filter((c) => c.method !== "request")).toEqual([]);
  });
});
