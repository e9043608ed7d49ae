// Where `lagesbild submit` spends its time (not run by `npm run bench`): a real server process and one submit of the
// 200,000-row export, both with --cpu-prof (the server's worker threads too), profiles written to OUTDIR/server and
// OUTDIR/client; the server's CPU seconds for the submit are printed beside the client's.
//   npx tsx test/bench/_submit-profile.ts OUTDIR [--no-prof] [--twice] [--compare]
// --no-prof: no profiles, only CPU seconds; --twice: submit twice (the second is a replay); --compare: check,
// submit --dry-run and submit, RUNS times (3), with wall and CPU seconds of the client and the server.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PERF_FILE } from "../fixtures/pipeline/check-output";
import { api, startServerProcess } from "../helpers/process";

const ROOT = join(import.meta.dirname, "../..");
const out = process.argv[2] ?? "/tmp/sprof";
mkdirSync(join(out, "server"), { recursive: true });
mkdirSync(join(out, "client"), { recursive: true });
const dir = mkdtempSync(join(tmpdir(), "lb-prof-submit-"));
const prof = !process.argv.includes("--no-prof");
const server = await startServerProcess(join(dir, "data"), prof ? ["--cpu-prof", `--cpu-prof-dir=${join(out, "server")}`] : []);
const serverCpu = () => {
  const f = readFileSync(`/proc/${server.child.pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(f[11]) + Number(f[12])) / 100;
};
try {
  const login = await api(server, "POST", "/api/auth/login", { username: "admin", password: server.passwords.get("admin") });
  const created = await api(server, "POST", "/api/keys", { org: "polisen", name: "bänk" }, login.body.accessToken as string);
  const connection = ["--server", server.url, "--key", created.body.key as string, "--ca", join(dir, "data", "tls", "localhost-cert.pem")];
  if (process.argv.includes("--compare")) {
    const HOOK = join(import.meta.dirname, "_usage-hook.ts");
    const runs = Number(process.env.RUNS ?? 3);
    for (let i = 0; i < runs; i++)
      for (const a of [["check", PERF_FILE, "--json"], ["submit", PERF_FILE, ...connection, "--dry-run"], ["submit", PERF_FILE, ...connection, "--json"]]) {
        const t = performance.now();
        const before = serverCpu();
        const c = spawnSync(process.execPath, ["--import", "tsx", "--import", HOOK, "sync-server/cli/main.ts", ...a], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
        const wall = (performance.now() - t) / 1000;
        await new Promise((resolve) => setTimeout(resolve, 1000));
        console.log(`${a[0]} ${a.at(-1)} wall ${wall.toFixed(2)} s ${/BENCH-USAGE (.*)/.exec(c.stderr)?.[1]} server CPU ${(serverCpu() - before).toFixed(2)} s exit ${c.status}`);
      }
    process.exit(0);
  }
  const extra = process.argv.slice(3).filter((a) => !a.startsWith("--no-prof") && a !== "--twice");
  for (let n = process.argv.includes("--twice") ? 2 : 1; n > 0; n--) {
    const t = performance.now();
    const before = serverCpu();
    const r = spawnSync(process.execPath, [...(prof ? ["--cpu-prof", `--cpu-prof-dir=${join(out, "client")}`] : []), "--import", "tsx", "--import", join(import.meta.dirname, "_usage-hook.ts"), "sync-server/cli/main.ts", "submit", PERF_FILE, ...connection, "--json", ...extra], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    console.log(`exit ${r.status} in ${((performance.now() - t) / 1000).toFixed(2)} s; server CPU ${(serverCpu() - before).toFixed(2)} s (incl. 1.5 s after); client ${/BENCH-USAGE (.*)/.exec(r.stderr)?.[1]}`, r.stdout.slice(0, 100));
  }
} finally {
  await server.kill("SIGINT");
  rmSync(dir, { recursive: true, force: true });
}
