// Compiles an indicator's row filters into a fast matcher, and names the category combination a row falls in.
import type { DeidentifiedRecord } from "../protocol/record";
import type { RowFilter } from "./schema";

type MatchedRow = Pick<DeidentifiedRecord, "templateId" | "org" | "categories">;

interface CompiledFilter {
  index: number;
  orgs: Set<string> | null;
  keys: string[];
  values: Set<string>[];
  /** Category combinations seen: org → value of key 0 → value of key 1 … → combination id. */
  trie: Map<string, unknown>;
}

export interface RowMatcher {
  /** The templates the filters read. */
  readonly templateIds: readonly string[];
  /** The index of the first filter the record matches, or -1 (a record matching several filters counts once). */
  match(r: MatchedRow): number;
  /**
   * The category combination of a matched record: organisation, template and the values of the filter's category
   * columns, e.g. `polisen/polis-anmalningar/brottskod=1203`. Inner cells are kept per combination so that
   * disclosure control can relate an indicator's categories and each partner's share.
   */
  categoryKey(r: MatchedRow, filterIndex: number): string;
  /** A small integer naming the record's category combination (stable within this matcher); see `combination`. */
  categoryId(r: MatchedRow, filterIndex: number): number;
  /** The key of a combination id. */
  combination(id: number): string;
}

export function compileMatcher(filters: readonly RowFilter[]): RowMatcher {
  const byTemplate = new Map<string, CompiledFilter[]>();
  const compiled: CompiledFilter[] = filters.map((f, index) => {
    const keys = Object.keys(f.where).sort();
    const c: CompiledFilter = { index, orgs: f.orgs ? new Set(f.orgs) : null, keys, values: keys.map((k) => new Set(f.where[k])), trie: new Map() };
    const list = byTemplate.get(f.templateId) ?? [];
    list.push(c);
    byTemplate.set(f.templateId, list);
    return c;
  });
  const combinations: string[] = [];
  const categoryKey = (r: MatchedRow, filterIndex: number) => {
    const f = compiled[filterIndex];
    const parts = f.keys.map((k) => `${k}=${r.categories[k]}`);
    return `${r.org}/${r.templateId}/${parts.join(";")}`;
  };
  return {
    templateIds: [...byTemplate.keys()],
    match(r) {
      const list = byTemplate.get(r.templateId);
      if (!list) return -1;
      outer: for (const f of list) {
        if (f.orgs && !f.orgs.has(r.org)) continue;
        for (let k = 0; k < f.keys.length; k++) {
          const v = r.categories[f.keys[k]];
          if (v === undefined || !f.values[k].has(v)) continue outer;
        }
        return f.index;
      }
      return -1;
    },
    categoryKey,
    categoryId(r, filterIndex) {
      const f = compiled[filterIndex];
      let node: Map<string, unknown> = f.trie;
      const path = [r.org, ...f.keys.map((k) => r.categories[k] ?? "")];
      for (let k = 0; k < path.length - 1; k++) {
        let next = node.get(path[k]) as Map<string, unknown> | undefined;
        if (!next) {
          next = new Map();
          node.set(path[k], next);
        }
        node = next;
      }
      const last = path[path.length - 1];
      let id = node.get(last) as number | undefined;
      if (id === undefined) {
        id = combinations.length;
        combinations.push(categoryKey(r, filterIndex));
        node.set(last, id);
      }
      return id;
    },
    combination: (id) => combinations[id],
  };
}
