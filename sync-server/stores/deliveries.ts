// Delivery settings, rounds and the numbered snapshots per organisation.
import type { Delivery } from "../../shared/protocol/delivery";
import type { Db } from "../db/database";

export interface DeliverySettings {
  /** Days of the month a scheduled delivery runs (1–28). */
  days: number[];
  hour: number;
  minute: number;
  /** Whole days after a half-month ends until its submission deadline. */
  deadlineDays: number;
  /** T of primary suppression (3 or 5). */
  threshold: number;
  /** How many months back a delivery reaches. */
  historyMonths: number;
}

export const DEFAULT_DELIVERY_SETTINGS: DeliverySettings = { days: [5, 20], hour: 6, minute: 0, deadlineDays: 4, threshold: 3, historyMonths: 12 };

export function getDeliverySettings(db: Db): DeliverySettings {
  const row = db.prepare("SELECT value FROM delivery_settings WHERE key = 'settings'").get() as { value: string } | undefined;
  return { ...DEFAULT_DELIVERY_SETTINGS, ...(row ? (JSON.parse(row.value) as Partial<DeliverySettings>) : {}) };
}

export function setDeliverySettings(db: Db, s: DeliverySettings, by: string, at: string): void {
  db.prepare(
    "INSERT INTO delivery_settings (key, value, updated_at, updated_by) VALUES ('settings', ?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
  ).run(JSON.stringify(s), at, by);
}

export type RoundStatus = "sent" | "audit-failed" | "fail-closed" | "empty";

export interface RoundRow {
  id: number;
  slot: string;
  ran_at: string;
  last_period: string | null;
  status: RoundStatus;
  summary: string;
  facts: string;
}

export function roundBySlot(db: Db, slot: string): RoundRow | undefined {
  return db.prepare("SELECT * FROM delivery_rounds WHERE slot = ?").get(slot) as RoundRow | undefined;
}

export function latestRound(db: Db): RoundRow | undefined {
  return db.prepare("SELECT * FROM delivery_rounds ORDER BY id DESC LIMIT 1").get() as RoundRow | undefined;
}

export function listRounds(db: Db): Omit<RoundRow, "facts">[] {
  return db.prepare("SELECT id, slot, ran_at, last_period, status, summary FROM delivery_rounds ORDER BY id").all() as Omit<RoundRow, "facts">[];
}

/** The rounds as the huvudman reads them: the stored row with its summary parsed. */
export function listRoundSummaries(db: Db): (Omit<RoundRow, "facts" | "summary"> & { summary: unknown })[] {
  return listRounds(db).map((r) => ({ ...r, summary: JSON.parse(r.summary) as unknown }));
}

/**
 * Everything published so far, as facts (cell id → latest published value): the values of every earlier delivery
 * round, and of every request for public documents decided with a release (bifall or delvis bifall), in the order
 * they were published.
 */
export function earlierFacts(db: Db): Map<string, number> {
  const out = new Map<string, number>();
  const rows = db
    .prepare(
      `SELECT facts FROM (
         SELECT facts, ran_at AS at, 0 AS kind, id FROM delivery_rounds
         UNION ALL
         SELECT rv.facts, r.decided_at AS at, 1 AS kind, rv.id FROM requests r JOIN request_reviews rv ON rv.id = r.decided_review_id
         WHERE r.decision IN ('bifall', 'delvis-bifall')
       ) ORDER BY at, kind, id`,
    )
    .all() as { facts: string }[];
  for (const r of rows) {
    for (const [id, v] of Object.entries(JSON.parse(r.facts) as Record<string, number>)) out.set(id, v);
  }
  return out;
}

/** Changes whenever something is published (a delivery round, a released request): a review made before is stale. */
export function publishedVersion(db: Db): string {
  const r = db
    .prepare(
      "SELECT (SELECT coalesce(max(id), 0) FROM delivery_rounds) AS rounds, (SELECT coalesce(max(decided_review_id), 0) FROM requests WHERE decision IN ('bifall', 'delvis-bifall')) AS releases",
    )
    .get() as { rounds: number; releases: number };
  return `rounds:${r.rounds}|releases:${r.releases}`;
}

export function insertRound(db: Db, r: Omit<RoundRow, "id">): number {
  const info = db
    .prepare("INSERT INTO delivery_rounds (slot, ran_at, last_period, status, summary, facts) VALUES (?, ?, ?, ?, ?, ?)")
    .run(r.slot, r.ran_at, r.last_period, r.status, r.summary, r.facts);
  return Number(info.lastInsertRowid);
}

export function nextDeliveryNumber(db: Db, org: string): number {
  const r = db.prepare("SELECT max(number) AS n FROM deliveries WHERE org_id = ?").get(org) as { n: number | null };
  return (r.n ?? 0) + 1;
}

/** Stores a delivery already serialised (`json` is the Delivery as JSON, made off the event loop). */
export function insertDeliveryJson(db: Db, d: { org: string; number: number; roundId: number; createdAt: string }, json: string): void {
  db.prepare("INSERT INTO deliveries (org_id, number, round_id, created_at, json) VALUES (?, ?, ?, ?, ?)").run(d.org, d.number, d.roundId, d.createdAt, json);
}

export function getDelivery(db: Db, org: string, number?: number): Delivery | null {
  const r = (
    number === undefined
      ? db.prepare("SELECT json FROM deliveries WHERE org_id = ? ORDER BY number DESC LIMIT 1").get(org)
      : db.prepare("SELECT json FROM deliveries WHERE org_id = ? AND number = ?").get(org, number)
  ) as { json: string } | undefined;
  return r ? (JSON.parse(r.json) as Delivery) : null;
}

/** How many deliveries a round made. */
export function countRoundDeliveries(db: Db, roundId: number): number {
  return (db.prepare("SELECT count(*) AS n FROM deliveries WHERE round_id = ?").get(roundId) as { n: number }).n;
}

export function listDeliveries(db: Db, org: string): { number: number; createdAt: string; roundId: number }[] {
  return (db.prepare("SELECT number, created_at, round_id FROM deliveries WHERE org_id = ? ORDER BY number").all(org) as { number: number; created_at: string; round_id: number }[]).map(
    (r) => ({ number: r.number, createdAt: r.created_at, roundId: r.round_id }),
  );
}

/** A delivery to a reader below the huvudman, with its round. */
export interface PublishedDeliveryRow {
  roundId: number;
  ranAt: string;
  json: string;
}

/**
 * Every delivery made to an organisation that is not a huvudman (what was published), oldest round first, as stored
 * JSON: read one at a time, so a long history is never held at once.
 */
export function* publishedDeliveries(db: Db): Generator<PublishedDeliveryRow> {
  const rows = db
    .prepare(
      `SELECT d.round_id AS roundId, r.ran_at AS ranAt, d.json AS json FROM deliveries d
       JOIN organisations o ON o.id = d.org_id JOIN delivery_rounds r ON r.id = d.round_id
       WHERE o.is_huvudman = 0 ORDER BY d.round_id, d.org_id`,
    )
    .iterate() as IterableIterator<PublishedDeliveryRow>;
  yield* rows;
}
