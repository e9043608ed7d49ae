// The intervention evaluation on synthetic data with a known planted effect (shared/interventions/synthetic.ts):
// over many seeds, how often the 95 % interval covers the true change, the bias of the estimate (on the log scale
// and as a change), how often an effect is called one, and the time per evaluation. Scenarios: plain Poisson,
// overdispersed counts (gamma-Poisson), and small counts with primary suppression (threshold 3) and missing cells.
import { evaluateIntervention } from "../../shared/interventions/evaluate";
import { syntheticIntervention, type SyntheticOptions } from "../../shared/interventions/synthetic";

const SEEDS = Number(process.env.BENCH_SEEDS ?? 200);

interface Scenario {
  name: string;
  options: Omit<SyntheticOptions, "seed">;
}

const SCENARIOS: Scenario[] = [
  { name: "no effect, Poisson", options: { rateRatio: 1 } },
  { name: "−30 %, Poisson", options: { rateRatio: 0.7 } },
  { name: "+25 %, Poisson", options: { rateRatio: 1.25 } },
  { name: "−30 %, overdispersed (size 3)", options: { rateRatio: 0.7, size: 3 } },
  { name: "no effect, overdispersed (size 3)", options: { rateRatio: 1, size: 3 } },
  { name: "−30 %, small counts, suppression T=3, 5 % missing", options: { rateRatio: 0.7, baseline: 4, threshold: 3, missingShare: 0.05 } },
  { name: "no effect, small counts, suppression T=3", options: { rateRatio: 1, baseline: 4, threshold: 3 } },
];

export async function run(): Promise<void> {
  console.log(`${SEEDS} seeds per scenario; 12 NYKO-3 areas (3 targets), 24 months, start 2026-01-01; 95 % intervals`);
  console.log(`${"scenario".padEnd(52)} ${"coverage".padStart(8)} ${"bias(log)".padStart(10)} ${"mean est".padStart(9)} ${"true".padStart(6)} ${"called".padStart(7)} ${"insuff".padStart(6)} ${"ms/eval".padStart(8)}`);
  for (const s of SCENARIOS) {
    const truth = s.options.rateRatio - 1;
    let covered = 0;
    let estimated = 0;
    let called = 0;
    let insufficient = 0;
    let logBias = 0;
    let sumEst = 0;
    let ms = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { intervention, cells } = syntheticIntervention({ ...s.options, seed });
      const t0 = performance.now();
      const r = evaluateIntervention(intervention, cells).results[0];
      ms += performance.now() - t0;
      if (r.estimate === null || r.low === null || r.high === null) {
        insufficient++;
        continue;
      }
      estimated++;
      if (r.low <= truth && truth <= r.high) covered++;
      if (r.verdict === "decrease" || r.verdict === "increase") called++;
      logBias += Math.log(1 + r.estimate) - Math.log(s.options.rateRatio);
      sumEst += r.estimate;
    }
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    console.log(
      `${s.name.padEnd(52)} ${pct(covered / Math.max(1, estimated)).padStart(8)} ${(logBias / Math.max(1, estimated)).toFixed(4).padStart(10)} ${pct(sumEst / Math.max(1, estimated)).padStart(9)} ${pct(truth).padStart(6)} ${pct(called / Math.max(1, estimated)).padStart(7)} ${String(insufficient).padStart(6)} ${(ms / SEEDS).toFixed(1).padStart(8)}`,
    );
  }
  console.log("coverage: share of intervals holding the true change; called: share judged a clear decrease or increase (with no effect: the false-alarm rate).");
}
