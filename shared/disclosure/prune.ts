// Redundancy pruning after secondary suppression: a secondary cell that is no longer needed (later rounds of the
// suppressor opened other complements that now do its work) is published again, but only when the independent
// audit of its sub-model still passes with it published. Candidates are first cut to those whose publication keeps
// every sensitive quantity linearly free (Gaussian elimination, the caller's), then tested in batches that are
// halved when the audit refuses them (`openAuditProbe`: the audit's own LPs, kept open between probes). Ordering is
// by a fixed preference, and the work is bounded by a number of probes, not by time, so the result is deterministic.
import { openAuditProbe, type AuditOptions, type Insider } from "./audit";
import type { CellStatus, CompiledModel, CoverModel, FixedFact } from "./model";

export interface PruneInput {
  model: CoverModel;
  m: CompiledModel;
  /** Status of each distinct cell, as names; changed in place for every cell published again. */
  status: CellStatus[];
  /** Secondary cells (distinct-cell indices) that may be published again, most wanted first. */
  candidates: readonly number[];
  audit: Omit<AuditOptions, "fixedFacts" | "insiders">;
  fixedFacts: readonly FixedFact[];
  insiders: readonly Insider[];
  /** Upper bound on audit probes (each checks the sub-model of one batch again). */
  maxProbes: number;
  /** Upper bound on the LPs the probes solve (large sub-models make each probe dearer). Default: none. */
  maxLps?: number;
}

export interface PruneResult {
  /** Cells published again. */
  published: number[];
  probes: number;
  lps: number;
}

export async function pruneSecondaries(input: PruneInput): Promise<PruneResult> {
  const { m, status } = input;
  const componentOfCell = components(input);
  const byComponent = new Map<number, number[]>();
  for (const k of input.candidates) {
    const list = byComponent.get(componentOfCell[k]) ?? [];
    list.push(k);
    byComponent.set(componentOfCell[k], list);
  }
  const pattern = new Map<string, CellStatus>();
  m.cells.forEach((c, k) => {
    for (const id of c.ids) pattern.set(id, status[k]);
  });
  const probe = openAuditProbe(input.model, pattern, { ...input.audit, fixedFacts: input.fixedFacts, insiders: input.insiders });
  if (!probe) return { published: [], probes: 0, lps: 0 };
  const maxLps = input.maxLps ?? Infinity;
  const published: number[] = [];
  let probes = 0;
  const settle = (batch: readonly number[]): void => {
    if (batch.length === 0 || probes >= input.maxProbes || probe.lps >= maxLps) return;
    probes++;
    if (probe.tryPublish(batch.map((k) => m.cells[k].ids[0]))) {
      for (const k of batch) status[k] = "published";
      published.push(...batch);
      return;
    }
    if (batch.length === 1) return;
    const mid = Math.ceil(batch.length / 2);
    settle(batch.slice(0, mid));
    settle(batch.slice(mid));
  };
  try {
    for (const comp of [...byComponent.keys()].sort((a, b) => a - b)) settle(byComponent.get(comp)!);
  } finally {
    probe.dispose();
  }
  return { published: published.sort((a, b) => a - b), probes, lps: probe.lps };
}

/** Independent sub-models of the cover (inner cells linked by a cell, a fact or a constraint), per distinct cell. */
function components(input: PruneInput): Int32Array {
  const { m } = input;
  const parent = Int32Array.from({ length: m.innerIds.length }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const link = (indices: ArrayLike<number>): void => {
    for (let j = 1; j < indices.length; j++) {
      const x = find(indices[0]);
      const y = find(indices[j]);
      if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
    }
  };
  for (const c of m.cells) link(c.inner);
  for (const c of m.constraints) link(c.inner);
  for (const f of input.fixedFacts) link(f.inner.map((id) => m.innerIndex.get(id)).filter((i): i is number => i !== undefined));
  return Int32Array.from(m.cells, (c) => find(c.inner[0]));
}
