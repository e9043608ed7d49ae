// Published period types (and area levels) must form a tree that tiles: any two published sets are nested or
// disjoint, and the finest published sets cover every unit exactly. Otherwise differences expose slivers, for
// example two-week periods and months, whose difference is the days between them.

export interface NamedSet {
  id: string;
  /** The leaf units it covers (for example the dates of a period). */
  members: readonly string[];
}

export type NestingIssue =
  | { code: "periods-do-not-nest"; message: string; a: string; b: string }
  | { code: "period-sliver"; message: string; units: string[] };

/** Checks that the sets form a laminar family whose atoms (units in exactly the same sets) are published sets. */
export function checkNesting(sets: readonly NamedSet[]): { ok: true } | { ok: false; issues: NestingIssue[] } {
  const containing = new Map<string, number[]>();
  sets.forEach((s, k) => {
    for (const m of new Set(s.members)) {
      const list = containing.get(m);
      if (list) list.push(k);
      else containing.set(m, [k]);
    }
  });
  const sizes = sets.map((s) => new Set(s.members).size);
  const overlap = new Map<string, number>();
  const atoms = new Map<string, string[]>();
  for (const [unit, list] of containing) {
    const signature = list.join(",");
    const atom = atoms.get(signature);
    if (atom) atom.push(unit);
    else atoms.set(signature, [unit]);
    for (let x = 0; x < list.length; x++) {
      for (let y = x + 1; y < list.length; y++) {
        const key = `${list[x]},${list[y]}`;
        overlap.set(key, (overlap.get(key) ?? 0) + 1);
      }
    }
  }
  const issues: NestingIssue[] = [];
  for (const [key, shared] of overlap) {
    const [x, y] = key.split(",").map(Number);
    if (shared !== sizes[x] && shared !== sizes[y]) {
      const a = sets[x].id;
      const b = sets[y].id;
      issues.push({ code: "periods-do-not-nest", message: `${a} and ${b} overlap without one containing the other`, a, b });
    }
  }
  if (issues.length === 0) {
    const published = new Set(sets.map((s) => [...new Set(s.members)].sort().join("\u0000")));
    for (const units of atoms.values()) {
      if (!published.has([...units].sort().join("\u0000"))) {
        issues.push({ code: "period-sliver", message: `units ${units.join(", ")} follow from differences but are no published set`, units });
      }
    }
  }
  return issues.length === 0 ? { ok: true } : { ok: false, issues };
}
