// Cross-partner indicators count each incident once: the records for buildCube plus the `countOnce` hook that drops
// the later record (b) of every merged pair whose earlier record (a) the indicator also counts. Per-partner
// indicators do not call the hook, so they are unchanged; an overruled pair counts twice.
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import type { Db } from "../db/database";
import { activeMergedPairs, effectiveRecordsWithRefs, refKey } from "../stores/duplicates";

export interface CubeInput {
  /** The records that count (as effectiveRecords), to pass to buildCube as they are (the hook knows them by identity). */
  records: DeidentifiedRecord[];
  /** buildCube's `countOnce` option. */
  countOnce: (rows: readonly DeidentifiedRecord[]) => readonly DeidentifiedRecord[];
}

/** Pure: the hook over records and merged pairs given as record objects. */
export function countOnceHook(pairs: readonly { a: DeidentifiedRecord; b: DeidentifiedRecord }[]): CubeInput["countOnce"] {
  return (rows) => {
    if (pairs.length === 0) return rows;
    const present = new Set(rows);
    const drop = new Set<DeidentifiedRecord>();
    for (const p of pairs) if (present.has(p.a) && present.has(p.b) && !drop.has(p.a)) drop.add(p.b);
    return drop.size === 0 ? rows : rows.filter((r) => !drop.has(r));
  };
}

/** The cube's input from the database: counting records and the hook over the merged pairs among them. */
export function duplicateAwareCubeInput(db: Db): CubeInput {
  const records: DeidentifiedRecord[] = [];
  const byRef = new Map<string, DeidentifiedRecord>();
  for (const { ref, record } of effectiveRecordsWithRefs(db)) {
    records.push(record);
    byRef.set(refKey(ref), record);
  }
  const pairs: { a: DeidentifiedRecord; b: DeidentifiedRecord }[] = [];
  for (const p of activeMergedPairs(db)) {
    const a = byRef.get(refKey(p.a));
    const b = byRef.get(refKey(p.b));
    if (a && b) pairs.push({ a, b });
  }
  return { records, countOnce: countOnceHook(pairs) };
}
