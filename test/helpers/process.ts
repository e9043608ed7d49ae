// Runs the real `lagesbild` command as a child process on 127.0.0.1 with a temporary data directory.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "lagesbild.mjs");

export function serverEnv(dataDir: string): NodeJS.ProcessEnv {
  return { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, BUILD_ADDIN: "0", LOG_LEVEL: "warn", JWT_SECRET: "", SEED_DEMO: "empty" };
}

export interface RunningServer {
  child: ChildProcess;
  url: string;
  output: () => string;
  ca: string;
  /** Credentials printed on first start, by username. */
  passwords: Map<string, string>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function startServerProcess(dataDir: string, nodeArgs: string[] = []): Promise<RunningServer> {
  // Its own process group, so a signal to the group reaches the server and anything it may have started.
  const child = spawn(process.execPath, [...nodeArgs, BIN, "serve"], { cwd: ROOT, env: serverEnv(dataDir), detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const poll = setInterval(() => {
      const m = /kör på (https:\/\/\S+) /.exec(out);
      if (!m) return;
      clearInterval(poll);
      clearTimeout(timer);
      const passwords = new Map<string, string>();
      for (const line of out.split("\n")) {
        const c = /användare: (\S+)\s+lösenord: (\S+)/.exec(line);
        if (c) passwords.set(c[1], c[2]);
      }
      resolve({
        child, url: m[1], output: () => out, passwords,
        ca: readFileSync(join(dataDir, "tls", "localhost-cert.pem"), "utf8"),
        kill: async (signal = "SIGTERM") => {
          try {
            process.kill(-child.pid!, signal);
          } catch {
            /* already gone */
          }
          await exited;
        },
      });
    }, 50);
    child.once("exit", (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

export interface JsonResponse {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A JSON request over HTTPS trusting only the server's own certificate. `onSent` fires once the body is written. */
export function api(server: Pick<RunningServer, "url" | "ca">, method: string, path: string, body?: unknown, token?: string, onSent?: () => void): Promise<JsonResponse> {
  const url = new URL(path, server.url);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      { method, hostname: url.hostname, port: url.port, path: url.pathname + url.search, ca: server.ca, agent: false, headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(payload ? { "Content-Length": payload.length } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
        });
      },
    );
    req.on("error", reject);
    if (payload) req.write(payload);
    req.end(() => onSent?.());
  });
}

/** Runs a `lagesbild` subcommand to completion. */
export function cli(dataDir: string, args: string[]): { code: number; out: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: serverEnv(dataDir), encoding: "utf8" });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}
