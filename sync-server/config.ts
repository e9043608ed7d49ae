// Server settings, read once from the environment at the edge (main.ts / the CLI) and passed in everywhere else.
import { join, resolve } from "node:path";
import { parseIsoDate } from "../shared/protocol/iso-date";

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** HS256 signing key of access tokens; when absent, one is generated into `dataDir` on first start. */
  jwtSecret: string;
  jwtIssuer: string;
  jwtAudience: string;
  /** Access token lifetime in seconds (at most 3600). */
  accessTokenSeconds: number;
  /** A refresh token unused this long is refused. */
  refreshIdleDays: number;
  publicUrl: string;
  logLevel: string;
  /** Largest accepted request body. */
  bodyLimitBytes: number;
  /** Directory of the built add-in served as static files, when it exists. */
  addinDir: string;
  /** What the first start seeds: the demo municipality with a full picture (grants, subscriptions, more than a
   * year of approved submissions from every partner and one delivery round), the demo municipality empty, or nothing. */
  seedDemo: "full" | "empty" | "off";
  /** Where delivery rounds are protected: a worker thread (inline if one cannot start), or inline. */
  disclosureEngine: "worker" | "inline";
  /** Earliest event date accepted in a record (`YYYY-MM-DD`); by default the municipality's first NYKO register. */
  earliestRecordDate?: string;
  /** Hours an unfinished chunked upload is kept after its last part so far arrived (default 24). */
  stagedUploadHours?: number;
  /** Staged (unfinished) chunked uploads one organisation may hold: count and bytes. */
  stagedUploadsPerOrg?: number;
  stagedBytesPerOrg?: number;
  /** A diagnostic: log every event-loop stall of at least this many ms (`http/loop-watch.ts`); off when absent. */
  stallLogMs?: number;
}

export const DEFAULT_BODY_LIMIT = 20 * 1024 * 1024;

/** A setting in the environment that cannot be used: the server refuses to start and says which and why, in Swedish. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** A whole number setting within bounds; the default when it is absent or empty. */
function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number, unit: string): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const text = raw.trim();
  const value = /^[0-9]{1,16}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new ConfigError(`${name} måste vara ett heltal från ${min} till ${max} (${unit}), inte ”${raw}”. Ändra eller ta bort inställningen.`);
  return value;
}

/** The worker pool's settings (`jobs/worker.ts`); absent ones take the pool's defaults. */
export interface WorkerSettings {
  /** LAGESBILD_WORKERS: worker threads at most at once. */
  workers?: number;
  /** LAGESBILD_WORKER_IDLE_MS: how long an idle worker is kept for reuse. */
  idleMs?: number;
}

/** LAGESBILD_WORKERS (1–64) and LAGESBILD_WORKER_IDLE_MS (1 ms – 24 h), refused with a Swedish message when malformed. */
export function workerSettings(env: NodeJS.ProcessEnv): WorkerSettings {
  const set = (name: string) => env[name] !== undefined && env[name]!.trim() !== "";
  return {
    ...(set("LAGESBILD_WORKERS") ? { workers: intSetting(env, "LAGESBILD_WORKERS", 0, 1, 64, "trådar") } : {}),
    ...(set("LAGESBILD_WORKER_IDLE_MS") ? { idleMs: intSetting(env, "LAGESBILD_WORKER_IDLE_MS", 0, 1, 24 * 3_600_000, "millisekunder") } : {}),
  };
}

/** `EARLIEST_RECORD_DATE`: a real calendar day `YYYY-MM-DD`, not before 1900. */
function earliestRecordDate(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.EARLIEST_RECORD_DATE;
  if (raw === undefined || raw.trim() === "") return undefined;
  const d = parseIsoDate(raw.trim());
  if (!d || d.year < 1900)
    throw new ConfigError(`EARLIEST_RECORD_DATE måste vara ett datum som finns i kalendern, ÅÅÅÅ-MM-DD från 1900-01-01, inte ”${raw}”. Ändra eller ta bort inställningen.`);
  return raw.trim();
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, fallback: T, allowed: Record<string, T>): T {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = allowed[raw.trim()];
  if (value === undefined) throw new ConfigError(`${name} måste vara ${Object.keys(allowed).join(", ")}, inte ”${raw}”.`);
  return value;
}

/** The settings from the environment; a malformed one is refused with a Swedish message (ConfigError). */
export function configFromEnv(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): Omit<Config, "jwtSecret"> & { jwtSecret: string | null } {
  const port = intSetting(env, "PORT", 3000, 0, 65535, "ett portnummer");
  const host = env.HOST ?? "localhost";
  // Longer lifetimes are capped at an hour (a number, but no reason to refuse the start).
  const accessTokenSeconds = Math.min(3600, intSetting(env, "ACCESS_TOKEN_SECONDS", 900, 1, 86_400, "sekunder"));
  const disclosureEngine = oneOf(env, "DISCLOSURE_ENGINE", "worker", { worker: "worker", inline: "inline" });
  const earliest = earliestRecordDate(env);
  const stagedHours = env.STAGED_UPLOAD_HOURS?.trim() ? intSetting(env, "STAGED_UPLOAD_HOURS", 24, 1, 24 * 365, "timmar") : undefined;
  // Checked here so a malformed value stops the start, not the first job that needs a worker.
  workerSettings(env);
  const stallLogMs = env.LAGESBILD_STALL_MS?.trim() ? intSetting(env, "LAGESBILD_STALL_MS", 50, 1, 60_000, "millisekunder") : undefined;
  return {
    port,
    host,
    dataDir: resolve(cwd, env.DATA_DIR ?? "data"),
    jwtSecret: env.JWT_SECRET && env.JWT_SECRET.length > 0 ? env.JWT_SECRET : null,
    jwtIssuer: env.JWT_ISSUER ?? "lagesbild",
    jwtAudience: env.JWT_AUDIENCE ?? "lagesbild-api",
    accessTokenSeconds,
    refreshIdleDays: intSetting(env, "REFRESH_IDLE_DAYS", 30, 1, 3650, "dagar"),
    publicUrl: env.PUBLIC_URL ?? `https://localhost:${port}`,
    logLevel: env.LOG_LEVEL ?? "info",
    bodyLimitBytes: intSetting(env, "BODY_LIMIT_BYTES", DEFAULT_BODY_LIMIT, 1024, 1024 * 1024 * 1024, "byte"),
    addinDir: resolve(cwd, env.ADDIN_DIR ?? join("dist", "addin")),
    seedDemo: oneOf(env, "SEED_DEMO", "full", { full: "full", empty: "empty", off: "off", "0": "off" }),
    disclosureEngine,
    ...(earliest ? { earliestRecordDate: earliest } : {}),
    ...(stagedHours !== undefined ? { stagedUploadHours: stagedHours } : {}),
    ...(stallLogMs !== undefined ? { stallLogMs } : {}),
  };
}

/** A config for tests: fixed secret, no files. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: "127.0.0.1",
    dataDir: "",
    jwtSecret: "test-secret-of-sufficient-length-0123456789",
    jwtIssuer: "lagesbild",
    jwtAudience: "lagesbild-api",
    accessTokenSeconds: 900,
    refreshIdleDays: 30,
    publicUrl: "https://localhost:3000",
    logLevel: "silent",
    bodyLimitBytes: DEFAULT_BODY_LIMIT,
    addinDir: "",
    seedDemo: "off",
    disclosureEngine: "inline",
    ...overrides,
  };
}
