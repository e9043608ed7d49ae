// Recall and precision of the duplicate matching against the planted pairs of truth.json, with a fresh
// random key over the real pipeline, and the NYKO-3 + date baseline for comparison.
import { backfillThroughServer } from "../dedup/backfill";
import { baselineRecords, evaluatePairs, findDuplicatePairs, linkedRecords, loadDemoRecords, randomKey, readTruth, type DedupEvaluation } from "../dedup/demo-eval";

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function print(label: string, e: DedupEvaluation): void {
  for (const [name, s] of Object.entries(e)) {
    console.log(`${label.padEnd(16)} ${name.padEnd(10)} true ${String(s.truePairs).padStart(5)}  found ${String(s.found).padStart(6)}  hits ${String(s.hits).padStart(5)}  recall ${pct(s.recall).padStart(7)}  precision ${pct(s.precision).padStart(7)}`);
  }
}

export async function run(): Promise<void> {
  const truth = readTruth();
  const t0 = performance.now();
  const records = await loadDemoRecords(randomKey());
  const t1 = performance.now();
  const linked = linkedRecords(records);
  const pairs = findDuplicatePairs(linked);
  const t2 = performance.now();
  console.log(`records ${records.length}, with tokens ${linked.length}; pipeline ${((t1 - t0) / 1000).toFixed(1)} s, matching ${(t2 - t1).toFixed(0)} ms`);
  const e = evaluatePairs(records, pairs, truth.duplicates);
  print("linkage tokens", e);
  print("NYKO-3 + date", evaluatePairs(records, findDuplicatePairs(baselineRecords(records)), truth.duplicates));
  const b = await backfillThroughServer(records, truth.duplicates, 7);
  console.log(`backfill through the server: events ${b.firstDate} to ${b.lastDate}, ${b.submissions} submissions, partners loaded a week apart`);
  print("backfill", b.evaluation);
  const c = b.coverage.summary;
  console.log(`backfill coverage (half-month × link class): ${c.matched} matched, ${c.partial} partly, ${c.unmatched} not matched, ${c.single} one partner only`);
  const met = e.overall.recall >= 0.9 && e.overall.precision >= 0.95 && e.fires.recall >= 0.9 && e.vandalism.recall >= 0.9;
  console.log(`targets recall ≥ 90 %, precision ≥ 95 %: ${met ? "met" : "NOT met"}`);
}
