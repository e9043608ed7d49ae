import { describe, expect, it } from "vitest";
import { createMemoryWorkbook } from "../testing/memory-workbook";
import { createFakeClient, submissionFixture } from "../testing/fake-client";
import { REVIEW_COLUMNS, syncReview, writeReviewSheet } from "./review";

const colLetter = (name: string) => String.fromCharCode(65 + REVIEW_COLUMNS.indexOf(name as (typeof REVIEW_COLUMNS)[number]));

describe("review flow", () => {
  it("lists submissions with a decision dropdown and sends each decision with its own outcome", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    client.stored.push(
      submissionFixture({ id: "a1", org: "polisen", counts: { rows: 200, located: 198, unlocated: 2 } }),
      submissionFixture({ id: "b2", org: "vaktbolaget" }),
      submissionFixture({ id: "c3", org: "brandforsvaret" }),
      submissionFixture({ id: "d4", org: "bostadsbolaget" }),
    );
    const sheet = await writeReviewSheet(wb, await client.reviewQueue());
    const beslut = colLetter("Beslut");
    expect(wb.dropdownOf(sheet, `${beslut}4`)).toEqual(["Godkänn", "Returnera"]);
    expect(wb.cell(sheet, "A3")).toBe("Id");
    expect(wb.cell(sheet, "A4")).toBe("a1");
    expect(wb.cell(sheet, `${colLetter("Rader")}4`)).toBe(200);
    // Received 2026-03-02T08:00Z, shown in Stockholm time.
    expect(wb.cell(sheet, `${colLetter("Inkommet")}4`)).toBe("2026-03-02 09:00");

    // a1 approve; b2 return with comment; c3 return without comment; d4 was approved elsewhere meanwhile.
    const k = colLetter("Kommentar");
    await wb.writeValues(sheet, `${beslut}4`, [["Godkänn"], ["Returnera"], ["Returnera"], ["Godkänn"]]);
    await wb.writeValues(sheet, `${k}5`, [["Datum saknas för mars"]]);
    client.stored[3].status = "approved";

    const { outcomes } = await syncReview(wb, client);
    const byId = Object.fromEntries(outcomes.map((o) => [o.id, o]));
    expect(byId.a1.ok).toBe(true);
    expect(byId.b2.ok).toBe(true);
    expect(byId.c3).toMatchObject({ ok: false });
    expect(byId.c3.message).toMatch(/kommentar/);
    expect(byId.d4).toMatchObject({ ok: false });
    expect(byId.d4.message).toMatch(/ändrats sedan bladet skrevs/);
    expect(client.stored.map((s) => s.status)).toEqual(["approved", "returned", "pending", "approved"]);
    expect(client.stored[1].comment).toBe("Datum saknas för mars");
    expect(client.calls.filter((c) => c.method === "approve").map((c) => c.args[0])).toEqual(["a1"]);

    // The sheet is rewritten with the outcomes beside each submission; refused ones are filled.
    const { values } = await wb.readUsedRange(sheet);
    const header = values[2];
    const rows = values.slice(3);
    const result = (id: string) => String(rows.find((r) => r[0] === id)?.[header.indexOf("Resultat")]);
    expect(result("a1")).toMatch(/^Godkänd/);
    expect(result("c3")).toMatch(/^Ej skickat/);
    const c3Row = rows.findIndex((r) => r[0] === "c3") + 4;
    expect(wb.fillOf(sheet, `${colLetter("Resultat")}${c3Row}`)).toBe("#FDE7E9");
  });

  it("reports a locked submission per row with the Swedish text", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    client.stored.push(submissionFixture({ id: "x1" }));
    const sheet = await writeReviewSheet(wb, await client.reviewQueue());
    await wb.writeValues(sheet, `${colLetter("Beslut")}4`, [["Godkänn"]]);
    client.failNext("approve", "submission-locked", 409);
    const { outcomes } = await syncReview(wb, client);
    expect(outcomes[0]).toMatchObject({ ok: false });
    expect(outcomes[0].message).toContain("Inskicket är låst");
  });

  it("shows which approved half-months an approval would replace, refuses it without Ja in Bekräfta ersättning and sends it with", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient();
    const replaces = [{ period: "2025-01-H1", approvedSubmission: "old-1", approvedRows: 901, newRows: 250 }];
    client.stored.push(submissionFixture({ id: "r1", periods: [{ period: "2025-01-H1", rows: 250, supersededBy: null }], replaces }), submissionFixture({ id: "n2", replaces: [] }));
    const sheet = await writeReviewSheet(wb, await client.reviewQueue());
    expect(wb.cell(sheet, `${colLetter("Ersätter godkänt")}4`)).toBe("2025-01-H1: ersätter 901 godkända rader med 250");
    expect(wb.cell(sheet, `${colLetter("Ersätter godkänt")}5`) ?? "").toBe("");
    expect(wb.dropdownOf(sheet, `${colLetter("Bekräfta ersättning")}4`)).toEqual(["Ja"]);

    // Approved without confirmation: refused, and the outcome names the half-month and the counts.
    await wb.writeValues(sheet, `${colLetter("Beslut")}4`, [["Godkänn"], ["Godkänn"]]);
    const first = await syncReview(wb, client);
    const r1 = first.outcomes.find((o) => o.id === "r1")!;
    expect(r1.ok).toBe(false);
    expect(r1.message).toContain("2025-01-H1: ersätter 901 godkända rader med 250");
    expect(r1.message).toMatch(/Bekräfta ersättning/);
    expect(first.outcomes.find((o) => o.id === "n2")!.ok).toBe(true);
    expect(client.stored[0].status).toBe("pending");

    // With Ja in Bekräfta ersättning: sent with the confirmation and approved.
    await wb.writeValues(sheet, `${colLetter("Beslut")}4`, [["Godkänn"]]);
    await wb.writeValues(sheet, `${colLetter("Bekräfta ersättning")}4`, [["Ja"]]);
    const second = await syncReview(wb, client);
    expect(second.outcomes.find((o) => o.id === "r1")!.ok).toBe(true);
    expect(client.stored[0].status).toBe("approved");
    expect(client.calls.filter((c) => c.method === "approve" && c.args[0] === "r1").map((c) => c.args[2])).toEqual([false, true]);
  });
});
