// Finds probable duplicates among records of different organisations that share a linkage token.
// Runs on the server over tokens only; it never sees an address or a time finer than the record's own.

export interface LinkedRecord {
  id: number;
  org: string;
  link: readonly string[];
}

export interface DuplicatePair {
  a: number;
  b: number;
}

/**
 * Pairs records of different organisations that share a token. Each record is paired at most once per other
 * organisation, with the partner sharing the most tokens (ties: the lowest id), so one incident becomes one pair.
 */
export function findDuplicatePairs(records: readonly LinkedRecord[]): DuplicatePair[] {
  const byToken = new Map<string, number[]>();
  records.forEach((r, i) => {
    for (const t of r.link) {
      const list = byToken.get(t);
      if (list) list.push(i);
      else byToken.set(t, [i]);
    }
  });
  // Candidate counts of shared tokens per (i, j) with different organisations.
  const shared = new Map<string, number>();
  for (const list of byToken.values()) {
    if (list.length < 2 || list.length > 50) continue; // a token shared by many is no evidence of one incident
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const i = list[x], j = list[y];
        if (records[i].org === records[j].org) continue;
        const key = i < j ? `${i},${j}` : `${j},${i}`;
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
  }
  const candidates = [...shared.entries()]
    .map(([key, n]) => {
      const [i, j] = key.split(",").map(Number);
      return { i, j, n };
    })
    .sort((p, q) => q.n - p.n || records[p.i].id - records[q.i].id || records[p.j].id - records[q.j].id);
  const taken = new Set<string>(); // `${recordIndex}->${otherOrg}`
  const pairs: DuplicatePair[] = [];
  for (const { i, j } of candidates) {
    const ki = `${i}->${records[j].org}`;
    const kj = `${j}->${records[i].org}`;
    if (taken.has(ki) || taken.has(kj)) continue;
    taken.add(ki);
    taken.add(kj);
    pairs.push({ a: records[i].id, b: records[j].id });
  }
  return pairs;
}
