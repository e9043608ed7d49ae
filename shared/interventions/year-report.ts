// The interventions of a year for the yearly report: those active some time in the year (started by its end, not
// ended before its start, not archived), each evaluated on the published cells the server gives for it.
import { INTERVENTION_KINDS, type Intervention, type InterventionCells } from "../protocol/interventions";
import type { YearReportIntervention } from "../reports/year-report";
import { evaluateIntervention } from "./evaluate";

/** Whether the intervention runs some time in `year`. */
export function activeInYear(i: Pick<Intervention, "startDate" | "endDate" | "status">, year: number): boolean {
  return i.status === "active" && i.startDate <= `${year}-12-31` && (i.endDate === null || i.endDate >= `${year}-01-01`);
}

/** Evaluates every intervention active in `year` for the report (one sentence per indicator, the first one's figures). */
export async function yearReportInterventions(
  interventions: readonly Intervention[],
  cellsOf: (id: number) => Promise<InterventionCells>,
  year: number,
): Promise<YearReportIntervention[]> {
  const out: YearReportIntervention[] = [];
  for (const i of interventions.filter((x) => activeInYear(x, year))) {
    const data = await cellsOf(i.id);
    const titles = Object.fromEntries(data.definitions.map((d) => [d.id, d.title]));
    const ev = evaluateIntervention(i, data.cells, { titles });
    const first = ev.results[0];
    out.push({
      name: i.name,
      kind: INTERVENTION_KINDS[i.kind],
      orgs: i.orgs,
      areas: i.areas,
      start: i.startDate,
      end: i.endDate,
      indicators: i.indicators.map((id) => titles[id] ?? id),
      evaluation: ev.results.map((r) => r.sentence).join(" "),
      estimate: first?.estimate ?? null,
      low: first?.low ?? null,
      high: first?.high ?? null,
    });
  }
  return out;
}
