// The load benchmark's partners, a process of their own: each API key submits ROUNDS submissions of ROWS synthetic
// police records through the real HTTP API, all keys at once; then the statuses and the time go to the parent.
import { readFileSync } from "node:fs";
import { caller } from "./_load-http.mjs";

const [base, caPath, rounds, rows] = process.argv.slice(2);
const call = caller(base, readFileSync(caPath, "utf8"));

function records(partner, round) {
  return Array.from({ length: Number(rows) }, (_, i) => ({
    templateId: "polis-anmalningar", templateVersion: 1, org: "polisen",
    date: `2026-02-${String(1 + ((partner + round + i) % 28)).padStart(2, "0")}`, hour: (i * 7) % 24, period: null,
    categories: { brottskod: "1201", brottsbenamning: "Skadegörelse" }, nyko: "111", measures: {},
  }));
}

process.once("message", async ({ keys }) => {
  const statuses = {};
  const started = performance.now();
  await Promise.all(
    keys.map(async (key, p) => {
      for (let k = 0; k < Number(rounds); k++) {
        const r = await call("POST", "/api/submissions", { "X-Api-Key": key }, { templateId: "polis-anmalningar", templateVersion: 1, idempotencyKey: `last-${p}-${k}`, records: records(p, k) });
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status >= 300) statuses[`${r.status} ${r.body.reason}`] = 1;
      }
    }),
  );
  process.send({ statuses, ms: performance.now() - started }, () => process.exit(0));
});
