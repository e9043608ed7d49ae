// Redundancy pruning after secondary suppression: a secondary cell that is no longer needed (later rounds of the
// suppressor opened other complements that now do its work) is published again, but only when the independent
// audit of its sub-model still passes with it published. Candidates are first cut to those whose publication keeps
// every sensitive quantity linearly free (Gaussian elimination, the caller's), then tested in batches that are
// halved when the audit refuses them. Ordering is by cell index within a fixed preference, and the work is bounded
// by a number of audit probes, not by time, so the result is deterministic.
import { auditPattern, type AuditOptions, type Insider } from "./audit";
import type { CellStatus, CompiledModel, CoverModel, FixedFact, LinearConstraint, PublishedCell } from "./model";

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
  /** Upper bound on audit probes (each audits one sub-model). */
  maxProbes: number;
}

export interface PruneResult {
  /** Cells published again. */
  published: number[];
  probes: number;
}

interface SubModel {
  model: CoverModel;
  cells: number[];
  fixedFacts: FixedFact[];
  insiders: Insider[];
}

export async function pruneSecondaries(input: PruneInput): Promise<PruneResult> {
  const { m, status } = input;
  const subOf = subModels(input);
  const byComponent = new Map<number, number[]>();
  for (const k of input.candidates) {
    const comp = subOf.componentOfCell[k];
    const list = byComponent.get(comp) ?? [];
    list.push(k);
    byComponent.set(comp, list);
  }
  const published: number[] = [];
  let probes = 0;
  const patternOf = (sub: SubModel): Map<string, CellStatus> => {
    const out = new Map<string, CellStatus>();
    for (const k of sub.cells) for (const id of m.cells[k].ids) out.set(id, status[k]);
    return out;
  };
  const tryPublish = async (sub: SubModel, batch: readonly number[]): Promise<boolean> => {
    probes++;
    for (const k of batch) status[k] = "published";
    const audit = await auditPattern(sub.model, patternOf(sub), { ...input.audit, fixedFacts: sub.fixedFacts, insiders: sub.insiders });
    if (audit.ok) return true;
    for (const k of batch) status[k] = "secondary";
    return false;
  };
  const settle = async (sub: SubModel, batch: readonly number[]): Promise<void> => {
    if (batch.length === 0 || probes >= input.maxProbes) return;
    if (await tryPublish(sub, batch)) {
      published.push(...batch);
      return;
    }
    if (batch.length === 1) return;
    const mid = Math.ceil(batch.length / 2);
    await settle(sub, batch.slice(0, mid));
    await settle(sub, batch.slice(mid));
  };
  for (const comp of [...byComponent.keys()].sort((a, b) => a - b)) {
    await settle(subOf.build(comp), byComponent.get(comp)!);
  }
  return { published: published.sort((a, b) => a - b), probes };
}

/** Independent sub-models of the cover: inner cells linked by a cell, a fact or a constraint. */
function subModels(input: PruneInput): { componentOfCell: Int32Array; build: (comp: number) => SubModel } {
  const { model, m } = input;
  const n = m.innerIds.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
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
  const indicesOf = (ids: readonly string[]): number[] => ids.map((id) => m.innerIndex.get(id)).filter((i): i is number => i !== undefined);
  for (const c of m.cells) link(c.inner);
  for (const c of m.constraints) link(c.inner);
  for (const f of input.fixedFacts) link(indicesOf(f.inner));
  const componentOfCell = Int32Array.from(m.cells, (c) => find(c.inner[0]));
  const compOfInnerId = (id: string): number => {
    const i = m.innerIndex.get(id);
    return i === undefined ? -1 : find(i);
  };
  const compOfCellId = (id: string): number => {
    const k = m.cellIndex.get(id);
    return k === undefined ? -1 : componentOfCell[k];
  };
  const build = (comp: number): SubModel => {
    const cells: PublishedCell[] = model.cells.filter((c) => compOfCellId(c.id) === comp);
    const constraints: LinearConstraint[] = (model.constraints ?? []).filter((con) =>
      con.terms.some((t) => ("cell" in t ? compOfCellId(t.cell) : compOfInnerId(t.inner)) === comp),
    );
    return {
      model: { inner: model.inner.filter((c) => compOfInnerId(c.id) === comp), cells, constraints },
      cells: m.cells.map((_, k) => k).filter((k) => componentOfCell[k] === comp),
      fixedFacts: input.fixedFacts.filter((f) => f.inner.length > 0 && compOfInnerId(f.inner[0]) === comp),
      insiders: input.insiders
        .map((ins) => ({
          id: ins.id,
          knows: ins.knows.filter((id) => compOfCellId(id) === comp),
          own: ins.own?.filter((id) => compOfInnerId(id) === comp),
        }))
        .filter((ins) => ins.knows.length > 0 || (ins.own?.length ?? 0) > 0),
    };
  };
  return { componentOfCell, build };
}
