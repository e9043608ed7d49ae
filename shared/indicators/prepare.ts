// One pass over the approved records shared by every indicator of a cube: each record's leaf area, its own
// period, and the time span of each kind of data.
import type { DeidentifiedRecord } from "../protocol/record";
import { recordPeriod } from "../periods/record-period";
import { ancestorAtLevel, UNLOCATED, type AreaHierarchy } from "./hierarchy";

/** The kinds of time placement a record can have. */
export type SourceKind = "halfmonth" | "month" | "schoolyear" | "year";

export interface PreparedRecords {
  records: readonly DeidentifiedRecord[];
  /** Per record: index into `leaves` (0 = unlocated). */
  leafOf: Int32Array;
  /** Per record: its own finest period (half-month, month, school year or year), or null when it cannot be placed. */
  periodOf: (string | null)[];
  /** Per record: the kind of its own period, or null. */
  kindOf: (SourceKind | null)[];
  /** Leaf areas: `UNLOCATED` first, then every NYKO code found in the records, as recorded (level 3 or coarser). */
  leaves: string[];
  /** Per published level (0–3): per leaf, the index of its area in `areas[level]`, or -1 when it does not fall in one. */
  leafToArea: Map<number, Int32Array>;
  /** Per level: the area codes (level 0: `[null]`, the whole municipality). */
  areas: Map<number, readonly (string | null)[]>;
  /** Record indices by template id. */
  byTemplate: Map<string, number[]>;
  /** Per source kind: the first and last own period found. */
  span: Map<SourceKind, { first: string; last: string }>;
  diagnostics: { records: number; unknownNyko: number; unplaced: number };
  /**
   * Per record: its category combination (`categoryKeys[categoryOf[i]]`). Which rows a filter matches and which inner
   * cell category a row falls in depend on nothing else, so a cube asks once per combination, not per row.
   */
  categoryOf: Int32Array;
  /** The full category combinations (`org/templateId/key=value;…` over all a record's categories), in order found. */
  categoryKeys: readonly string[];
}

/** The end of a path in the category trie (never a category key or value). */
const END = Symbol("end");
type TrieNode = Map<string | typeof END, unknown>;

/** The child of a trie node, made when missing. */
function childOf(node: TrieNode, part: string): TrieNode {
  let next = node.get(part) as TrieNode | undefined;
  if (!next) node.set(part, (next = new Map()));
  return next;
}

/** `org/templateId/key=value;…` over every category of a record, keys sorted. */
export function fullCategoryKey(r: Pick<DeidentifiedRecord, "org" | "templateId" | "categories">): string {
  const keys = Object.keys(r.categories).sort();
  return `${r.org}/${r.templateId}/${keys.map((k) => `${k}=${r.categories[k]}`).join(";")}`;
}

export function prepareRecords(records: readonly DeidentifiedRecord[], h: AreaHierarchy, levels: readonly number[]): PreparedRecords {
  const leaves = [UNLOCATED];
  const leafIndex = new Map<string, number>();
  const leafOf = new Int32Array(records.length);
  const periodOf: (string | null)[] = new Array(records.length);
  const kindOf: (SourceKind | null)[] = new Array(records.length);
  const byTemplate = new Map<string, number[]>();
  const span = new Map<SourceKind, { first: string; last: string }>();
  const halfByDate = new Map<string, string | null>();
  // A trie over org, template and (key, value) pairs in the record's own key order, so the sorted key string is
  // built once per distinct combination rather than once per record.
  const trie: TrieNode = new Map();
  const categoryOf = new Int32Array(records.length);
  const categoryKeys: string[] = [];
  const categoryIndex = new Map<string, number>();
  let unknownNyko = 0;
  let unplaced = 0;

  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    let leaf = 0;
    if (r.nyko !== null) {
      const known = leafIndex.get(r.nyko);
      if (known !== undefined) leaf = known;
      else if (h.levelOf(r.nyko) !== null) {
        leaf = leaves.length;
        leaves.push(r.nyko);
        leafIndex.set(r.nyko, leaf);
      } else unknownNyko++;
    }
    leafOf[i] = leaf;

    let period: string | null = null;
    let kind: SourceKind | null = null;
    if (r.date !== null) {
      let half = halfByDate.get(r.date);
      if (half === undefined) {
        half = recordPeriod(r)?.period ?? null;
        halfByDate.set(r.date, half);
      }
      period = half;
      kind = half === null ? null : "halfmonth";
    } else {
      const rp = recordPeriod(r);
      if (rp && (rp.type === "month" || rp.type === "schoolyear" || rp.type === "year")) {
        period = rp.period;
        kind = rp.type;
      }
    }
    if (period === null || kind === null) unplaced++;
    else {
      const s = span.get(kind);
      if (!s) span.set(kind, { first: period, last: period });
      else if (period < s.first) s.first = period;
      else if (period > s.last) s.last = period;
    }
    periodOf[i] = period;
    kindOf[i] = kind;

    let node = childOf(childOf(trie, r.org), r.templateId);
    for (const k in r.categories) node = childOf(childOf(node, k), r.categories[k]);
    let category = node.get(END) as number | undefined;
    if (category === undefined) {
      const key = fullCategoryKey(r);
      category = categoryIndex.get(key);
      if (category === undefined) {
        category = categoryKeys.length;
        categoryKeys.push(key);
        categoryIndex.set(key, category);
      }
      node.set(END, category);
    }
    categoryOf[i] = category;

    const list = byTemplate.get(r.templateId);
    if (list) list.push(i);
    else byTemplate.set(r.templateId, [i]);
  }

  // Canonical leaf order (unlocated, then codes sorted), so the cube does not depend on the order of the records.
  const sorted = [UNLOCATED, ...leaves.slice(1).sort()];
  const rank = new Int32Array(leaves.length);
  sorted.forEach((code, k) => (rank[k === 0 ? 0 : (leafIndex.get(code) as number)] = k));
  for (let i = 0; i < leafOf.length; i++) leafOf[i] = rank[leafOf[i]];
  leaves.splice(0, leaves.length, ...sorted);

  const areas = new Map<number, readonly (string | null)[]>();
  const leafToArea = new Map<number, Int32Array>();
  for (const level of levels) {
    const codes: readonly (string | null)[] = level === 0 ? [null] : h.codesAtLevel(level);
    areas.set(level, codes);
    const index = new Map(codes.map((c, i) => [c, i]));
    const map = new Int32Array(leaves.length);
    for (let l = 0; l < leaves.length; l++) {
      if (level === 0) map[l] = 0;
      else if (l === 0) map[l] = -1;
      else {
        const a = ancestorAtLevel(h, leaves[l], level);
        map[l] = a === null ? -1 : (index.get(a) ?? -1);
      }
    }
    leafToArea.set(level, map);
  }

  return {
    records,
    leafOf,
    periodOf,
    kindOf,
    leaves,
    leafToArea,
    areas,
    byTemplate,
    span,
    diagnostics: { records: records.length, unknownNyko, unplaced },
    categoryOf,
    categoryKeys,
  };
}
