// Released values are published facts: a later delivery round protects its cells with them as known. Without the
// release, the round's complement to a small NYKO-3 cell lies in another district; with the district values
// released, a lone suppressed cell in a district would be given away, so the round suppresses at least two there.
import request from "supertest";
import { describe, expect, it } from "vitest";
import type { Delivery } from "../../shared/protocol/delivery";
import { earlierFacts } from "../../sync-server/stores/deliveries";
import { grantAndSubscribe, submitApproved, vandalism } from "../helpers/deliveries";
import { makeServer, type TestServer } from "../helpers/server";
import { composedRequest, decide, districts, INDICATOR, PERIOD, review, runRound } from "./helpers";

const COUNTS = { "111": 9, "112": 1, "113": 8, "121": 3, "122": 9 };
const LEVEL_0_AND_3 = { indicator: INDICATOR, levels: [0, 3], periodTypes: ["halfmonth"] };

async function suppressedIn11(s: TestServer): Promise<string[]> {
  const d = (await request(s.app).get("/api/deliveries/latest").set(await s.as("polisen"))).body as Delivery;
  return ["111", "112", "113"].filter((n) => d.cells.find((c) => c.nyko === n && c.period === PERIOD)!.suppressed);
}

describe("released values in later delivery rounds", () => {
  it("are fixed facts: the round protects the small cell within the released district", async () => {
    const control = makeServer();
    await submitApproved(control, vandalism("2026-03-05", COUNTS));
    await grantAndSubscribe(control, "polisen", LEVEL_0_AND_3);
    await runRound(control);
    // Without the release, 112 is the only suppressed cell in district 11 (the fixture).
    expect(await suppressedIn11(control)).toEqual(["112"]);

    const s = makeServer();
    await submitApproved(s, vandalism("2026-03-05", COUNTS));
    const id = await composedRequest(s, [districts]);
    const r = (await review(s, id)).review!;
    expect(r.cells.filter((c) => c.period === PERIOD && !c.suppressed).map((c) => [c.nyko, c.value])).toEqual(expect.arrayContaining([["11", 18], ["12", 12]]));
    expect((await decide(s, id, "bifall", "Allt kan lämnas ut.")).status).toBe(200);
    expect(earlierFacts(s.db).get(`${INDICATOR}|11|${PERIOD}`)).toBe(18);

    await grantAndSubscribe(s, "polisen", LEVEL_0_AND_3);
    await runRound(s);
    const hidden = await suppressedIn11(s);
    expect(hidden).toContain("112");
    expect(hidden.length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it("an avslag publishes nothing", async () => {
    const s = makeServer();
    await submitApproved(s, vandalism("2026-03-05", COUNTS));
    const id = await composedRequest(s, [districts]);
    await review(s, id);
    expect((await decide(s, id, "avslag", "Uppgifterna omfattas av sekretess.")).status).toBe(200);
    expect(earlierFacts(s.db).size).toBe(0);
  }, 60_000);
});
