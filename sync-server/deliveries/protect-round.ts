// The protection of one delivery round: the round's one cover model is protected by shared/disclosure, whose final,
// independent audit of the pattern is the verdict (run once: it is written apart from the suppressor and bounds the
// final pattern from scratch). Where the audit cannot pass, the blocks its failures lie in are withheld from every
// reader and the model is protected again, up to a number of attempts; then the round fails closed. Every reader's
// view is made once, from the round's one pattern (`reader-views.ts`).
// Where protection runs is the engine: inline, or in a worker thread (`protect-worker.ts`); the server's
// configuration chooses.
import {
  protectTables,
  resolveRule,
  type AuditFailure,
  type CellStatus,
  type CoverModel,
  type DisclosureRule,
  type FixedFact,
  type Insider,
  type LpSolver,
  type ProtectPhase,
} from "../../shared/disclosure";
import type { Cube } from "../../shared/indicators/cube";
import type { MissingCells } from "../../shared/indicators/reporting";
import { blockId, factId, type BlockKey } from "./cell-key";
import { buildCoverModel, insidersOf, type Reader, type RoundCover } from "./cover-model";
import { readerViews, type DisclosedTable, type RoundMode, type RoundPattern } from "./reader-views";

/** The deliveries' reading of the rule: every suppressed cell, complements too, keeps an interval at least 2 wide
 * reaching T, for the outside attacker and for every insider. */
export function deliveryRule(threshold: number): DisclosureRule {
  return resolveRule({ threshold, minWidth: 2, protectEverySuppressed: true });
}

/** Wall and CPU milliseconds (CPU of the whole process). */
export interface PhaseTime {
  ms: number;
  cpuMs: number;
}

export type PhaseTimes = Partial<Record<ProtectPhase, PhaseTime>>;

export interface RoundStats {
  modelCells: number;
  innerCells: number;
  primary: number;
  secondary: number;
  held: number;
  /** Protection attempts (each after withholding the blocks the previous audit failed in). */
  attempts: number;
  withheldBlocks: string[];
  /** Share of the model's cells that are published. */
  publishedShare: number;
  /** Suppression (elimination, the audit loop with its LP paths, pruning, the local search if on) and the final audit, summed over the attempts. */
  suppressMs: number;
  auditMs: number;
  /** Time per phase of the protector, summed over the attempts. */
  phases: PhaseTimes;
  auditFailures: number;
}

export interface ProtectedRound extends RoundPattern {
  /** Values every reader below huvudman may see (cell id → numerator): fixed facts for later rounds. */
  facts: Record<string, number>;
  /** Every reader's view (by organisation), made once. */
  views: ReadonlyMap<string, DisclosedTable>;
  stats: RoundStats | null;
}

/** What one protection of a cover model yields: the pattern, its counts, and the final audit's verdict. */
export interface ProtectOutcome {
  status: Map<string, CellStatus>;
  primary: number;
  secondary: number;
  held: number;
  audit: { ok: boolean; issues: number; failures: AuditFailure[] };
  phases: PhaseTimes;
}

export interface ProtectJob {
  model: CoverModel;
  rule: DisclosureRule;
  fixedFacts: FixedFact[];
  insiders: Insider[];
}

/** Runs protectTables on a job, whose final independent audit is the verdict; an engine that can stop on `signal` does. */
export type ProtectEngine = (job: ProtectJob, signal?: AbortSignal) => Promise<ProtectOutcome>;

/** Measures the protector's phases (wall and process CPU time): pass `onPhase` to protectTables, `stop` after it. */
export function phaseClock(): { phases: PhaseTimes; onPhase: (phase: ProtectPhase) => void; stop: () => void } {
  const phases: PhaseTimes = {};
  let current: { phase: ProtectPhase; ms: number; cpu: NodeJS.CpuUsage } | null = null;
  const stop = (): void => {
    if (!current) return;
    const cpu = process.cpuUsage(current.cpu);
    const sum = (phases[current.phase] ??= { ms: 0, cpuMs: 0 });
    sum.ms += performance.now() - current.ms;
    sum.cpuMs += (cpu.user + cpu.system) / 1000;
    current = null;
  };
  const onPhase = (phase: ProtectPhase): void => {
    stop();
    current = { phase, ms: performance.now(), cpu: process.cpuUsage() };
  };
  return { phases, onPhase, stop };
}

export function inlineEngine(solver: () => Promise<LpSolver>): ProtectEngine {
  return async ({ model, rule, fixedFacts, insiders }) => {
    const lp = await solver();
    const clock = phaseClock();
    try {
      const result = await protectTables(model, { solver: lp, rule, fixedFacts, insiders }, { onPhase: clock.onPhase, complements: "paths" });
      return {
        status: result.status,
        primary: result.primaryCount,
        secondary: result.secondaryCount,
        held: result.heldCount,
        audit: { ok: result.audit.ok, issues: result.audit.issues.length, failures: result.audit.failures },
        phases: clock.phases,
      };
    } finally {
      clock.stop();
    }
  };
}

export interface ProtectRoundInput {
  cube: Cube;
  readers: readonly Reader[];
  rule: DisclosureRule;
  /** Values published in earlier rounds (cell id → value). */
  earlierFacts?: ReadonlyMap<string, number>;
  /** Where protection runs; an engine that fails makes the round fail closed. */
  engine: ProtectEngine;
  /** Aborted when the round's job is stopped (its time budget); the engine may stop early. */
  signal?: AbortSignal;
  /**
   * Also audit against insiders (`insidersOf`): each reading organisation knows its own-row cells exactly; quantities
   * made only of its own rows are not checked for it. Default true.
   */
  insiderAudit?: boolean;
  /** Protection attempts before the round fails closed (default 3). */
  maxAttempts?: number;
  /** Cells not reported by every expected partner: never published, kept out of the model and the facts. */
  missing?: MissingCells;
}

/** Protects the round's one cover model; the final audit is the verdict. Never throws: it fails closed. */
export async function protectRound(input: ProtectRoundInput): Promise<ProtectedRound> {
  const { cube, readers, rule } = input;
  const missing = input.missing;
  const earlier = input.earlierFacts ?? new Map<string, number>();
  const maxAttempts = input.maxAttempts ?? 3;
  const finish = (pattern: RoundPattern, stats: RoundStats | null): ProtectedRound => ({ ...pattern, ...readerViews(pattern, readers), stats });
  try {
    const withheld = new Set<string>();
    const phases: PhaseTimes = {};
    for (let attempt = 1; ; attempt++) {
      const cover = buildCoverModel(cube, readers, withheld, missing);
      const { model } = cover;
      const fixedFacts: FixedFact[] = [];
      const known = new Set<string>();
      for (const [id, value] of earlier) {
        const cell = cover.cells.get(id);
        if (!cell) continue;
        fixedFacts.push({ id: factId(id), inner: model.cells[cell.index].inner, value });
        known.add(id);
      }
      const insiders = (input.insiderAudit ?? true) ? insidersOf(cover, readers, known) : [];
      const result = await input.engine({ model, rule, fixedFacts, insiders }, input.signal);
      for (const [phase, t] of Object.entries(result.phases) as [ProtectPhase, PhaseTime][]) {
        const sum = (phases[phase] ??= { ms: 0, cpuMs: 0 });
        sum.ms += t.ms;
        sum.cpuMs += t.cpuMs;
      }
      const audit = result.audit;
      const published = [...result.status.values()].filter((x) => x === "published").length;
      const stats: RoundStats = {
        modelCells: model.cells.length,
        innerCells: model.inner.length,
        primary: result.primary,
        secondary: result.secondary,
        held: result.held,
        publishedShare: model.cells.length === 0 ? 1 : published / model.cells.length,
        suppressMs: (phases.eliminate?.ms ?? 0) + (phases.loop?.ms ?? 0) + (phases.paths?.ms ?? 0) + (phases.prune?.ms ?? 0) + (phases.search?.ms ?? 0),
        auditMs: phases.audit?.ms ?? 0,
        phases: structuredClone(phases),
        auditFailures: audit.failures.length + audit.issues,
        attempts: attempt,
        withheldBlocks: [...withheld].sort(),
      };
      // Not protectable as it stands: withhold, from every reader, the blocks the failures lie in, and protect again.
      const blocks = audit.ok || audit.issues > 0 ? [] : failingBlocks(audit.failures, cover).filter((b) => !withheld.has(b));
      if (!audit.ok && blocks.length > 0 && attempt < maxAttempts) {
        for (const b of blocks) withheld.add(b);
        continue;
      }
      const mode: RoundMode = audit.ok ? "protected" : "audit-failed";
      const reason = audit.ok
        ? undefined
        : `Röjandekontrollens granskning underkände undertryckningsmönstret (${stats.auditFailures} brister); det skickas inte, och bara kommuntotaler lämnas ut.`;
      return finish({ cube, rule, mode, status: result.status, earlier, withheld, reason, missing }, stats);
    }
  } catch (err) {
    const reason = `Röjandekontrollen kunde inte köras (${err instanceof Error ? err.message : String(err)}); bara kommuntotaler lämnas ut.`;
    return finish({ cube, rule, mode: "fail-closed", status: new Map(), earlier, withheld: new Set(), reason, missing }, null);
  }
}

/** The blocks (never the municipality totals, but weekly totals too) of the cells an audit failed on, or that hold a failing implied quantity. */
function failingBlocks(failures: readonly AuditFailure[], cover: RoundCover): string[] {
  const out = new Set<string>();
  const { model, innerOf } = cover;
  // The cells (by position) over each inner cell (by position), never the municipality totals: innerOf reversed.
  const innerAt = new Map(model.inner.map((c, i) => [c.id, i]));
  const start = new Int32Array(model.inner.length + 1);
  const eachCell = (visit: (k: number, i: number) => void): void =>
    model.cells.forEach((c, k) => {
      if (!c.neverSuppress) for (let j = innerOf.start[k]; j < innerOf.start[k + 1]; j++) visit(k, innerOf.at[j]);
    });
  eachCell((_, i) => start[i + 1]++);
  for (let i = 0; i < model.inner.length; i++) start[i + 1] += start[i];
  const fill = start.slice(0, model.inner.length);
  const cellsOver = new Int32Array(start[model.inner.length]);
  eachCell((k, i) => (cellsOver[fill[i]++] = k));
  const blockOf = (id: string) => cover.cells.get(id)?.block;
  for (const f of failures) {
    const direct = blockOf(f.cellId);
    if (direct && (direct.level !== 0 || direct.periodType === "week")) {
      out.add(blockId(direct));
      continue;
    }
    // An implied quantity or a fact: withhold the blocks of the finest non-total cells over its inner cells.
    const blocks = new Set<BlockKey>();
    for (const id of f.inner) {
      const i = innerAt.get(id);
      if (i !== undefined) for (let j = start[i]; j < start[i + 1]; j++) blocks.add(cover.cells.get(model.cells[cellsOver[j]].id)!.block);
    }
    let finest = -1;
    for (const b of blocks) finest = Math.max(finest, b.level);
    for (const b of blocks) if (b.level === finest && finest > 0) out.add(blockId(b));
  }
  return [...out].sort();
}
