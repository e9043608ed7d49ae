// Protects one cover model: primary suppression; secondary suppression by Gaussian elimination so that no sensitive
// quantity is a linear combination of published values; then the independent audit in a loop, each round adding
// complements for all of its failures together, until every sensitive cell, implied quantity and revision is
// protected (or nothing more can be done); then pruning. In the strict reading (`protectEverySuppressed`) a second
// phase does the same for the complements.
import { auditPattern, openAuditProbe, type AuditOptions, type AuditProbe, type AuditResult } from "./audit";
import { canonicalKey, compileModel, innerIndicesOf, sumOver, type CellStatus, type CoverModel } from "./model";
import { gaussSecondary, type GaussInsider } from "./gauss";
import { isPrimaryCount } from "./primary";
import { openPathFinder, pathQuantities } from "./paths";
import { pruneSecondaries } from "./prune";
import { localSearch, type LocalSearchResult } from "./local-search";
import { resolveRule } from "./rule";
import { HELD, PRIMARY, PUBLISHED, SECONDARY, Suppressor, type Quantity } from "./suppress";

/**
 * How the protector searches; the rule, the solver and what the attacker knows come as the audit's own options
 * (`AuditOptions`), which the protector hands to every audit it runs as they are.
 */
export interface ProtectStrategy {
  /** Safety limit on audit rounds. Default 50. */
  maxRounds?: number;
  /**
   * `lean` (default): a sensitive quantity must merely not be a linear combination of published values; those the
   * audit then finds too narrow become strict in the next round (fewer secondaries, one more audit).
   * `strict`: every sensitive quantity must also stay independent of the other sensitive ones from the start (more
   * secondaries, but the first audit usually passes).
   */
  strategy?: "strict" | "lean";
  /**
   * With `lean`: after this many audit rounds that still fail, every sensitive quantity becomes strict (faster, but
   * more secondaries; pruning then publishes what the strict rounds over-suppressed). Default 8.
   */
  leanRounds?: number;
  /**
   * Audit probes for publishing again the secondaries that later complements made unnecessary (each probe audits one
   * sub-model). Default 400; 0 turns pruning off.
   */
  pruneProbes?: number;
  /** LPs the pruning probes may solve in all. Default 20,000. */
  pruneLps?: number;
  /**
   * How complements are chosen. `elimination` (default): Gaussian elimination first (`gauss.ts`), then the quantities
   * the audit finds too narrow become strict. `paths`: no elimination; every quantity the audit finds too narrow gets
   * the complements of the cheapest second point of the attacker's LP that gives it room (`paths.ts`), which shares
   * what is already suppressed; the elimination and `openOneMore` remain the fallback when that adds nothing.
   */
  complements?: "elimination" | "paths";
  /**
   * With `paths`, the local search after pruning (`local-search.ts`): `singles` secondaries tried for publication again
   * one by one (the audit's verdict; pruning's linear filter and its batches leave some it would let go), then `moves`
   * that each drop one secondary and repair (kept only when the audit passes with fewer suppressed cells), within `lps`
   * LPs in all. Default 1,000 singles, no moves (on the demo rounds the moves gained 6 cells in 94 s CPU), 6,000 LPs.
   */
  localSearch?: { singles?: number; moves: number; lps: number };
  /** With `paths`: solve each quantity's LP on its local part of the sub-model first (`paths.ts`). Default true. */
  localPaths?: boolean;
  /** Told when the protector enters each phase (for a caller that measures where the time goes). */
  onPhase?: (phase: ProtectPhase) => void;
}

/** The protector's phases, in order (`loop` and `prune` come twice in the strict reading; `paths`, the LP paths'
 * complements, inside the loop whenever they are chosen). */
export type ProtectPhase = "eliminate" | "loop" | "paths" | "prune" | "search" | "audit";

export interface ProtectResult {
  /** Status of every published cell id (cells that are the same sum share one). */
  status: Map<string, CellStatus>;
  /** Counts over distinct sums. */
  primaryCount: number;
  secondaryCount: number;
  heldCount: number;
  /** Cells published although small, because their value is already public from an earlier round. */
  alreadyPublic: string[];
  /** Secondaries published again by pruning, and the audit probes and LPs it took. */
  pruned: number;
  pruneProbes: number;
  pruneLps: number;
  /** What the local search did (with `paths`), if it ran. */
  search?: LocalSearchResult;
  /** The LP paths' work: LPs solved, and quantities whose local LP gave no room (they got the whole sub-model's). */
  paths: { lps: number; fallbacks: number };
  /** Failures the heuristic found no complement for (the audit below fails then). */
  unresolved: string[];
  rounds: number;
  audit: AuditResult;
}

export async function protectTables(model: CoverModel, options: AuditOptions, strategy: ProtectStrategy = {}): Promise<ProtectResult> {
  const { rule } = options;
  const T = rule.threshold;
  const onPhase = strategy.onPhase ?? (() => undefined);
  onPhase("eliminate");
  const compiled = compileModel(model);
  if (!compiled.ok) throw new Error(`invalid cover model: ${compiled.issues.map((i) => i.message).join("; ")}`);
  const m = compiled.value;
  const sup = new Suppressor(m, rule);

  // Facts from earlier rounds: unchanged values are public and fixed; sensitive revisions must not show.
  const alreadyPublic: string[] = [];
  const revisedCells = new Set<number>();
  for (const fact of options.fixedFacts ?? []) {
    const idx = innerIndicesOf(fact.inner, m.innerIndex);
    if (!idx.ok) continue;
    const k = m.keyIndex.get(canonicalKey(idx.value));
    if (k === undefined) continue;
    const delta = sumOver(idx.value, m.innerCounts) - fact.value;
    if (delta === 0) sup.blocked[k] = 1;
    else if (Math.abs(delta) < T) revisedCells.add(k);
  }
  m.cells.forEach((c, k) => {
    if (revisedCells.has(k)) sup.status[k] = c.neverSuppress ? HELD : PRIMARY;
    else if (isPrimaryCount(c.value, T) && !sup.blocked[k]) sup.status[k] = PRIMARY;
    else if (isPrimaryCount(c.value, T) && !c.neverSuppress) alreadyPublic.push(c.ids[0]);
  });
  // Secondary suppression: Gaussian elimination over the published span.
  const knownSums: Int32Array[] = [];
  const extraTargets: Int32Array[] = [];
  for (const fact of options.fixedFacts ?? []) {
    const idx = innerIndicesOf(fact.inner, m.innerIndex);
    if (!idx.ok || idx.value.length === 0) continue;
    const delta = sumOver(idx.value, m.innerCounts) - fact.value;
    if (delta === 0) knownSums.push(idx.value);
    else if (Math.abs(delta) < T) extraTargets.push(idx.value);
  }
  const forced = Uint8Array.from(m.cells, (c, k) => (sup.blocked[k] || c.value === 0 ? 1 : 0));
  const target = Uint8Array.from(sup.status, (s) => (s === PRIMARY ? 1 : 0));
  const strictKeys = new Set<string>();
  let allStrict = strategy.strategy === "strict";
  // The elimination over this model; the callers choose which cells are hidden, forced and strict.
  // Insiders know their own cells whatever their status: the elimination keeps every sensitive quantity that is not an
  // insider's own undetermined for that insider too.
  const gaussInsiders: (GaussInsider & { alsoFree: number[] })[] = (options.insiders ?? []).map((ins) => {
    const own = new Uint8Array(m.innerIds.length);
    for (const id of ins.own ?? []) {
      const i = m.innerIndex.get(id);
      if (i !== undefined) own[i] = 1;
    }
    const knows = [...new Set(ins.knows.map((id) => m.cellIndex.get(id)).filter((k): k is number => k !== undefined))].sort((a, b) => a - b);
    return { knows, own, alsoFree: [] };
  });
  const refineRows = m.constraints.map((c) => c.inner);
  const eliminate = (
    hidden: Uint8Array,
    forcedCells: Uint8Array,
    strict: { strictKeys?: Set<string>; allStrict?: boolean; onlyAround?: ArrayLike<number> } = {},
  ) =>
    gaussSecondary({
      m,
      hidden,
      forced: forcedCells,
      target,
      knownSums,
      extraTargets,
      refineRows,
      rule,
      insiders: gaussInsiders,
      ...strict,
    });
  // In the strict reading a complement must not be computable by an insider either. The elimination reports the
  // suppressed cells an insider could still compute with its own cells (a complement beside the insider's own small
  // cell, say); they are kept free for that insider in the next elimination, until none is left (each pass only adds).
  const keepFreeForInsiders = rule.protectEverySuppressed && gaussInsiders.length > 0;
  // `around`: inner cells of what changed since the last elimination (only their sub-models can gain anything), or
  // undefined for every sub-model.
  const runGauss = (around?: ArrayLike<number>): number => {
    let added = 0;
    let onlyAround = around;
    for (let pass = 0; pass < 20; pass++) {
      const gauss = eliminate(
        Uint8Array.from(sup.status, (s) => (s === PUBLISHED ? 0 : 1)),
        forced,
        { strictKeys, allStrict, onlyAround },
      );
      for (const k of gauss.secondary) sup.status[k] = SECONDARY;
      added += gauss.secondary.length;
      if (!keepFreeForInsiders) break;
      // The next pass: only the sub-models where a complement is now to be kept free for an insider.
      const fresh: number[] = [];
      gauss.pinned.forEach((list, j) => {
        const free = gaussInsiders[j].alsoFree;
        for (const k of list) {
          if (free.includes(k)) continue;
          free.push(k);
          fresh.push(m.cells[k].inner[0]);
        }
      });
      if (fresh.length === 0) break;
      onlyAround = fresh;
    }
    return added;
  };
  // The finder's own copy: the local search holds a dropped cell published in it for the length of a move.
  const finderFixed = forced.slice();
  const finder =
    strategy.complements === "paths"
      ? openPathFinder(m, finderFixed, knownSums.map((inner) => ({ inner, value: sumOver(inner, m.innerCounts) })), rule, options.solver, {
          localise: strategy.localPaths ?? true,
        })
      : undefined;
  const pathWork = { lps: 0, fallbacks: 0 };
  // With paths the first audit names every quantity that needs room (nothing but the primaries is suppressed yet).
  if (!finder) runGauss();
  const pathTries = new Map<string, number>();

  const maxRounds = strategy.maxRounds ?? 50;
  const unresolved = new Set<string>();
  const narrowStreak = new Map<string, number>();
  // The audit in the loop is incremental: suppressing only relaxes the attacker's LP, so each round bounds again just
  // the quantities not yet shown protected. The full, independent audit runs on the final pattern.
  // With `protectEverySuppressed` the loop and pruning first protect the sensitive quantities only; the complements
  // that are then still too narrow (for the outsider or an insider) get complements of their own in a second phase,
  // pruned again under the strict audit. Asking it of every complement from the start makes each new one a narrow
  // target at once, and the pattern snowballs.
  const phases = rule.protectEverySuppressed ? [{ ...options, rule: resolveRule({ ...rule, protectEverySuppressed: false }) }, options] : [options];
  let auditor: AuditProbe | null = null;
  let phaseOptions: AuditOptions = options;
  const loopAudit = async (): Promise<AuditResult> => {
    if (!auditor) return auditPattern(model, patternMap(m.cells, sup.status), phaseOptions);
    const failures = auditor.failures();
    return { ok: failures.length === 0, issues: [], failures, bounds: new Map(), stats: { components: 0, variables: 0, lps: 0, targets: 0 } };
  };
  let audited = sup.status.slice();
  // What pruning refused, and what was suppressed after it (so what a later pruning may look at again).
  const refusedBefore = new Set<number>();
  let suppressedSincePrune: number[] = [];
  // What the latest pruning refused on its own (the local search does not try those again).
  let lastRefused = new Set<number>();
  const tellAuditor = (): void => {
    const changed: { id: string; status: "primary" | "secondary" }[] = [];
    sup.status.forEach((s, k) => {
      if (audited[k] === PUBLISHED && (s === PRIMARY || s === SECONDARY)) {
        changed.push({ id: m.cells[k].ids[0], status: s === PRIMARY ? "primary" : "secondary" });
        suppressedSincePrune.push(k);
      }
    });
    auditor?.suppress(changed);
    audited = sup.status.slice();
  };
  let audit: AuditResult | undefined;
  let rounds = 0;
  let pruned = 0;
  let probes = 0;
  let pruneLps = 0;
  for (const [phase, opts] of phases.entries()) {
    if (audit && !audit.ok) break;
    onPhase("loop");
    phaseOptions = opts;
    if (auditor && opts.rule.protectEverySuppressed) {
      // The second phase differs from the first only by its targets: the same LPs and witnesses serve.
      tellAuditor();
      auditor.requireEverySuppressed();
    } else {
      auditor?.dispose();
      auditor = openAuditProbe(model, patternMap(m.cells, sup.status), opts);
    }
    audited = sup.status.slice();
    audit = await loopAudit();
    rounds++;
    while (!audit.ok && audit.issues.length === 0 && rounds < maxRounds) {
      if (finder) {
        onPhase("paths");
        const fromPaths = finder.complements(pathQuantities(m, audit.failures, gaussInsiders, options.insiders ?? [], pathTries, rule), sup.status);
        onPhase("loop");
        pathWork.lps += fromPaths.lps;
        pathWork.fallbacks += fromPaths.fallbacks;
        for (const k of fromPaths.cells) sup.status[k] = SECONDARY;
        if (fromPaths.cells.length > 0) {
          tellAuditor();
          audit = await loopAudit();
          rounds++;
          continue;
        }
      }
      // Every quantity the LP found too narrow becomes strict: it must stay independent of every other sensitive
      // quantity, so that its freedom comes from complements with room rather than from other small cells. (In the
      // second phase the narrow ones are complements, which the elimination does not track: they get complements.)
      let newlyStrict = 0;
      const strictAround: number[] = [];
      const quantities: { id: string; q: Quantity; revision: boolean }[] = [];
      const seen = new Set<string>();
      for (const f of audit.failures) {
        if (seen.has(f.cellId)) continue;
        seen.add(f.cellId);
        const idx = innerIndicesOf(f.inner, m.innerIndex);
        if (!idx.ok || idx.value.length === 0) {
          unresolved.add(f.cellId);
          continue;
        }
        const key = canonicalKey(idx.value);
        if (phase === 0 && !strictKeys.has(key)) {
          strictKeys.add(key);
          strictAround.push(idx.value[0]);
          newlyStrict++;
        }
        quantities.push({ id: f.cellId, q: { inner: idx.value, value: sumOver(idx.value, m.innerCounts), cell: m.keyIndex.get(key) }, revision: f.kind === "revision" });
      }
      let everywhere = false;
      if (phase === 0 && !allStrict && rounds >= (strategy.leanRounds ?? 8)) {
        allStrict = true;
        everywhere = true;
        newlyStrict++;
      }
      let added = newlyStrict > 0 ? runGauss(everywhere ? undefined : strictAround) : 0;
      if (added === 0) {
        // Already strict and still too narrow: open the tightest relation of each, all in this round. A quantity that
        // stays narrow round after round gets twice as many new complements each time (1, 2, 4, … at most 16), so the
        // tail of full audits stays short; pruning publishes again what turns out not to be needed.
        for (const { id, q, revision } of quantities) {
          const streak = (narrowStreak.get(id) ?? 0) + 1;
          narrowStreak.set(id, streak);
          for (let k = 0; k < Math.min(16, 2 ** (streak - 1)); k++) {
            if (sup.openOneMore(q, revision) === undefined) {
              if (k === 0) unresolved.add(id);
              break;
            }
            added++;
          }
        }
      }
      if (added === 0) break;
      tellAuditor();
      audit = await loopAudit();
      rounds++;
    }
    if (audit.ok && (strategy.pruneProbes ?? 400) > 0) {
      onPhase("prune");
      // A cell the audit refused on its own in the first phase stays refused in the second (which checks more) unless
      // the second phase suppressed something in its sub-model since.
      const componentOfCell = (k: number): number => auditor?.componentOf(m.cells[k].ids[0]) ?? -1;
      const changedComps = new Set(suppressedSincePrune.map(componentOfCell));
      const open = m.cells
        .map((_, k) => k)
        .filter((k) => sup.status[k] === SECONDARY)
        .filter((k) => !refusedBefore.has(k) || changedComps.has(componentOfCell(k)));
      // Secondaries whose publication keeps every sensitive quantity linearly free are candidates; the audit decides.
      // (Only the sub-models of those cells are eliminated: the others decide nothing here.)
      const still =
        open.length === 0
          ? { secondary: [] }
          : eliminate(
              Uint8Array.from(sup.status, (s) => (s === PRIMARY || s === HELD ? 1 : 0)),
              Uint8Array.from(sup.status, (s) => (s === PUBLISHED ? 1 : 0)),
              { onlyAround: open.map((k) => m.cells[k].inner[0]) },
            );
      const needed = new Set(still.secondary);
      const candidates = open
        .filter((k) => !needed.has(k))
        .sort((x, y) => m.cells[y].inner.length - m.cells[x].inner.length || m.cells[y].value - m.cells[x].value || x - y);
      const names = Array.from(sup.status, (s) => NAMES[s]);
      const result = await pruneSecondaries({
        model,
        m,
        status: names,
        candidates,
        audit: opts,
        probe: auditor ?? undefined,
        maxProbes: strategy.pruneProbes ?? 400,
        maxLps: strategy.pruneLps ?? 20_000,
      });
      probes += result.probes;
      pruneLps += result.lps;
      for (const k of result.published) sup.status[k] = PUBLISHED;
      pruned += result.published.length;
      for (const k of result.refused) refusedBefore.add(k);
      lastRefused = new Set(result.refused);
      suppressedSincePrune = [];
    }
  }
  // A local search after pruning: secondaries published again on their own, or replaced by fewer cells elsewhere (the
  // audit's probe decides each).
  const search = strategy.localSearch ?? { singles: 1000, moves: 0, lps: 6000 };
  let searched: LocalSearchResult | undefined;
  if (finder && auditor && audit?.ok && (search.moves > 0 || (search.singles ?? 0) > 0)) {
    onPhase("search");
    searched = localSearch({
      m,
      status: sup.status,
      probe: auditor,
      finder,
      fixed: finderFixed,
      quantities: (failures, tries) => pathQuantities(m, failures, gaussInsiders, options.insiders ?? [], tries, rule),
      maxSingles: search.singles,
      refused: lastRefused,
      maxMoves: search.moves,
      maxLps: search.lps,
    });
  }
  // The full, independent audit of the final pattern is the verdict. It is offered the feasible points the loop and
  // pruning found (as inner-cell values); it verifies each against its own LP rows and uses only those that hold.
  onPhase("audit");
  const hints = auditor?.witnessPoints() ?? [];
  auditor?.dispose();
  const finalAudit = await auditPattern(model, patternMap(m.cells, sup.status), options, hints);
  if (finalAudit.ok) unresolved.clear();
  let primaryCount = 0;
  let secondaryCount = 0;
  let heldCount = 0;
  sup.status.forEach((s) => {
    if (s === PRIMARY) primaryCount++;
    else if (s === SECONDARY) secondaryCount++;
    else if (s === HELD) heldCount++;
  });
  return {
    status: patternMap(m.cells, sup.status),
    primaryCount,
    secondaryCount,
    heldCount,
    alreadyPublic,
    pruned,
    pruneProbes: probes,
    pruneLps,
    search: searched,
    paths: pathWork,
    unresolved: [...unresolved].sort(),
    rounds,
    audit: finalAudit,
  };
}

const NAMES: Record<number, CellStatus> = { [PUBLISHED]: "published", [PRIMARY]: "primary", [SECONDARY]: "secondary", [HELD]: "held" };

function patternMap(cells: readonly { ids: string[] }[], status: Uint8Array): Map<string, CellStatus> {
  const out = new Map<string, CellStatus>();
  cells.forEach((c, k) => {
    for (const id of c.ids) out.set(id, NAMES[status[k]]);
  });
  return out;
}
