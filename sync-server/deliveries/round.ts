// One delivery round: the cube of the complete half-months, protected once for every reader, then one numbered,
// stored snapshot per organisation (its subscriptions; the huvudman's own view unsuppressed). A round whose
// pattern fails the audit sends nothing to readers below huvudman.
import { stockholmTime } from "../../shared/periods/stockholm";
import { alarmMarks } from "../alerts/marks";
import type { IndicatorDefinition } from "../../shared/indicators/schema";
import { grainText } from "../../shared/indicators/grain";
import { reportingHeadline } from "../../shared/indicators/reporting";
import type { Delivery } from "../../shared/protocol/delivery";
import { appendAudit } from "../audit/log";
import type { Clock } from "../clock";
import { inTransaction, type Db } from "../db/database";
import type { JobControl, JobRunner } from "../jobs/runner";
import type { Logger } from "../logger";
import {
  commitRound, discardSavingRound, discardSavingRounds, earlierFacts, getDeliverySettings, insertDeliveryHead, insertDeliveryPart, insertSavingRound, jsonParts, nextDeliveryNumber,
  slotTaken, type RoundStatus,
} from "../stores/deliveries";
import { listOrganisations } from "../stores/organisations";
import { intersectWithGrants, listGrants, listSubscriptions, type AccessEntry } from "../stores/subscriptions";
import { deliveryRange, type CubeRange, type CubeSource } from "./cube-source";
import { publishedReader, type Reader } from "./cover-model";
import { deliveryRule, protectRound, type ProtectEngine, type RoundStats } from "./protect-round";
import { discloseForReader } from "./reader-views";
import { loadReportingState } from "../reporting/state";
import { getUncertaintySettings } from "../stores/uncertainty";
import { DEFAULT_LEVEL } from "../../shared/stats/intervals";
import { SHARE_METHOD, uncertainNote } from "../../shared/stats/cell-uncertainty";
import { uncertaintyMarks } from "./uncertainty-marks";

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  cubes: CubeSource;
  /** Where protection runs (`services.ts`: configuration). */
  engine: ProtectEngine;
  /** Runs rounds one at a time within their time budget (`deliveries/run.ts`). */
  jobs: JobRunner;
  /** How long a round may run before it is stopped (nothing of it is stored). */
  roundBudgetMs: number;
  logger?: Logger;
  /** Makes the round's plan elsewhere (a worker thread: `round-worker.ts`); absent, it is made on the event loop. */
  plan?: (at: Date, control?: JobControl) => Promise<RoundPlan>;
  /** How long one stage of a round's save writes before the event loop gets a turn (default `DEFAULT_SAVE_SLICE_MS`). */
  saveSliceMs?: number;
}

export interface RoundOutcome {
  roundId: number;
  slot: string;
  status: RoundStatus;
  lastPeriod: string;
  deliveries: { org: string; number: number }[];
  /** Organisations that got municipality totals only, because the pattern failed the audit or could not be made. */
  withheld: string[];
  stats: RoundStats | null;
}

/** Every organisation that reads: huvudman organisations, and others with at least one granted subscription. */
export function readersOf(db: Db): Reader[] {
  const out: Reader[] = [];
  for (const o of listOrganisations(db)) {
    if (o.isHuvudman) {
      out.push({ org: o.id, huvudman: true, entries: [] });
      continue;
    }
    const grants = listGrants(db, o.id);
    const entries = listSubscriptions(db, o.id)
      .map((s) => intersectWithGrants(s, grants))
      .filter((s): s is AccessEntry => s !== null);
    if (entries.length > 0) out.push({ org: o.id, huvudman: false, entries });
  }
  return out;
}

export function definitionSummaries(definitions: readonly IndicatorDefinition[], ids: ReadonlySet<string>): Delivery["definitions"] {
  return definitions
    .filter((d) => ids.has(d.id))
    .map((d) => ({ id: d.id, version: d.version, title: d.title, unit: d.unit, factor: d.factor, description: d.description }));
}

function grainNotes(definitions: readonly IndicatorDefinition[], ids: ReadonlySet<string>): string[] {
  return definitions
    .filter((d) => ids.has(d.id))
    .map((d) => `${d.title}: publiceras som finast ${grainText(d.grain)}.`);
}

const DOUBLE_REPORTING_NOTE =
  "En händelse som flera parter rapporterat (sannolik dubblett, som huvudmannen kan underkänna) räknas en gång i indikatorer över flera parter; i en parts egna indikatorer räknas varje rad.";

const INTERVAL_NOTE =
  "Intervallen (låg–hög) är 95 % konfidensintervall beräknade ur det publicerade värdet: exakt Poisson (Garwood) för antal och antal per 1 000 invånare, Clopper–Pearson för andelar. Skyddade och saknade celler har inget intervall. En förändring kallas förändring bara när ett exakt test visar det (annars: ingen säker förändring).";

export const MANUAL_SLOT = "manual:";

/** A round's slot key as a reader sees it: "schemalagd 2026-03-05 06:00" or "körd för hand 2026-12-06 03:52" (Stockholm time). */
export function slotText(slot: string): string {
  return slot.startsWith(MANUAL_SLOT) ? `körd för hand ${stockholmTime(slot.slice(MANUAL_SLOT.length))}` : `schemalagd ${stockholmTime(slot)}`;
}

/** A reader's delivery as planned, before the round's save gives it its number, time and source: the rest of it
 * (threshold, unsuppressed, definitions, cells, notes) already as JSON cut into the parts it is stored in, so the
 * save only prepends the head to the first part. */
export interface PlannedDelivery {
  org: string;
  /** `JSON.stringify` of the delivery's fields after `source`, as an object, cut by `jsonParts`. */
  restParts: string[];
}

type DeliveryRest = Omit<Delivery, "org" | "number" | "createdAt" | "source">;

/** The stored JSON of a delivery: its fields in the order of the Delivery type, the planned rest verbatim. */
export function deliveryJson(head: Pick<Delivery, "org" | "number" | "createdAt" | "source">, rest: string): string {
  const start = JSON.stringify({ org: head.org, number: head.number, createdAt: head.createdAt, source: head.source });
  return rest === "{}" ? start : `${start.slice(0, -1)},${rest.slice(1)}`;
}

/** The stored JSON of a delivery in parts: the head joined to the first part of the rest, the other parts as they are. */
export function deliveryJsonParts(head: Pick<Delivery, "org" | "number" | "createdAt" | "source">, restParts: readonly string[]): string[] {
  return [deliveryJson(head, restParts[0]), ...restParts.slice(1)];
}

/**
 * Everything a round computes before it writes (`planRound`): the cube, its protection and every reader's
 * delivery. Plain data, so a worker thread can make it (`round-worker.ts`); the save only numbers and stores it.
 */
export interface RoundPlan {
  range: CubeRange;
  status: RoundStatus;
  stats: RoundStats | null;
  reason: string | null;
  cubeMs: number;
  /** The last half-month every expected partner has reported (or null). */
  completeThrough: string | null;
  facts: Record<string, number>;
  deliveries: PlannedDelivery[];
  /** Organisations that got municipality totals only. */
  withheld: string[];
}

/** What planning reads besides the database: the cube source, the protection engine and how to stop early. */
export interface PlanDeps {
  db: Db;
  cubes: CubeSource;
  engine: ProtectEngine;
}

/** Builds the cube of the round at `at`, protects it once and makes every reader's delivery; writes nothing. */
export async function planRound(deps: PlanDeps, at: Date, control?: JobControl): Promise<RoundPlan> {
  const { db } = deps;
  const settings = getDeliverySettings(db);
  const uncertainty = { ...getUncertaintySettings(db), level: DEFAULT_LEVEL };
  const range = deliveryRange(at, settings.deadlineDays, settings.historyMonths);
  control?.step("bygger kuben");
  const snapshot = deps.cubes.get(range, at);
  const readers = readersOf(db);
  // Reported, zero, missing: a cell is a number only when every expected partner has reported its whole period.
  const reportingState = loadReportingState(db, range);
  const reporting = reportingState.summary();
  const missing = reportingState.missing(snapshot.definitions);
  control?.step("skyddar tabellerna");
  const facts = earlierFacts(db);
  // Every value published before (earlier rounds, released requests) is in the model as a fixed fact, whatever the
  // readers see now.
  const round = await protectRound({
    cube: snapshot.cube, readers: [...readers, publishedReader(facts)], rule: deliveryRule(settings.threshold), earlierFacts: facts, engine: deps.engine, signal: control?.signal, missing,
  });
  const status: RoundStatus = round.mode === "protected" ? "sent" : round.mode;
  const deliveries: PlannedDelivery[] = [];
  const withheld: string[] = [];
  for (const reader of readers) {
    const table = round.views.get(reader.org) ?? discloseForReader(round, reader);
    if (!reader.huvudman && round.mode !== "protected") withheld.push(reader.org);
    const ids = new Set(table.cells.map((c) => c.indicator));
    const rest: DeliveryRest = {
      threshold: settings.threshold,
      unsuppressed: table.unsuppressed,
      definitions: definitionSummaries(snapshot.definitions, ids),
      // Early-warning marks from each cell's own published half-month series (never from suppressed or weekly data);
      // intervals, "osäker" and change marks from each published value and its public base.
      cells: uncertaintyMarks(alarmMarks(table.cells), snapshot.cube, uncertainty),
      notes: [reportingHeadline(reporting), ...table.notes, ...(reader.huvudman ? [] : grainNotes(snapshot.definitions, ids)), DOUBLE_REPORTING_NOTE, INTERVAL_NOTE, uncertainNote(uncertainty.minBase)],
      uncertainty: { level: uncertainty.level, minBase: uncertainty.minBase, shareMethod: SHARE_METHOD },
      reporting,
    };
    deliveries.push({ org: reader.org, restParts: jsonParts(JSON.stringify(rest)) });
  }
  return { range, status, stats: round.stats, reason: round.reason ?? null, cubeMs: Math.round(snapshot.buildMs), completeThrough: reporting.completeThrough, facts: round.facts, deliveries, withheld };
}

/** How long one stage of a round's save may write before the event loop gets a turn (at least one delivery a stage). */
export const DEFAULT_SAVE_SLICE_MS = 8;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes the plan's deliveries under the round `roundId` (status `saving`, invisible to readers) in stages. Each
 * delivery's JSON is stored in parts (`jsonParts`: the huvudman's unsuppressed view is megabytes); each stage is one
 * small transaction of as many parts as fit in `sliceMs` (at least one), then a turn of the event loop, so requests
 * are answered while a round is saved. Checks `control` before every stage.
 */
async function stageDeliveries(
  deps: DeliveryDeps, roundId: number, slot: string, plan: RoundPlan, createdAt: string, control?: JobControl,
): Promise<{ org: string; number: number }[]> {
  const { db } = deps;
  const sliceMs = deps.saveSliceMs ?? DEFAULT_SAVE_SLICE_MS;
  const source = `Lägesbild leveransomgång ${roundId} (${slotText(slot)}), data till och med ${plan.range.lastPeriod}`;
  const out: { org: string; number: number }[] = [];
  let next = 0;
  // The delivery whose parts are being written, and the next part of it.
  let current: { org: string; number: number; parts: string[]; seq: number } | null = null;
  const more = () => next < plan.deliveries.length || (current !== null && current.seq < current.parts.length);
  const writeOne = () => {
    if (current && current.seq < current.parts.length) {
      insertDeliveryPart(db, current.org, current.number, current.seq, current.parts[current.seq]);
      current.seq++;
      return;
    }
    const { org, restParts } = plan.deliveries[next++];
    const number = nextDeliveryNumber(db, org);
    const parts = deliveryJsonParts({ org, number, createdAt, source }, restParts);
    insertDeliveryHead(db, { org, number, roundId, createdAt }, parts[0], parts.length);
    current = { org, number, parts, seq: 1 };
    out.push({ org, number });
  };
  while (more()) {
    control?.step(`sparar leveranserna (${out.length} av ${plan.deliveries.length})`);
    const stageStart = performance.now();
    inTransaction(db, () => {
      do writeOne();
      while (more() && performance.now() - stageStart < sliceMs);
    });
    await nextTurn();
  }
  return out;
}

/**
 * Runs the round of `slot` with completeness judged at `at`; nothing happens if the slot already has a round.
 * Under a job (`deliveries/run.ts`) each step is reported to `control`, which throws once the job is stopped. The
 * plan is made in a worker thread when `deps.plan` says so (the server over a database file), else on the event
 * loop. The save is staged: the round is stored as `saving`, its deliveries are written a few at a time across
 * event-loop turns (`stageDeliveries`), and one small commit makes the round and all its deliveries visible at once.
 * A round stopped or failing before that commit is deleted; one left by a killed process is deleted at the next
 * start (`discardUnfinishedRounds`). Readers never see a round in `saving`.
 */
export async function runRound(deps: DeliveryDeps, slot: string, at: Date, control?: JobControl): Promise<RoundOutcome | null> {
  const { db } = deps;
  if (slotTaken(db, slot)) return null;
  const started = performance.now();
  const plan = deps.plan ? await deps.plan(at, control) : await planRound(deps, at, control);
  control?.step("sparar leveranserna");
  const { range, status } = plan;
  const createdAt = deps.clock.now().toISOString();
  const roundId = inTransaction(db, () =>
    slotTaken(db, slot) ? null : insertSavingRound(db, { slot, ran_at: createdAt, last_period: range.lastPeriod, facts: JSON.stringify(plan.facts) }),
  );
  if (roundId === null) return null;
  let deliveries: { org: string; number: number }[];
  try {
    await nextTurn();
    deliveries = await stageDeliveries(deps, roundId, slot, plan, createdAt, control);
    control?.step("gör leveranserna synliga");
  } catch (err) {
    inTransaction(db, () => discardSavingRound(db, roundId));
    throw err;
  }
  const withheld = plan.withheld;
  const summary = { range, stats: plan.stats, reason: plan.reason, cubeMs: plan.cubeMs, completeThrough: plan.completeThrough, durationMs: Math.round(performance.now() - started) };
  inTransaction(db, () => {
    commitRound(db, roundId, status, JSON.stringify(summary));
    appendAudit(db, deps.clock, {
      actor: "system",
      action: status === "audit-failed" ? "delivery.withheld" : "delivery.round",
      details: { roundId, slot, status, lastPeriod: range.lastPeriod, deliveries, withheld, stats: plan.stats, reason: plan.reason },
    });
  });
  deps.logger?.info({ roundId, slot, status, deliveries: deliveries.length, withheld: withheld.length }, "delivery round");
  return { roundId, slot, status, lastPeriod: range.lastPeriod, deliveries, withheld, stats: plan.stats };
}

/**
 * At start: deletes every round a killed process left in `saving` with its staged deliveries (none of it was ever
 * visible), so the slot can run again and lands once. Returns the ids deleted.
 */
export function discardUnfinishedRounds(ctx: { db: Db; clock: Clock; logger?: Logger }): number[] {
  const ids = inTransaction(ctx.db, () => {
    const discarded = discardSavingRounds(ctx.db);
    if (discarded.length > 0) appendAudit(ctx.db, ctx.clock, { actor: "system", action: "delivery.discarded", details: { roundIds: discarded } });
    return discarded;
  });
  if (ids.length > 0) ctx.logger?.warn({ roundIds: ids }, "unfinished delivery rounds discarded");
  return ids;
}
