import { describe, expect, it } from "vitest";
import { openDatabase } from "../db/database";
import { migrate } from "../db/migrate";
import {
  commitRound, DELIVERY_PART_CHARS, discardSavingRounds, getDelivery, insertDeliveryJson, insertSavingRound, jsonParts, listDeliveries, nextDeliveryNumber,
} from "./deliveries";

function database() {
  const db = openDatabase(":memory:");
  migrate(db);
  db.prepare("INSERT INTO organisations (id, name, kind, is_huvudman, created_at) VALUES ('kommunen', 'Kommunen', 'kommun', 1, '2026-01-01')").run();
  return db;
}

/** A delivery-shaped object of about `cells` cells, with text outside the BMP (two UTF-16 units a character). */
function bigDelivery(number: number, cells: number) {
  return { org: "kommunen", number, notes: ["Område 🏠 och 𝔸"], cells: Array.from({ length: cells }, (_, i) => ({ nyko: String(100 + (i % 300)), value: i, note: i % 7 ? null : "🔥" })) };
}

describe("delivery storage in parts", () => {
  it("cuts JSON into parts of bounded size, never inside a surrogate pair, and joins back to the same text", () => {
    const text = "a🏠".repeat(10);
    for (const size of [2, 3, 4, 5]) {
      const parts = jsonParts(text, size);
      expect(parts.join("")).toBe(text);
      for (const p of parts) {
        expect(p.length).toBeLessThanOrEqual(size);
        expect(p.length).toBeGreaterThan(0);
        expect(p.charCodeAt(p.length - 1) >= 0xd800 && p.charCodeAt(p.length - 1) <= 0xdbff).toBe(false);
      }
    }
    expect(jsonParts("")).toEqual([""]);
  });

  it("stores a large delivery in several parts and reads it back whole, once its round is committed", () => {
    const db = database();
    const roundId = insertSavingRound(db, { slot: "s1", ran_at: "2026-03-05", last_period: "2026-02-H2", facts: "{}" });
    const delivery = bigDelivery(1, 20_000);
    const json = JSON.stringify(delivery);
    expect(json.length).toBeGreaterThan(2 * DELIVERY_PART_CHARS);
    insertDeliveryJson(db, { org: "kommunen", number: nextDeliveryNumber(db, "kommunen"), roundId, createdAt: "2026-03-05" }, json);
    const parts = (db.prepare("SELECT parts FROM deliveries").get() as { parts: number }).parts;
    expect(parts).toBe(jsonParts(json).length);
    expect(db.prepare("SELECT count(*) AS n FROM delivery_parts").get()).toEqual({ n: parts - 1 });
    // Being saved: nobody reads it.
    expect(getDelivery(db, "kommunen")).toBeNull();
    expect(listDeliveries(db, "kommunen")).toEqual([]);
    commitRound(db, roundId, "sent", "{}");
    expect(getDelivery(db, "kommunen")).toEqual(delivery);
    expect(getDelivery(db, "kommunen", 1)).toEqual(delivery);
    expect(() => db.prepare("UPDATE delivery_parts SET text = 'x' WHERE seq = 1").run()).toThrow(/delivery-immutable/);
  });

  it("deletes the rows and parts of rounds left in `saving`, and only those", () => {
    const db = database();
    const kept = insertSavingRound(db, { slot: "s1", ran_at: "2026-03-05", last_period: "2026-02-H2", facts: "{}" });
    insertDeliveryJson(db, { org: "kommunen", number: 1, roundId: kept, createdAt: "2026-03-05" }, JSON.stringify(bigDelivery(1, 20_000)));
    commitRound(db, kept, "sent", "{}");
    const left = insertSavingRound(db, { slot: "s2", ran_at: "2026-03-20", last_period: "2026-03-H1", facts: "{}" });
    insertDeliveryJson(db, { org: "kommunen", number: nextDeliveryNumber(db, "kommunen"), roundId: left, createdAt: "2026-03-20" }, JSON.stringify(bigDelivery(2, 20_000)));
    const partsBefore = (db.prepare("SELECT count(*) AS n FROM delivery_parts").get() as { n: number }).n;

    expect(discardSavingRounds(db)).toEqual([left]);
    expect(db.prepare("SELECT id, status FROM delivery_rounds").all()).toEqual([{ id: kept, status: "sent" }]);
    expect(db.prepare("SELECT number FROM deliveries").all()).toEqual([{ number: 1 }]);
    expect((db.prepare("SELECT count(*) AS n FROM delivery_parts").get() as { n: number }).n).toBe(partsBefore / 2);
    expect(getDelivery(db, "kommunen")).toEqual(bigDelivery(1, 20_000));
    expect(discardSavingRounds(db)).toEqual([]);
  });
});
