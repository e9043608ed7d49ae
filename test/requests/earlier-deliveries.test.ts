// A release that would let the requester recover a cell suppressed in an earlier delivery is reduced: the review
// protects the requested cells together with every value published before. The same request with nothing
// published before is released whole, so the reduction is the earlier delivery's doing.
import request from "supertest";
import { describe, expect, it } from "vitest";
import type { Delivery } from "../../shared/protocol/delivery";
import { grantAndSubscribe, submitApproved, vandalism } from "../helpers/deliveries";
import { makeServer, type TestServer } from "../helpers/server";
import { composedRequest, districts, INDICATOR, PERIOD, review, runRound } from "./helpers";

const COUNTS = { "111": 9, "112": 1, "113": 8, "121": 3, "122": 9 };
const CHILDREN: Record<string, string[]> = { "11": ["111", "112", "113"], "12": ["121", "122"] };
const LEVEL_0_AND_3 = { indicator: INDICATOR, levels: [0, 3], periodTypes: ["halfmonth"] };

async function server(): Promise<TestServer> {
  const s = makeServer();
  await submitApproved(s, vandalism("2026-03-05", COUNTS));
  return s;
}

describe("a request reviewed against earlier deliveries", () => {
  it("is released whole when nothing was published before", async () => {
    const s = await server();
    const id = await composedRequest(s, [districts]);
    const r = await review(s, id);
    const got = new Map(r.review!.cells.filter((c) => c.period === PERIOD).map((c) => [c.nyko, c]));
    expect(got.get("11")).toMatchObject({ value: 18, suppressed: false });
    expect(got.get("12")).toMatchObject({ value: 12, suppressed: false });
    expect(r.review!.allowed).toContain("bifall");
  });

  it("withholds district values that, with the delivered NYKO-3 cells, would give the suppressed cell away", async () => {
    const s = await server();
    await grantAndSubscribe(s, "polisen", LEVEL_0_AND_3);
    await runRound(s);
    const delivered = (await request(s.app).get("/api/deliveries/latest").set(await s.as("polisen"))).body as Delivery;
    const cell = (nyko: string | null) => delivered.cells.find((c) => c.nyko === nyko && c.period === PERIOD)!;
    expect(cell("112")).toMatchObject({ suppressed: true, value: null });
    expect(cell(null)).toMatchObject({ value: 30, suppressed: false });
    // The fixture: in the district of the suppressed cell it is the only unknown one (its complement lies elsewhere),
    // so a released district value would give it away.
    const unknownIn11 = CHILDREN["11"].filter((n) => cell(n).suppressed);
    expect(unknownIn11).toEqual(["112"]);

    const id = await composedRequest(s, [districts]);
    const r = (await review(s, id)).review!;
    expect(r.mode).toBe("protected");
    expect(r.audit.earlierFacts).toBeGreaterThan(0);
    const got = new Map(r.cells.filter((c) => c.period === PERIOD).map((c) => [c.nyko, c]));
    // District 11 = 111 + 112 + 113 with 111 and 113 delivered: it must not be released, nor may it be derivable as
    // the municipality total less district 12.
    expect(got.get("11")!.suppressed).toBe(true);
    expect(got.get("11")!.value).toBeNull();
    expect(got.get("12")!.suppressed).toBe(true);
    expect(r.suppressed).toBeGreaterThanOrEqual(2);
    expect(r.allowed).not.toContain("bifall");
    // The release file holds no withheld value.
    const csv = await request(s.app).get(`/api/requests/${id}/release.csv`).set(await s.as("huvudman"));
    expect(csv.status).toBe(200);
    const rows = csv.text.split("\r\n").filter((l) => l.includes(`;${PERIOD};`));
    for (const nyko of ["11", "12"]) expect(rows.find((l) => l.split(";")[2] === nyko)).toMatch(/;\.\.;ja$/);
  }, 60_000);
});
