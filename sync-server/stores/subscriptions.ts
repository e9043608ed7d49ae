// Grants (what the huvudman lets an organisation see) and subscriptions (what it chose among them).
import type { PeriodType } from "../../shared/protocol/delivery";
import type { Db } from "../db/database";

export interface AccessEntry {
  indicator: string;
  /** Area levels: 0 = the whole municipality, 1–3 = NYKO levels. */
  levels: number[];
  periodTypes: PeriodType[];
}

interface AccessRow {
  org_id: string;
  indicator_id: string;
  levels: string;
  period_types: string;
}

function toEntry(r: AccessRow): AccessEntry & { org: string } {
  return { org: r.org_id, indicator: r.indicator_id, levels: JSON.parse(r.levels) as number[], periodTypes: JSON.parse(r.period_types) as PeriodType[] };
}

export function listGrants(db: Db, org?: string): (AccessEntry & { org: string })[] {
  return (db.prepare("SELECT * FROM indicator_grants WHERE (? IS NULL OR org_id = ?) ORDER BY org_id, indicator_id").all(org ?? null, org ?? null) as AccessRow[]).map(toEntry);
}

export function listSubscriptions(db: Db, org?: string): (AccessEntry & { org: string })[] {
  return (db.prepare("SELECT * FROM indicator_subscriptions WHERE (? IS NULL OR org_id = ?) ORDER BY org_id, indicator_id").all(org ?? null, org ?? null) as AccessRow[]).map(
    toEntry,
  );
}

/** Replaces an organisation's grants; subscriptions are cut back to what is still granted. Call inside a transaction. */
export function replaceGrants(db: Db, org: string, grants: readonly AccessEntry[], by: string, at: string): void {
  db.prepare("DELETE FROM indicator_grants WHERE org_id = ?").run(org);
  const ins = db.prepare("INSERT INTO indicator_grants (org_id, indicator_id, levels, period_types, granted_at, granted_by) VALUES (?, ?, ?, ?, ?, ?)");
  for (const g of grants) ins.run(org, g.indicator, JSON.stringify(sortLevels(g.levels)), JSON.stringify(g.periodTypes), at, by);
  const kept = listSubscriptions(db, org)
    .map((s) => intersectWithGrants(s, grants))
    .filter((s): s is AccessEntry => s !== null);
  writeSubscriptions(db, org, kept, by, at);
}

/** Replaces an organisation's subscriptions (already checked against its grants). Call inside a transaction. */
export function writeSubscriptions(db: Db, org: string, subs: readonly AccessEntry[], by: string, at: string): void {
  db.prepare("DELETE FROM indicator_subscriptions WHERE org_id = ?").run(org);
  const ins = db.prepare("INSERT INTO indicator_subscriptions (org_id, indicator_id, levels, period_types, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)");
  for (const s of subs) ins.run(org, s.indicator, JSON.stringify(sortLevels(s.levels)), JSON.stringify(s.periodTypes), at, by);
}

function sortLevels(levels: readonly number[]): number[] {
  return [...new Set(levels)].sort((a, b) => a - b);
}

/** The part of an entry its grants allow, or null when nothing is left. */
export function intersectWithGrants(entry: AccessEntry, grants: readonly AccessEntry[]): AccessEntry | null {
  const g = grants.find((x) => x.indicator === entry.indicator);
  if (!g) return null;
  const levels = entry.levels.filter((l) => g.levels.includes(l));
  const periodTypes = entry.periodTypes.filter((p) => g.periodTypes.includes(p));
  return levels.length > 0 && periodTypes.length > 0 ? { indicator: entry.indicator, levels, periodTypes } : null;
}

/** Entries (or parts of them) that the grants do not allow. */
export function beyondGrants(entries: readonly AccessEntry[], grants: readonly AccessEntry[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const g = grants.find((x) => x.indicator === e.indicator);
    if (!g) {
      out.push(`${e.indicator}: indikatorn är inte tilldelad organisationen.`);
      continue;
    }
    for (const l of e.levels) if (!g.levels.includes(l)) out.push(`${e.indicator}: nivå ${l} är inte tilldelad.`);
    for (const p of e.periodTypes) if (!g.periodTypes.includes(p)) out.push(`${e.indicator}: periodtypen ${p} är inte tilldelad.`);
  }
  return out;
}
