// The product's weekly alerts on the demo data: is the planted escalation flagged within 4 weeks of its
// start (vandalism and deliberately set fires at its NYKO-3), and how many alarms are raised elsewhere per area-year.
import { PRODUCT_EARS_MIN_SIGMA } from "../../sync-server/alerts/compute";
import { alarmsElsewhere, demoAlerts, escalationVerdicts } from "../alerts/demo-eval";

export async function run(): Promise<void> {
  for (const minSigma of [PRODUCT_EARS_MIN_SIGMA, 0]) {
    const t0 = performance.now();
    const d = await demoAlerts(minSigma);
    const t1 = performance.now();
    console.log(`minSigma ${minSigma}${minSigma === PRODUCT_EARS_MIN_SIGMA ? " (product)" : " (R default)"}: ${d.table.series.length} weekly series × ${d.table.weeks.length} weeks (${d.table.weeks[0]}–${d.table.weeks.at(-1)}), ${d.alerts.length} week verdicts, ${((t1 - t0) / 1000).toFixed(1)} s incl. reading the exports`);
    for (const v of escalationVerdicts(d))
      console.log(`  escalation ${d.truth.escalation.nyko} from ${d.truth.escalation.from} (${v.startWeek}), ${v.indicator}: first alarm ${v.firstAlarm ?? "none"}${v.weeksAfterStart === null ? "" : ` (+${v.weeksAfterStart} weeks)`} → ${v.withinFourWeeks ? "flagged within 4 weeks" : "NOT flagged within 4 weeks"}`);
    const el = alarmsElsewhere(d);
    console.log(`  alarms elsewhere (NYKO-3, all indicators): ${el.alarms} over ${el.areaYears.toFixed(1)} area-years = ${el.perAreaYear.toFixed(2)} per area-year`);
    console.log(`  by indicator: ${Object.entries(el.byIndicator).map(([k, n]) => `${k} ${(n / el.areaYears).toFixed(2)}`).join(", ")}`);
  }
}
