// The compiled `lagesbild` as a user runs it: one process that stops on SIGTERM and frees its port, a manifest that
// follows PORT, administration that never creates a database by accident, and output that survives a pipe.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_DATA_DIR } from "../fixtures/paths";
import { ROOT, serverEnv } from "../helpers/process";

const BIN = join(ROOT, "bin", "lagesbild.mjs");
const dirs: string[] = [];
const children: ChildProcess[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "lb-compiled-"));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Starts `lagesbild serve` (not detached: a signal to its pid must be enough) and waits for its start-up message. */
function serve(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; output: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, "serve"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 90_000);
    const poll = setInterval(() => {
      if (!/API-beskrivning/.test(out)) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ child, output: () => out, exited });
    }, 50);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

async function getText(url: string, ca: string): Promise<{ status: number; type: string; body: string }> {
  const { request } = await import("node:https");
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, agent: false }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), body }));
    });
    req.on("error", reject);
    req.end();
  });
}

function lagesbild(args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the compiled lagesbild process", () => {
  it("serves the manifest for the port it runs on, stops on SIGTERM and frees the port for the next start", async () => {
    const data = tempDir();
    const port = await freePort();
    const env = { ...serverEnv(data), PORT: String(port), SEED_DEMO: "0" };
    const first = await serve(env);
    const url = `https://127.0.0.1:${port}`;
    const manifestFile = join(data, "manifest.xml");
    expect(first.output()).toContain(`kör på ${url}`);
    expect(first.output()).toContain(manifestFile);
    const ca = readFileSync(join(data, "tls", "localhost-cert.pem"), "utf8");
    expect(first.output()).toContain(`LAGESBILD_CA=${join(data, "tls", "localhost-cert.pem")}`);
    const served = await getText(`${url}/manifest.xml`, ca);
    expect(served.status).toBe(200);
    expect(served.type).toContain("xml");
    expect(served.body).toContain(`<SourceLocation DefaultValue="${url}/taskpane.html"/>`);
    expect(served.body).not.toContain("localhost:3000");
    expect(readFileSync(manifestFile, "utf8")).toBe(served.body);
    const openapi = JSON.parse((await getText(`${url}/api/openapi.json`, ca)).body) as { servers: { url: string }[] };
    expect(openapi.servers[0].url).toBe(url);

    // Every server command trusts the certificate given by LAGESBILD_CA, and says in Swedish what to do without it.
    const xlsx = join(DEMO_DATA_DIR, "actors", "polisen.xlsx");
    const commands = [
      ["delivery", "--org", "polisen", "--json"],
      ["fetch", "--out", join(data, "leverans.xlsx")],
      ["submit", xlsx, "--dry-run"],
    ];
    const clientEnv = { ...process.env, LAGESBILD_SERVER: url, LAGESBILD_API_KEY: "lb_00000000_fel", LAGESBILD_RETRIES: "0" };
    for (const command of commands) {
      const untrusted = lagesbild(command, clientEnv);
      expect({ command, code: untrusted.code }).toEqual({ command, code: 4 });
      expect(untrusted.stderr).toContain("självsignerat");
      expect(untrusted.stderr).toContain("LAGESBILD_CA");
      // Trusted, the request reaches the server, which refuses the made-up key.
      const trusted = lagesbild(command, { ...clientEnv, LAGESBILD_CA: join(data, "tls", "localhost-cert.pem") });
      expect({ command, code: trusted.code, stderr: trusted.stderr }).toMatchObject({ command, code: 3 });
    }

    // SIGTERM to the one process: it exits 0 and the port is free again at once.
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    const second = await serve(env);
    expect(second.output()).toContain(`kör på ${url}`);
    second.child.kill("SIGINT");
    expect(await second.exited).toBe(0);
  }, 240_000);

  it("writes PUBLIC_URL into the manifest when it is set", async () => {
    const data = tempDir();
    const first = await serve({ ...serverEnv(data), SEED_DEMO: "0", PUBLIC_URL: "https://lagesbild.demokommun.se/" });
    const manifest = readFileSync(join(data, "manifest.xml"), "utf8");
    expect(manifest).toContain('<SourceLocation DefaultValue="https://lagesbild.demokommun.se/taskpane.html"/>');
    expect(first.output()).toContain("https://lagesbild.demokommun.se/manifest.xml");
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
  }, 240_000);

  it("refuses administration on a data directory without a database, in Swedish naming DATA_DIR; --init creates one", () => {
    const data = tempDir();
    const env = serverEnv(data);
    const refused = lagesbild(["key", "create", "polisen"], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("DATA_DIR");
    expect(refused.stderr).toContain(data);
    expect(refused.stderr).toContain("--init");
    expect(existsSync(join(data, "lagesbild.db"))).toBe(false);
    for (const args of [["user", "add", "x", "--role", "actor", "--org", "polisen"], ["audit", "verify"], ["backup", join(data, "kopia.db")]]) {
      expect(lagesbild(args, env).code).toBe(2);
    }
    expect(existsSync(join(data, "lagesbild.db"))).toBe(false);
    const unset = { ...env, DATA_DIR: undefined };
    const cwdRefusal = spawnSync(process.execPath, [BIN, "audit", "verify"], { cwd: data, env: unset, encoding: "utf8" });
    expect(cwdRefusal.status).toBe(2);
    expect(cwdRefusal.stderr).toContain("DATA_DIR är inte satt");
    expect(existsSync(join(data, "data"))).toBe(false);

    const init = lagesbild(["audit", "verify", "--init"], env);
    expect(init.code).toBe(0);
    expect(existsSync(join(data, "lagesbild.db"))).toBe(true);
    expect(lagesbild(["key", "create", "polisen"], env).stderr).toContain("Organisationen polisen finns inte");
  }, 120_000);

  it("writes the whole of a large JSON report into a pipe before it exits", async () => {
    const reader = spawn(process.execPath, ["-e", "process.stdin.pipe(process.stdout)"], { stdio: ["pipe", "pipe", "inherit"] });
    const cli = spawn(process.execPath, [BIN, "check", join(DEMO_DATA_DIR, "actors", "brandforsvaret.xlsx"), "--records", "--json"], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    children.push(reader, cli);
    cli.stdout!.pipe(reader.stdin!);
    const chunks: Buffer[] = [];
    reader.stdout!.on("data", (c: Buffer) => chunks.push(c));
    const [code] = await Promise.all([
      new Promise<number | null>((resolve) => cli.once("exit", resolve)),
      new Promise<void>((resolve) => reader.once("exit", () => resolve())),
    ]);
    const text = Buffer.concat(chunks).toString("utf8");
    expect(text.length).toBeGreaterThan(65_536);
    const report = JSON.parse(text) as { rows: number; accepted: number; records: unknown[] };
    expect(report.records.length).toBe(report.accepted);
    expect(report.accepted).toBeGreaterThan(1000);
    expect([0, 1]).toContain(code);
  }, 120_000);

  it("prints its help in Swedish and exits 0", () => {
    const r = lagesbild(["--help"], process.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Användning: lagesbild");
    expect(r.stdout).toContain("LAGESBILD_CA");
  });
});
