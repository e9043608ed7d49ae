// Server settings, read once from the environment at the edge (main.ts / the CLI) and passed in everywhere else.
import { join, resolve } from "node:path";

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
  /** Hours a staged part of a chunked upload is kept (default 24). */
  stagedUploadHours?: number;
  /** Staged (unfinished) chunked uploads one organisation may hold: count and bytes. */
  stagedUploadsPerOrg?: number;
  stagedBytesPerOrg?: number;
}

export const DEFAULT_BODY_LIMIT = 20 * 1024 * 1024;

export function configFromEnv(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): Omit<Config, "jwtSecret"> & { jwtSecret: string | null } {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT måste vara ett portnummer, inte ${env.PORT}`);
  const host = env.HOST ?? "localhost";
  const accessTokenSeconds = Math.min(3600, Number(env.ACCESS_TOKEN_SECONDS ?? 900));
  const disclosureEngine = env.DISCLOSURE_ENGINE ?? "worker";
  if (disclosureEngine !== "worker" && disclosureEngine !== "inline") throw new Error(`DISCLOSURE_ENGINE måste vara worker eller inline, inte ${disclosureEngine}`);
  return {
    port,
    host,
    dataDir: resolve(cwd, env.DATA_DIR ?? "data"),
    jwtSecret: env.JWT_SECRET && env.JWT_SECRET.length > 0 ? env.JWT_SECRET : null,
    jwtIssuer: env.JWT_ISSUER ?? "lagesbild",
    jwtAudience: env.JWT_AUDIENCE ?? "lagesbild-api",
    accessTokenSeconds,
    refreshIdleDays: Number(env.REFRESH_IDLE_DAYS ?? 30),
    publicUrl: env.PUBLIC_URL ?? `https://localhost:${port}`,
    logLevel: env.LOG_LEVEL ?? "info",
    bodyLimitBytes: Number(env.BODY_LIMIT_BYTES ?? DEFAULT_BODY_LIMIT),
    addinDir: resolve(cwd, env.ADDIN_DIR ?? join("dist", "addin")),
    seedDemo: env.SEED_DEMO === "0" || env.SEED_DEMO === "off" ? "off" : env.SEED_DEMO === "empty" ? "empty" : "full",
    disclosureEngine,
    ...(env.EARLIEST_RECORD_DATE ? { earliestRecordDate: env.EARLIEST_RECORD_DATE } : {}),
    ...(env.STAGED_UPLOAD_HOURS ? { stagedUploadHours: Number(env.STAGED_UPLOAD_HOURS) } : {}),
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
