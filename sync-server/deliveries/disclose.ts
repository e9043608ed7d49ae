// Disclosure control of one delivery round. `protectRound` builds ONE cover model over every cell any reader below
// huvudman can see in the round (all indicators, NYKO levels, municipality totals and period types), protects it
// once with shared/disclosure and runs the independent audit. `discloseForReader` is the one function every table
// for a reader passes through: it gives the reader its subset of the pattern (suppressed cells as null, `..`),
// and fails closed (municipality totals only) when the round could not be protected or its pattern failed the audit:
// a pattern that fails the audit is never sent.
// The huvudman's view is unsuppressed and labelled `unsuppressed: true` (not for circulation).
import { auditPattern, type AuditFailure, type Insider } from "../../shared/disclosure/audit";
import type { LpSolver } from "../../shared/disclosure/lp";
import type { CellStatus, CoverModel, FixedFact, InnerCell, PublishedCell } from "../../shared/disclosure/model";
import { isDerivedSuppressed } from "../../shared/disclosure/primary";
import { protectTables } from "../../shared/disclosure/protect";
import type { Cube, CubeCell, IndicatorCube } from "../../shared/indicators/cube";
import { withinGrain } from "../../shared/indicators/grain";
import type { DeliveryCell } from "../../shared/protocol/delivery";
import type { AccessEntry } from "../stores/subscriptions";

export interface Reader {
  org: string;
  /** The huvudman sees every cell unsuppressed (no grain limit). */
  huvudman: boolean;
  /** The reader's subscriptions, already cut to its grants (ignored for the huvudman). */
  entries: readonly AccessEntry[];
}

export type RoundMode = "protected" | "audit-failed" | "fail-closed";

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
  suppressMs: number;
  auditMs: number;
  auditFailures: number;
}

export interface ProtectedRound {
  cube: Cube;
  threshold: number;
  mode: RoundMode;
  /** Status of every modelled cell id (`indicator|nyko|period`, `den:` for a submitted denominator). */
  status: ReadonlyMap<string, CellStatus>;
  /** Values every reader below huvudman may see (cell id → numerator): fixed facts for later rounds. */
  facts: Record<string, number>;
  stats: RoundStats | null;
  /** Values published in earlier rounds (a held-back revised total keeps showing its earlier value). */
  earlier: ReadonlyMap<string, number>;
  /** Blocks (`indicator|level|periodType`) withheld from every reader because the audit could not pass with them. */
  withheld: ReadonlySet<string>;
  /** Why the round failed closed or failed the audit. */
  reason?: string;
}

export interface DisclosedTable {
  cells: DeliveryCell[];
  unsuppressed: boolean;
  notes: string[];
}

export function cellId(c: Pick<CubeCell, "indicator" | "nyko" | "period">): string {
  return `${c.indicator}|${c.nyko ?? "kommun"}|${c.period}`;
}

/** The key of a block of cells withheld from every reader: one indicator at one area level and period type. */
export function blockKey(c: Pick<CubeCell, "indicator" | "level" | "periodType">): string {
  return `${c.indicator}|${c.level}|${c.periodType}`;
}

/**
 * The cells of the cube a reader below huvudman may see: its subscriptions within each indicator's grain,
 * less the blocks withheld from everyone in this round.
 */
export function visibleCells(cube: Cube, reader: Reader, withheld: ReadonlySet<string> = new Set()): { ic: IndicatorCube; index: number }[] {
  const out: { ic: IndicatorCube; index: number }[] = [];
  for (const e of reader.entries) {
    const ic = cube.get(e.indicator);
    if (!ic) continue;
    ic.cells.forEach((c, index) => {
      if (e.levels.includes(c.level) && e.periodTypes.includes(c.periodType) && withinGrain(c, ic.definition.grain) && !withheld.has(blockKey(c)))
        out.push({ ic, index });
    });
  }
  return out;
}

function measureDenominator(ic: IndicatorCube): string | null {
  const d = ic.definition.denominator;
  return d?.kind === "measure" && d.overTime === "sum" && ic.inner.denominator ? d.measure : null;
}

/** The one cover model of the round over every cell any reader below huvudman can see. */
export function buildCoverModel(
  cube: Cube,
  readers: readonly Reader[],
  withheld: ReadonlySet<string> = new Set(),
): { model: CoverModel; cellIds: Set<string>; blockOf: Map<string, string> } {
  const wanted = new Map<IndicatorCube, Set<number>>();
  for (const r of readers) {
    if (r.huvudman) continue;
    for (const { ic, index } of visibleCells(cube, r, withheld)) {
      const set = wanted.get(ic) ?? new Set<number>();
      set.add(index);
      wanted.set(ic, set);
    }
  }
  const innerCount = new Map<string, number>();
  const inner: InnerCell[] = [];
  const cells: PublishedCell[] = [];
  const blockOf = new Map<string, string>();
  const addInner = (id: string, count: number): void => {
    if (!innerCount.has(id)) {
      innerCount.set(id, count);
      inner.push({ id, count, pseudo: id.includes("|unlocated|") });
    }
  };
  for (const [ic, indices] of wanted) {
    const kind = ic.definition.numerator.kind === "count" ? "n" : `s:${ic.definition.numerator.measure}`;
    // Inner cells with the same key are the same rows in every indicator; if counts ever disagree, keep this indicator apart.
    let prefix = kind;
    for (let i = 0; i < ic.inner.size; i++) {
      const prev = innerCount.get(`${kind}|${ic.inner.keyOf(i)}`);
      if (prev !== undefined && prev !== ic.inner.numerator[i]) {
        prefix = `${ic.definition.id}:${kind}`;
        break;
      }
    }
    const ids = Array.from({ length: ic.inner.size }, (_, i) => `${prefix}|${ic.inner.keyOf(i)}`);
    ids.forEach((id, i) => addInner(id, ic.inner.numerator[i]));
    const den = measureDenominator(ic);
    const denIds = den ? Array.from({ length: ic.inner.size }, (_, i) => `${ic.definition.id}:d:${den}|${ic.inner.keyOf(i)}`) : [];
    if (den) denIds.forEach((id, i) => addInner(id, ic.inner.denominator![i]));
    for (const index of [...indices].sort((a, b) => a - b)) {
      const c = ic.cells[index];
      const members = ic.members(index);
      if (members.length === 0) continue; // no rows at all: nothing to protect, published as it stands
      cells.push({ id: cellId(c), inner: members.map((m) => ids[m]), neverSuppress: c.level === 0 });
      blockOf.set(cellId(c), blockKey(c));
      if (den) {
        cells.push({ id: `den:${cellId(c)}`, inner: members.map((m) => denIds[m]), neverSuppress: c.level === 0 });
        blockOf.set(`den:${cellId(c)}`, blockKey(c));
      }
    }
  }
  return { model: { inner, cells }, cellIds: new Set(cells.map((c) => c.id)), blockOf };
}

/** What one protection of a cover model yields: the pattern, its counts, and the independent audit's verdict. */
export interface ProtectOutcome {
  status: Map<string, CellStatus>;
  primary: number;
  secondary: number;
  held: number;
  audit: { ok: boolean; issues: number; failures: AuditFailure[] };
  suppressMs: number;
  auditMs: number;
}

export interface ProtectJob {
  model: CoverModel;
  threshold: number;
  fixedFacts: FixedFact[];
  insiders: Insider[];
}

/** Runs protectTables and then, independently, auditPattern (inline here; `protect-worker.ts` runs it off the event loop). */
export type ProtectEngine = (job: ProtectJob) => Promise<ProtectOutcome>;

export function inlineEngine(solver: () => Promise<LpSolver>): ProtectEngine {
  return async ({ model, threshold, fixedFacts, insiders }) => {
    const lp = await solver();
    const t0 = performance.now();
    // The issue's reading of the requirement: every suppressed cell, complements too, keeps an interval at least W wide
    // reaching T, for the outside attacker and for every insider.
    const rule = { solver: lp, threshold, minWidth: 2, fixedFacts, insiders, protectEverySuppressed: true };
    const result = await protectTables(model, rule);
    const t1 = performance.now();
    const audit = await auditPattern(model, result.status, rule);
    return {
      status: result.status,
      primary: result.primaryCount,
      secondary: result.secondaryCount,
      held: result.heldCount,
      audit: { ok: audit.ok, issues: audit.issues.length, failures: audit.failures },
      suppressMs: t1 - t0,
      auditMs: performance.now() - t1,
    };
  };
}

export interface ProtectRoundInput {
  cube: Cube;
  readers: readonly Reader[];
  threshold: number;
  /** Values published in earlier rounds (cell id → value). */
  earlierFacts?: ReadonlyMap<string, number>;
  /** The LP solver; a rejected promise makes the round fail closed. */
  solver: () => Promise<LpSolver>;
  /** Where protection runs (default: inline with `solver`). */
  engine?: ProtectEngine;
  /**
   * Also audit against insiders (`insidersOf`): each reading organisation knows its own-row cells exactly; quantities
   * made only of its own rows are not checked for it. Default true.
   */
  insiderAudit?: boolean;
  /** Protection attempts before the round fails closed (default 3). */
  maxAttempts?: number;
}

/** Protects the round's one cover model and audits the pattern independently. Never throws: it fails closed. */
export async function protectRound(input: ProtectRoundInput): Promise<ProtectedRound> {
  const { cube, readers, threshold } = input;
  const maxAttempts = input.maxAttempts ?? 3;
  try {
    const engine = input.engine ?? inlineEngine(input.solver);
    const withheld = new Set<string>();
    let suppressMs = 0;
    let auditMs = 0;
    for (let attempt = 1; ; attempt++) {
      const { model, blockOf } = buildCoverModel(cube, readers, withheld);
      const byId = new Map(model.cells.map((c) => [c.id, c]));
      const fixedFacts: FixedFact[] = [];
      for (const [id, value] of input.earlierFacts ?? []) {
        const cell = byId.get(id);
        if (cell) fixedFacts.push({ id: `fact:${id}`, inner: cell.inner, value });
      }
      const earlier = new Set(fixedFacts.filter((f) => byId.has(f.id.slice(5))).map((f) => f.id.slice(5)));
      const insiders = (input.insiderAudit ?? true) ? insidersOf(model, readers, earlier) : [];
      const result = await engine({ model, threshold, fixedFacts, insiders });
      suppressMs += result.suppressMs;
      auditMs += result.auditMs;
      const audit = result.audit;
      const published = [...result.status.values()].filter((x) => x === "published").length;
      const stats: RoundStats = {
        modelCells: model.cells.length,
        innerCells: model.inner.length,
        primary: result.primary,
        secondary: result.secondary,
        held: result.held,
        publishedShare: model.cells.length === 0 ? 1 : published / model.cells.length,
        suppressMs,
        auditMs,
        auditFailures: audit.failures.length + audit.issues,
        attempts: attempt,
        withheldBlocks: [...withheld].sort(),
      };
      const round: ProtectedRound = { cube, threshold, mode: audit.ok ? "protected" : "audit-failed", status: result.status, facts: {}, stats, withheld, earlier: input.earlierFacts ?? new Map() };
      // Not protectable as it stands: withhold, from every reader, the blocks the failures lie in, and protect again.
      const blocks = audit.ok || audit.issues > 0 ? [] : failingBlocks(audit.failures, model, blockOf).filter((b) => !withheld.has(b));
      if (!audit.ok && blocks.length > 0 && attempt < maxAttempts) {
        for (const b of blocks) withheld.add(b);
        continue;
      }
      if (!audit.ok)
        round.reason = `Röjandekontrollens granskning underkände undertryckningsmönstret (${stats.auditFailures} brister); det skickas inte, och bara kommuntotaler lämnas ut.`;
      round.facts = publishedFacts(round, readers);
      return round;
    }
  } catch (err) {
    const fallback: ProtectedRound = {
      cube,
      threshold,
      mode: "fail-closed",
      status: new Map(),
      facts: {},
      stats: null,
      withheld: new Set(),
      earlier: input.earlierFacts ?? new Map(),
      reason: `Röjandekontrollen kunde inte köras (${err instanceof Error ? err.message : String(err)}); bara kommuntotaler lämnas ut.`,
    };
    fallback.facts = publishedFacts(fallback, readers);
    return fallback;
  }
}

/**
 * The insider variant: each reading organisation knows exactly every cell made only of its own rows (the inner
 * cells' category key starts with `org/`) of an indicator that counts only its rows in this round, so the audit also
 * bounds every other cell with those known. A cell of an indicator several organisations count is known to none of
 * them, even where only one had rows: it cannot tell that the others had none there. Cells with
 * an earlier published value are left out of that knowledge: the audit would otherwise hold an organisation's own
 * revised cells against itself (it knows its own rows anyway), and every revision would withhold a block.
 * `own` lists the organisation's own inner cells: the audit does not check quantities made only of them for it.
 */
export function insidersOf(model: CoverModel, readers: readonly Reader[], leaveOut: ReadonlySet<string> = new Set()): Insider[] {
  const orgOfInner = (id: string): string => (id.split("|")[2] ?? "").split("/")[0];
  // The organisations whose rows an indicator counts in this round. A cell of an indicator that several count is
  // never known exactly to one of them, even when only its rows fell in it: it cannot tell that the others had none.
  const indicatorOf = (cellId: string): string => cellId.replace(/^den:/, "").split("|")[0];
  const orgsOf = new Map<string, Set<string>>();
  for (const c of model.cells) {
    const set = orgsOf.get(indicatorOf(c.id)) ?? new Set<string>();
    for (const i of c.inner) set.add(orgOfInner(i));
    orgsOf.set(indicatorOf(c.id), set);
  }
  const out: Insider[] = [];
  for (const r of readers) {
    if (r.huvudman) continue;
    const knows = model.cells
      .filter((c) => !leaveOut.has(c.id) && c.inner.every((i) => orgOfInner(i) === r.org) && orgsOf.get(indicatorOf(c.id))!.size === 1)
      .map((c) => c.id);
    const own = model.inner.filter((i) => orgOfInner(i.id) === r.org).map((i) => i.id);
    if (knows.length > 0) out.push({ id: r.org, knows, own });
  }
  return out;
}

/**
 * The issue's own insider, for checking a pattern: one who knows exactly one of its own suppressed cells, one insider
 * per such cell (the insiders of `insidersOf` know all of theirs at once).
 */
export function singleCellInsiders(insiders: readonly Insider[], status: ReadonlyMap<string, CellStatus>): Insider[] {
  return insiders.flatMap((ins) =>
    ins.knows.filter((id) => status.get(id) === "primary" || status.get(id) === "secondary").map((id) => ({ id: `${ins.id}:${id}`, knows: [id], own: ins.own })),
  );
}

/** The blocks (never the municipality totals) of the cells an audit failed on, or that hold a failing implied quantity. */
function failingBlocks(failures: readonly AuditFailure[], model: CoverModel, blockOf: ReadonlyMap<string, string>): string[] {
  const out = new Set<string>();
  const byInner = new Map<string, string[]>();
  for (const c of model.cells) {
    if (c.neverSuppress) continue;
    for (const i of c.inner) {
      const list = byInner.get(i) ?? [];
      list.push(c.id);
      byInner.set(i, list);
    }
  }
  for (const f of failures) {
    const direct = blockOf.get(f.cellId);
    if (direct && !direct.split("|")[1].startsWith("0")) {
      out.add(direct);
      continue;
    }
    // An implied quantity or a fact: withhold the blocks of the finest non-total cells over its inner cells.
    const cells = new Set(f.inner.flatMap((i) => byInner.get(i) ?? []));
    let finest = -1;
    for (const id of cells) finest = Math.max(finest, Number(blockOf.get(id)?.split("|")[1] ?? -1));
    for (const id of cells) {
      const b = blockOf.get(id);
      if (b && Number(b.split("|")[1]) === finest && finest > 0) out.add(b);
    }
  }
  return [...out].sort();
}

function publishedFacts(round: ProtectedRound, readers: readonly Reader[]): Record<string, number> {
  const facts: Record<string, number> = {};
  for (const r of readers) {
    if (r.huvudman) continue;
    const table = discloseForReader(round, r);
    for (const c of table.cells) {
      if (c.suppressed) continue;
      const ic = round.cube.get(c.indicator);
      const at = ic ? ic.cellIndex(c.nyko, c.periodType, c.period) : -1;
      const held = round.status.get(cellId(c)) === "held" ? round.earlier.get(cellId(c)) : undefined;
      if (ic && at >= 0) facts[cellId(c)] = held ?? ic.cells[at].numerator;
    }
  }
  return facts;
}

const SUPPRESSION_NOTE = "Värden som visas som .. är undertryckta (röjandekontroll: för få händelser, eller för att ett litet värde annars kunde räknas fram ur andra celler).";

/** THE function every table for a reader passes through. */
export function discloseForReader(round: ProtectedRound, reader: Reader): DisclosedTable {
  const strip = (c: CubeCell, suppressed: boolean): DeliveryCell => ({
    indicator: c.indicator,
    nyko: c.nyko,
    level: c.level,
    periodType: c.periodType,
    period: c.period,
    value: suppressed ? null : c.value,
    suppressed,
  });
  if (reader.huvudman) {
    const cells = round.cube.indicators.flatMap((ic) => ic.cells.map((c) => strip(c, false)));
    return { cells, unsuppressed: true, notes: ["Ej för spridning: huvudmannens egen vy utan röjandekontroll."] };
  }
  const visible = visibleCells(round.cube, reader, round.withheld);
  // Fail closed: a pattern that could not be made, or that failed the audit, is never sent; only municipality totals are.
  if (round.mode !== "protected") {
    const cells = visible.filter(({ ic, index }) => ic.cells[index].level === 0).map(({ ic, index }) => strip(ic.cells[index], false));
    return { cells, unsuppressed: false, notes: [round.reason ?? "Bara kommuntotaler lämnas ut."] };
  }
  const suppressedId = (id: string): boolean => {
    const s = round.status.get(id);
    return s !== undefined && s !== "published";
  };
  const cells = visible.map(({ ic, index }) => {
    const c = ic.cells[index];
    const id = cellId(c);
    if (ic.definition.denominator === undefined) {
      // A municipality total whose revision is held back keeps showing the value published earlier.
      const held = round.status.get(id) === "held" ? round.earlier.get(id) : undefined;
      if (held !== undefined) return { ...strip(c, false), value: held };
      return strip(c, suppressedId(id));
    }
    const den = c.denominator === null ? undefined : { value: c.denominator, suppressed: suppressedId(`den:${id}`) };
    return strip(c, isDerivedSuppressed({ value: c.numerator, suppressed: suppressedId(id) }, den, round.threshold));
  });
  const notes = [SUPPRESSION_NOTE];
  const mine = [...round.withheld].filter((b) => reader.entries.some((e) => b.startsWith(`${e.indicator}|`)));
  if (mine.length > 0) notes.push(`Tabeller som inte kunde skyddas och därför inte lämnas ut denna gång (indikator|nivå|periodtyp): ${mine.join(", ")}.`);
  return { cells, unsuppressed: false, notes };
}
