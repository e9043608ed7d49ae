// A local search after pruning (`ProtectStrategy.localSearch`): pruning publishes again only what the audit lets go as
// it stands; a secondary it refused may still be replaceable by fewer cells elsewhere. A move publishes one secondary
// (unconditionally, `AuditProbe.publish`), gives every quantity that then fails the complements of the attacker's LP
// (`paths.ts`, the dropped cell held published), and tries to publish again, one by one, the secondaries beside the
// dropped and the new cells (`AuditProbe.tryPublish`). The move is kept only when the audit passes and the pattern has
// fewer suppressed cells; otherwise it is undone (the old pattern, which passed, comes back). Moves are tried in a
// fixed order and bounded by counts (moves and LPs), never by time, so the pattern is deterministic. Every verdict is
// the audit's probe's; the final `auditPattern` still checks the result independently.
import type { AuditFailure, AuditProbe } from "./audit";
import type { CompiledModel } from "./model";
import type { PathFinder, PathQuantity } from "./paths";
import { PUBLISHED, SECONDARY } from "./suppress";

export interface LocalSearchInput {
  m: CompiledModel;
  /** Status of each distinct cell (`suppress.ts`); changed in place by every kept move. */
  status: Uint8Array;
  /** The audit's probe, open on exactly this pattern (every quantity protected). */
  probe: AuditProbe;
  finder: PathFinder;
  /** The finder's own `fixed` flags: a dropped cell is held published (set to 1) while its move repairs. */
  fixed: Uint8Array;
  /** The path quantities of the audit's failures (`pathQuantities` with the caller's insiders and rule); `tries` is the
   * move's own count of failures per quantity (a quantity that fails again asks for more room). */
  quantities: (failures: readonly AuditFailure[], tries: Map<string, number>) => PathQuantity[];
  /**
   * Secondaries to try publishing again one by one first, without a repair (`AuditProbe.tryPublish`): pruning tries
   * them in batches within its budget and may leave some that the audit lets go on their own. Default 0.
   */
  maxSingles?: number;
  /** Secondaries not to try on their own: the last pruning refused each alone, and the pattern has only grown tighter. */
  refused?: ReadonlySet<number>;
  /** Moves to try at most (each drops one secondary and repairs). */
  maxMoves: number;
  /** LPs (the probe's and the finder's) the search may solve in all; a move started is finished. */
  maxLps: number;
  /** New complements a move may add at most before it is given up. Default 3. */
  maxAdded?: number;
  /** Secondaries beside a move tried for publication again, at most. Default 8. */
  maxPrune?: number;
}

export interface LocalSearchResult {
  /** Secondaries tried on their own, and published again so. */
  singles: number;
  published: number;
  /** Moves tried and kept, and the change in the number of suppressed cells (negative: fewer, singles included). */
  moves: number;
  kept: number;
  change: number;
  lps: number;
}

/** The search; `status` ends as the best pattern found (the probe agrees with it). */
export function localSearch(input: LocalSearchInput): LocalSearchResult {
  const { m, status, probe, finder, fixed } = input;
  const maxAdded = input.maxAdded ?? 3;
  const maxPrune = input.maxPrune ?? 8;
  const id = (k: number): string => m.cells[k].ids[0];
  const cellsOfInner: number[][] = m.innerIds.map(() => []);
  m.cells.forEach((c, k) => {
    if (!c.neverSuppress) for (const i of c.inner) cellsOfInner[i].push(k);
  });
  // Most wanted published first, as in pruning: coarse, then large.
  const preference = (x: number, y: number): number =>
    m.cells[y].inner.length - m.cells[x].inner.length || m.cells[y].value - m.cells[x].value || x - y;
  const lps0 = probe.lps;
  let finderLps = 0;
  const spent = (): number => probe.lps - lps0 + finderLps;
  let moves = 0;
  let kept = 0;
  let change = 0;
  const order = m.cells.map((_, k) => k).filter((k) => status[k] === SECONDARY).sort(preference);
  let singles = 0;
  let published = 0;
  for (const k of order) {
    if (input.refused?.has(k)) continue;
    if (singles >= (input.maxSingles ?? 0) || spent() >= input.maxLps) break;
    singles++;
    if (probe.tryPublish([id(k)])) {
      status[k] = PUBLISHED;
      published++;
      change--;
    }
  }
  for (const s of order) {
    if (moves >= input.maxMoves || spent() >= input.maxLps) break;
    if (status[s] !== SECONDARY) continue;
    moves++;
    // Drop s.
    status[s] = PUBLISHED;
    let failures = probe.publish([id(s)]);
    const added: number[] = [];
    const fixedBefore = fixed[s];
    fixed[s] = 1;
    let repaired = failures.length === 0;
    const tries = new Map<string, number>();
    try {
      for (let round = 0; round < 3 && !repaired; round++) {
        const fromPaths = finder.complements(input.quantities(failures, tries), status);
        finderLps += fromPaths.lps;
        // Nothing new: the quantities ask for more room next round (their tries count up).
        if (fromPaths.cells.length === 0) continue;
        if (added.length + fromPaths.cells.length > maxAdded) break;
        for (const k of fromPaths.cells) status[k] = SECONDARY;
        added.push(...fromPaths.cells);
        probe.suppress(fromPaths.cells.map((k) => ({ id: id(k), status: "secondary" as const })));
        failures = probe.failures();
        repaired = failures.length === 0;
      }
    } finally {
      fixed[s] = fixedBefore;
    }
    // Publish again the secondaries beside s and the new cells (sharing an inner cell), most wanted first.
    const pruned: number[] = [];
    if (repaired && added.length > 0) {
      const near = new Set<number>();
      for (const c of [s, ...added]) for (const i of m.cells[c].inner) for (const k of cellsOfInner[i]) if (status[k] === SECONDARY && !added.includes(k)) near.add(k);
      const tries = [...near].sort(preference).slice(0, maxPrune);
      for (const k of tries) {
        // Enough published again to gain: stop (each probe costs LPs).
        if (pruned.length >= added.length) break;
        if (probe.tryPublish([id(k)])) {
          status[k] = PUBLISHED;
          pruned.push(k);
        }
      }
    }
    if (repaired && pruned.length >= added.length) {
      kept++;
      change -= 1 + pruned.length - added.length;
      continue;
    }
    // Undo: suppress again what was published, then publish again the new cells (the old pattern passed).
    status[s] = SECONDARY;
    for (const k of pruned) status[k] = SECONDARY;
    probe.suppress([s, ...pruned].map((k) => ({ id: id(k), status: "secondary" as const })));
    if (added.length > 0) {
      for (const k of added) status[k] = PUBLISHED;
      const left = probe.publish(added.map(id));
      if (left.length > 0) {
        // Cannot happen for a pattern that passed before; keep the cells suppressed rather than leave a gap.
        for (const k of added) status[k] = SECONDARY;
        probe.suppress(added.map((k) => ({ id: id(k), status: "secondary" as const })));
        change += added.length;
      }
    }
  }
  return { singles, published, moves, kept, change, lps: spent() };
}
