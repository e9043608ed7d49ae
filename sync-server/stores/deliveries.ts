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

/**
 * A round being saved: its deliveries are staged across event-loop turns (`stageRoundDeliveries`) and no reader sees
 * the round or its deliveries until `commitRound` gives it its real status. A round left in this state by a killed
 * process is deleted at the next start (`discardSavingRounds`).
 */
export const SAVING = "saving";
/** Only rounds a reader may see (every status but `saving`). */
const VISIBLE = `status <> '${SAVING}'`;

export interface RoundRow {
  id: number;
  slot: string;
  ran_at: string;
  last_period: string | null;
  status: RoundStatus;
  summary: string;
  facts: string;
}

/** Whether the slot has a round, stored or being saved (a slot is run once). */
export function slotTaken(db: Db, slot: string): boolean {
  return db.prepare("SELECT 1 FROM delivery_rounds WHERE slot = ?").get(slot) !== undefined;
}

export function latestRound(db: Db): RoundRow | undefined {
  return db.prepare(`SELECT * FROM delivery_rounds WHERE ${VISIBLE} ORDER BY id DESC LIMIT 1`).get() as RoundRow | undefined;
}

export function listRounds(db: Db): Omit<RoundRow, "facts">[] {
  return db.prepare(`SELECT id, slot, ran_at, last_period, status, summary FROM delivery_rounds WHERE ${VISIBLE} ORDER BY id`).all() as Omit<RoundRow, "facts">[];
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
         SELECT facts, ran_at AS at, 0 AS kind, id FROM delivery_rounds WHERE ${VISIBLE}
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
      `SELECT (SELECT coalesce(max(id), 0) FROM delivery_rounds WHERE ${VISIBLE}) AS rounds, (SELECT coalesce(max(decided_review_id), 0) FROM requests WHERE decision IN ('bifall', 'delvis-bifall')) AS releases`,
    )
    .get() as { rounds: number; releases: number };
  return `rounds:${r.rounds}|releases:${r.releases}`;
}

/** Stores a round in status `saving`, invisible to readers until `commitRound`. */
export function insertSavingRound(db: Db, r: Omit<RoundRow, "id" | "status" | "summary">): number {
  const info = db
    .prepare("INSERT INTO delivery_rounds (slot, ran_at, last_period, status, summary, facts) VALUES (?, ?, ?, ?, '{}', ?)")
    .run(r.slot, r.ran_at, r.last_period, SAVING, r.facts);
  return Number(info.lastInsertRowid);
}

/** Makes a round being saved visible, with its real status and summary: one small write. */
export function commitRound(db: Db, id: number, status: RoundStatus, summary: string): void {
  const info = db.prepare(`UPDATE delivery_rounds SET status = ?, summary = ? WHERE id = ? AND status = '${SAVING}'`).run(status, summary, id);
  if (info.changes !== 1) throw new Error(`delivery round ${id} is not being saved`);
}

/** Deletes a round being saved and its staged deliveries (nothing of it was ever visible). */
export function discardSavingRound(db: Db, id: number): void {
  db.prepare(
    `DELETE FROM delivery_parts WHERE (org_id, number) IN (SELECT d.org_id, d.number FROM deliveries d JOIN delivery_rounds r ON r.id = d.round_id WHERE d.round_id = ? AND r.status = '${SAVING}')`,
  ).run(id);
  db.prepare(`DELETE FROM deliveries WHERE round_id = ? AND round_id IN (SELECT id FROM delivery_rounds WHERE status = '${SAVING}')`).run(id);
  db.prepare(`DELETE FROM delivery_rounds WHERE id = ? AND status = '${SAVING}'`).run(id);
}

/** Deletes every round left in `saving` and its staged deliveries; returns the ids deleted. */
export function discardSavingRounds(db: Db): number[] {
  const ids = (db.prepare(`SELECT id FROM delivery_rounds WHERE status = '${SAVING}' ORDER BY id`).all() as { id: number }[]).map((r) => r.id);
  for (const id of ids) discardSavingRound(db, id);
  return ids;
}

/** The next number of an organisation's deliveries, counting those being saved (numbers are never reused while staged). */
export function nextDeliveryNumber(db: Db, org: string): number {
  const r = db.prepare("SELECT max(number) AS n FROM deliveries WHERE org_id = ?").get(org) as { n: number | null };
  return (r.n ?? 0) + 1;
}

/** A stored delivery's JSON is cut into parts of at most this many UTF-16 code units (some 256 kB). */
export const DELIVERY_PART_CHARS = 256 * 1024;

/** `json` cut into parts of at most `size` code units, never between the two halves of a surrogate pair. */
export function jsonParts(json: string, size: number = DELIVERY_PART_CHARS): string[] {
  const parts: string[] = [];
  for (let at = 0; at < json.length || parts.length === 0; ) {
    let end = Math.min(json.length, at + size);
    const last = json.charCodeAt(end - 1);
    if (end < json.length && end - at > 1 && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(json.slice(at, end));
    at = end;
  }
  return parts;
}

export interface DeliveryKey {
  org: string;
  number: number;
  roundId: number;
  createdAt: string;
}

/** Stores a delivery's row with the first of its `parts` parts of JSON; the rest follow with `insertDeliveryPart`. */
export function insertDeliveryHead(db: Db, d: DeliveryKey, first: string, parts: number): void {
  db.prepare("INSERT INTO deliveries (org_id, number, round_id, created_at, json, parts) VALUES (?, ?, ?, ?, ?, ?)").run(d.org, d.number, d.roundId, d.createdAt, first, parts);
}

/** Stores part `seq` (1, 2, …: the row holds part 0) of a delivery's JSON. */
export function insertDeliveryPart(db: Db, org: string, number: number, seq: number, text: string): void {
  db.prepare("INSERT INTO delivery_parts (org_id, number, seq, text) VALUES (?, ?, ?, ?)").run(org, number, seq, text);
}

/** Stores a delivery already serialised (`json` is the Delivery as JSON, made off the event loop), all parts at once. */
export function insertDeliveryJson(db: Db, d: DeliveryKey, json: string): void {
  const parts = jsonParts(json);
  insertDeliveryHead(db, d, parts[0], parts.length);
  for (let i = 1; i < parts.length; i++) insertDeliveryPart(db, d.org, d.number, i, parts[i]);
}

export function getDelivery(db: Db, org: string, number?: number): Delivery | null {
  const r = (
    number === undefined
      ? db.prepare(`SELECT d.number, d.json, d.parts FROM deliveries d JOIN delivery_rounds r ON r.id = d.round_id WHERE d.org_id = ? AND r.${VISIBLE} ORDER BY d.number DESC LIMIT 1`).get(org)
      : db.prepare(`SELECT d.number, d.json, d.parts FROM deliveries d JOIN delivery_rounds r ON r.id = d.round_id WHERE d.org_id = ? AND d.number = ? AND r.${VISIBLE}`).get(org, number)
  ) as { number: number; json: string; parts: number } | undefined;
  return r ? (JSON.parse(wholeJson(db, org, r.number, r)) as Delivery) : null;
}

/** A stored delivery's whole JSON: its first part (in `deliveries`) and, when there are more, the rest joined. */
function wholeJson(db: Db, org: string, number: number, head: { json: string; parts: number }): string {
  if (head.parts === 1) return head.json;
  const rest = db.prepare("SELECT text FROM delivery_parts WHERE org_id = ? AND number = ? ORDER BY seq").pluck().all(org, number) as string[];
  if (rest.length !== head.parts - 1) throw new Error(`delivery ${org} ${number}: ${rest.length + 1} of ${head.parts} parts stored`);
  return head.json + rest.join("");
}

/** How many deliveries a round made. */
export function countRoundDeliveries(db: Db, roundId: number): number {
  return (db.prepare("SELECT count(*) AS n FROM deliveries WHERE round_id = ?").get(roundId) as { n: number }).n;
}

export function listDeliveries(db: Db, org: string): { number: number; createdAt: string; roundId: number }[] {
  return (db.prepare(`SELECT number, created_at, round_id FROM deliveries d JOIN delivery_rounds r ON r.id = d.round_id WHERE d.org_id = ? AND r.${VISIBLE} ORDER BY d.number`).all(org) as { number: number; created_at: string; round_id: number }[]).map(
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
 * JSON (its parts joined): read one at a time, so a long history is never held at once. A round still being saved is
 * not published.
 */
export function* publishedDeliveries(db: Db): Generator<PublishedDeliveryRow> {
  const keys = db
    .prepare(
      `SELECT d.org_id AS org, d.number AS number, d.round_id AS roundId, r.ran_at AS ranAt FROM deliveries d
       JOIN organisations o ON o.id = d.org_id JOIN delivery_rounds r ON r.id = d.round_id
       WHERE o.is_huvudman = 0 AND r.${VISIBLE} ORDER BY d.round_id, d.org_id`,
    )
    .all() as { org: string; number: number; roundId: number; ranAt: string }[];
  const head = db.prepare("SELECT json, parts FROM deliveries WHERE org_id = ? AND number = ?");
  for (const k of keys) {
    const h = head.get(k.org, k.number) as { json: string; parts: number } | undefined;
    if (h) yield { roundId: k.roundId, ranAt: k.ranAt, json: wholeJson(db, k.org, k.number, h) };
  }
}
