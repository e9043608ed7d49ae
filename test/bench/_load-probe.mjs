// The load benchmark's probe, a process of its own: GET /healthz every PROBE_MS over one kept-alive connection,
// timing each answer, until the parent says "stop"; then it sends the latencies (ms) and ends.
import { readFileSync } from "node:fs";
import { caller } from "./_load-http.mjs";

const [base, caPath, probeMs] = process.argv.slice(2);
const call = caller(base, readFileSync(caPath, "utf8"), 1);
const latencies = [];
let probing = true;
process.on("message", (m) => {
  if (m === "stop") probing = false;
});
process.send?.("started");
for (let n = 0; probing && n < 1_000_000; n++) {
  const started = performance.now();
  const r = await call("GET", "/healthz");
  if (r.status !== 200) throw new Error(`/healthz ${r.status}`);
  latencies.push(performance.now() - started);
  await new Promise((resolve) => setTimeout(resolve, Number(probeMs)));
}
process.send?.({ latencies }, () => process.exit(0));
