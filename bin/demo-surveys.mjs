// Writes the demo municipality's fictional survey and residence-based police files (issue 15 §2–3) into
// sync-server/demo/actors/: polisen-trygghetsmatning.csv, utbildningskontoret-elevenkat.csv and polisen-boende.csv.
// Deterministic (a fixed seed); run `node bin/demo-surveys.mjs` to regenerate. Every number is invented.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const DEMO = join(dirname(fileURLToPath(import.meta.url)), "..", "sync-server", "demo");
const YEAR = "2025";

let state = 20251115;
function random() {
  // mulberry32
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const between = (lo, hi) => lo + (hi - lo) * random();
function poisson(mean) {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}
/** Splits n people over categories with the given probabilities (sequential binomials). */
function multinomial(n, probabilities) {
  const out = [];
  let left = n;
  let mass = 1;
  for (let i = 0; i < probabilities.length; i++) {
    if (i === probabilities.length - 1) {
      out.push(left);
      break;
    }
    const p = mass > 0 ? Math.min(1, probabilities[i] / mass) : 0;
    let k = 0;
    for (let j = 0; j < left; j++) if (random() < p) k++;
    out.push(k);
    left -= k;
    mass -= probabilities[i];
  }
  return out;
}

const areas = readFileSync(join(DEMO, "nyko-omraden.csv"), "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(";")).map(([nyko, niva]) => ({ nyko, level: Number(niva) }));
const population = new Map(
  readFileSync(join(DEMO, "befolkning.csv"), "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(";")).filter((f) => f[1] === YEAR).map(([nyko, , totalt, , unga]) => [nyko, { totalt: Number(totalt), unga: Number(unga) }]),
);
const SCALE = ["Mycket trygg", "Ganska trygg", "Ganska otrygg", "Mycket otrygg", "Vet ej/ej svar"];
const HEADER = "År;NYKO;Enkät;Fråga;Svarsalternativ;Antal svarande;Antal svar";

/** The answer rows of one question in one area: every category with at least one answer. */
function answers(enkat, fraga, nyko, respondents, unsafe) {
  const safe = 1 - unsafe;
  const counts = multinomial(respondents, [safe * 0.42, safe * 0.53, unsafe * 0.64, unsafe * 0.36, safe * 0.05]);
  return SCALE.map((svar, i) => [YEAR, nyko, enkat, fraga, svar, respondents, counts[i]]).filter((row) => row[6] > 0);
}
const csv = (rows) => [HEADER, ...rows.map((r) => r.join(";"))].join("\r\n") + "\r\n";

// The trygghetsmätning: a sample per NYKO-2 district (drawn to describe districts), one question.
const trygg = [];
for (const a of areas.filter((x) => x.level === 2)) {
  const respondents = Math.round(between(60, 240));
  trygg.push(...answers("Trygghetsmätning", "Trygg ute ensam sent en kväll i området", a.nyko, respondents, between(0.12, 0.42)));
}
writeFileSync(join(DEMO, "actors", "polisen-trygghetsmatning.csv"), csv(trygg));

// The pupils' survey: every pupil asked, by home area (NYKO-3), two questions.
const elev = [];
for (const a of areas.filter((x) => x.level === 3)) {
  const pupils = Math.max(4, Math.round(((population.get(a.nyko)?.totalt ?? 2000) / 1000) * between(5, 11)));
  const risk = between(0.04, 0.2);
  elev.push(...answers("Elevenkät", "Trygg i skolan", a.nyko, pupils, risk));
  elev.push(...answers("Elevenkät", "Trygg på väg till och från skolan", a.nyko, pupils - Math.round(between(0, 2)), risk * between(0.8, 1.4)));
}
writeFileSync(join(DEMO, "actors", "utbildningskontoret-elevenkat.csv"), csv(elev));

// The police's counts per area of residence (NYKO-3), including the zeros.
const boende = ["År;NYKO;Grupp;Antal personer"];
for (const a of areas.filter((x) => x.level === 3)) {
  const p = population.get(a.nyko) ?? { totalt: 0, unga: 0 };
  const burden = between(0.5, 2);
  boende.push([YEAR, a.nyko, "Misstänkta 18–24 år", poisson(p.unga * 0.03 * burden)].join(";"));
  boende.push([YEAR, a.nyko, "Lagförda 18–24 år", poisson(p.unga * 0.012 * burden)].join(";"));
  boende.push([YEAR, a.nyko, "Aktiva i kriminella nätverk", poisson(p.totalt * 0.0008 * burden)].join(";"));
}
writeFileSync(join(DEMO, "actors", "polisen-boende.csv"), boende.join("\r\n") + "\r\n");
console.log(`${trygg.length} + ${elev.length} survey rows, ${boende.length - 1} residence rows`);
