// The product's alarm rule, measured two ways:
// 1. on synthetic municipalities (seeded; demo density, seasonality, trends, noise, planted escalations of several
//    sizes): per indicator, the share of NYKO-3 half-month cells outside the escalations that carry an alarm (goal
//    at most 2 %) and how many planted escalations of at least twice the baseline lasting two weeks or more are
//    flagged within two half-months of their start (goal: every one), for the subscribers' half-month marks and the
//    huvudman's weekly table;
// 2. on the demo data: the planted escalation and the alarms elsewhere in the weekly table.
import { ALARM_RULE } from "../../shared/alerts/rule";
import { oracleTable } from "../alerts/power";
import { alarmsElsewhere, demoAlerts, escalationVerdicts } from "../alerts/demo-eval";
import { ESCALATION_FACTORS, ESCALATION_WEEKS, syntheticMunicipality } from "../alerts/synthetic";
import { evaluate, FLAG_WITHIN_HALF_MONTHS, type AlarmPath, type IndicatorFigures } from "../alerts/synthetic-eval";

const SEEDS = [20261206, 7];
// The weekly path fits Farrington for about four times as many periods: one municipality.
const WEEKLY_SEEDS = SEEDS.slice(0, 1);
const pct = (a: number, b: number) => (b === 0 ? "–" : `${((100 * a) / b).toFixed(2)} %`);

function printFigures(path: AlarmPath, figures: IndicatorFigures[]): void {
  const merged = new Map<string, IndicatorFigures>();
  for (const f of figures) {
    const m = merged.get(f.indicator);
    if (!m) merged.set(f.indicator, { ...f, escalations: [...f.escalations] });
    else {
      m.quietCells += f.quietCells;
      m.quietAlarms += f.quietAlarms;
      m.goalEscalations += f.goalEscalations;
      m.goalFlagged += f.goalFlagged;
      m.escalations.push(...f.escalations);
    }
  }
  console.log(`  ${path === "halfmonth" ? "half-month marks (subscribers)" : "weekly table (huvudman), a week's alarm carried by the half-month of its Thursday"}:`);
  console.log(`    ${"indicator".padEnd(26)} ${"alarms outside".padStart(16)} ${"≥2× ≥2 w flagged".padStart(18)}   by size (flagged/planted)`);
  let cells = 0, alarms = 0, goal = 0, flagged = 0;
  for (const f of merged.values()) {
    cells += f.quietCells;
    alarms += f.quietAlarms;
    goal += f.goalEscalations;
    flagged += f.goalFlagged;
    const bySize = ESCALATION_FACTORS.map((factor) => {
      const es = f.escalations.filter((e) => e.escalation.factor === factor);
      return `${factor}×: ${es.filter((e) => e.flagged).length}/${es.length}`;
    }).join(", ");
    const share = f.quietCells === 0 ? 0 : f.quietAlarms / f.quietCells;
    console.log(`    ${f.indicator.padEnd(26)} ${`${pct(f.quietAlarms, f.quietCells)}${share <= 0.02 ? " ok" : " OVER"}`.padStart(16)} ${`${f.goalFlagged}/${f.goalEscalations}${f.goalFlagged === f.goalEscalations ? " ok" : " MISSED"}`.padStart(18)}   ${bySize}`);
  }
  console.log(`    ${"all indicators".padEnd(26)} ${pct(alarms, cells).padStart(16)} ${`${flagged}/${goal}`.padStart(18)}`);
}

export async function run(): Promise<void> {
  console.log(`Rule: alpha ${ALARM_RULE.alpha}, persistence alpha ${ALARM_RULE.persistenceAlpha}, at least ${ALARM_RULE.minCount} cases and ${ALARM_RULE.minRatio}× the expected count.`);
  console.log(`Synthetic municipalities (seeds ${SEEDS.join(", ")}; weekly ${WEEKLY_SEEDS.join(", ")}): 38 NYKO-3 areas × 10 indicators, 2023-01-02 to 2026-12-31, escalations of ${ESCALATION_FACTORS.join("/")}× over ${ESCALATION_WEEKS.join("/")} weeks; flagged = an alarm within ${FLAG_WITHIN_HALF_MONTHS} half-months of the start (its own or the next).`);
  const t0 = performance.now();
  const municipalities = SEEDS.map((seed) => syntheticMunicipality({ seed }));
  for (const path of ["halfmonth", "weekly"] as const) {
    const t1 = performance.now();
    printFigures(path, municipalities.slice(0, path === "weekly" ? WEEKLY_SEEDS.length : SEEDS.length).flatMap((m) => evaluate(m, path)));
    console.log(`    (${((performance.now() - t1) / 1000).toFixed(1)} s)`);
  }
  console.log(`  (synthetic: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  console.log("  upper bound (an oracle that knows each area's true rate and the escalation's 14 days; Poisson, 2 % false alarms per window; 8 planted per indicator):");
  console.log(`    ${"indicator".padEnd(26)} ${"median/half-month".padStart(18)} ${"power, median area".padStart(19)} ${"power, all areas".padStart(17)} ${"P(all 8 flagged)".padStart(17)}`);
  for (const t of oracleTable({ factor: 2, days: 14, budget: 0.02, planted: 8 }))
    console.log(`    ${t.indicator.padEnd(26)} ${t.medianPerHalfMonth.toFixed(2).padStart(18)} ${t.atMedian.toFixed(2).padStart(19)} ${t.overAreas.toFixed(2).padStart(17)} ${t.allOf.toFixed(3).padStart(17)}`);

  const t2 = performance.now();
  const d = await demoAlerts();
  const t3 = performance.now();
  console.log(`Demo data: ${d.table.series.length} weekly series × ${d.table.weeks.length} weeks (${d.table.weeks[0]}–${d.table.weeks.at(-1)}), ${d.alerts.length} week verdicts, ${((t3 - t2) / 1000).toFixed(1)} s incl. reading the exports`);
  for (const v of escalationVerdicts(d))
    console.log(`  escalation ${d.truth.escalation.nyko} from ${d.truth.escalation.from} (${v.startWeek}), ${v.indicator}: first alarm ${v.firstAlarm ?? "none"}${v.weeksAfterStart === null ? "" : ` (+${v.weeksAfterStart} weeks)`} → ${v.withinFourWeeks ? "flagged within 4 weeks" : "NOT flagged within 4 weeks"}`);
  const el = alarmsElsewhere(d);
  const evaluated = d.alerts.filter((a) => a.level === 3 && a.nyko !== d.truth.escalation.nyko).length;
  console.log(`  alarms elsewhere (NYKO-3, all indicators): ${el.alarms} of ${evaluated} judged weeks (${pct(el.alarms, evaluated)}), ${el.perAreaYear.toFixed(2)} per area-year`);
  console.log(`  by indicator: ${Object.entries(el.byIndicator).map(([k, n]) => `${k} ${(n / el.areaYears).toFixed(2)}`).join(", ")}`);
}
