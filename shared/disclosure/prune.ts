// Redundancy pruning after secondary suppression: a secondary cell that is no longer needed (later rounds of the
// suppressor opened other complements that now do its work) is published again, but only when the independent
// audit of its sub-model still passes with it published. Candidates are first cut to those whose publication keeps
// every sensitive quantity linearly free (Gaussian elimination, the caller's), then tested in batches that are
// halved when the audit refuses them (`openAuditProbe`: the audit's own LPs, kept open between probes). Ordering is
// by a fixed preference, and the work is bounded by a number of probes, not by time, so the result is deterministic.
import { openAuditProbe, type AuditOptions, type AuditProbe } from "./audit";
import type { CellStatus, CompiledModel, CoverModel } from "./model";

export interface PruneInput {
  model: CoverModel;
  m: CompiledModel;
  /** Status of each distinct cell, as names; changed in place for every cell published again. */
  status: CellStatus[];
  /** Secondary cells (distinct-cell indices) that may be published again, most wanted first. */
  candidates: readonly number[];
  /** The audit's settings, facts and insiders. */
  audit: AuditOptions;
  /** A probe already open on this pattern (its witnesses are reused; the caller disposes of it). */
  probe?: AuditProbe;
  /** Upper bound on audit probes (each checks the sub-model of one batch again). */
  maxProbes: number;
  /** Upper bound on the LPs the probes solve (large sub-models make each probe dearer). Default: none. */
  maxLps?: number;
}

export interface PruneResult {
  /** Cells published again. */
  published: number[];
  /** Candidates the audit refused on their own (a probe of that cell alone). */
  refused: number[];
  probes: number;
  lps: number;
}

export async function pruneSecondaries(input: PruneInput): Promise<PruneResult> {
  const { m, status } = input;
  const pattern = new Map<string, CellStatus>();
  m.cells.forEach((c, k) => {
    for (const id of c.ids) pattern.set(id, status[k]);
  });
  const probe = input.probe ?? openAuditProbe(input.model, pattern, input.audit);
  if (!probe) return { published: [], refused: [], probes: 0, lps: 0 };
  const lps0 = probe.lps;
  // One batch per sub-model of the audit, so that a refusal in one does not take the others with it.
  const byComponent = new Map<number, number[]>();
  for (const k of input.candidates) {
    const comp = probe.componentOf(m.cells[k].ids[0]);
    const list = byComponent.get(comp) ?? [];
    list.push(k);
    byComponent.set(comp, list);
  }
  const maxLps = input.maxLps ?? Infinity;
  const published: number[] = [];
  const refused: number[] = [];
  let probes = 0;
  const settle = (batch: readonly number[]): void => {
    if (batch.length === 0 || probes >= input.maxProbes || probe.lps - lps0 >= maxLps) return;
    probes++;
    if (probe.tryPublish(batch.map((k) => m.cells[k].ids[0]))) {
      for (const k of batch) status[k] = "published";
      published.push(...batch);
      return;
    }
    if (batch.length === 1) {
      refused.push(batch[0]);
      return;
    }
    const mid = Math.ceil(batch.length / 2);
    settle(batch.slice(0, mid));
    settle(batch.slice(mid));
  };
  try {
    for (const comp of [...byComponent.keys()].sort((a, b) => a - b)) settle(byComponent.get(comp)!);
  } finally {
    if (!input.probe) probe.dispose();
  }
  return { published: published.sort((a, b) => a - b), refused: refused.sort((a, b) => a - b), probes, lps: probe.lps - lps0 };
}
