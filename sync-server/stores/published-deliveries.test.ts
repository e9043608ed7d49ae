// What the yearly analysis and the intervention evaluation read as published: every delivery to an organisation
// below the huvudman, its stored parts joined, oldest round first; never the huvudman's, never a round being saved.
import { describe, expect, it } from "vitest";
import { openDatabase } from "../db/database";
import { migrate } from "../db/migrate";
import { commitRound, DELIVERY_PART_CHARS, insertDeliveryJson, insertSavingRound, publishedDeliveries } from "./deliveries";

function database() {
  const db = openDatabase(":memory:");
  migrate(db);
  const org = db.prepare("INSERT INTO organisations (id, name, kind, is_huvudman, created_at) VALUES (?, ?, ?, ?, '2026-01-01')");
  org.run("kommunen", "Kommunen", "kommun", 1);
  org.run("polisen", "Polisen", "polis", 0);
  org.run("skolan", "Skolan", "skola", 0);
  return db;
}

const round = (db: ReturnType<typeof database>, slot: string, commit: boolean) => {
  const id = insertSavingRound(db, { slot, ran_at: `${slot}:00.000Z`, last_period: null, facts: "{}" });
  return { id, commit: () => (commit ? commitRound(db, id, "sent", "{}") : undefined) };
};

describe("publishedDeliveries", () => {
  it("joins a delivery's parts and leaves out the huvudman's view and rounds still being saved", () => {
    const db = database();
    const big = JSON.stringify({ org: "polisen", cells: Array.from({ length: 40_000 }, (_, i) => ({ nyko: "111", value: i })) });
    expect(big.length).toBeGreaterThan(DELIVERY_PART_CHARS);
    const r1 = round(db, "2026-11-05T05:00", true);
    insertDeliveryJson(db, { org: "skolan", number: 1, roundId: r1.id, createdAt: "2026-11-05T05:00:00.000Z" }, JSON.stringify({ org: "skolan" }));
    insertDeliveryJson(db, { org: "polisen", number: 1, roundId: r1.id, createdAt: "2026-11-05T05:00:00.000Z" }, big);
    insertDeliveryJson(db, { org: "kommunen", number: 1, roundId: r1.id, createdAt: "2026-11-05T05:00:00.000Z" }, JSON.stringify({ org: "kommunen", unsuppressed: true }));
    r1.commit();
    const r2 = round(db, "2026-11-20T05:00", false);
    insertDeliveryJson(db, { org: "polisen", number: 2, roundId: r2.id, createdAt: "2026-11-20T05:00:00.000Z" }, JSON.stringify({ org: "polisen", saving: true }));
    const rows = [...publishedDeliveries(db)];
    expect(rows.map((r) => [r.roundId, (JSON.parse(r.json) as { org: string }).org])).toEqual([[r1.id, "polisen"], [r1.id, "skolan"]]);
    expect(rows[0].json).toBe(big);
    expect(rows[0].ranAt).toBe("2026-11-05T05:00:00.000Z");
  });
});
