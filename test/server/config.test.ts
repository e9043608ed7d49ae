// Settings from the environment: a malformed number or date is refused with a Swedish message naming the setting,
// never silently turned into NaN, a default or an impossible date.
import { describe, expect, it } from "vitest";
import { ConfigError, configFromEnv, workerSettings } from "../../sync-server/config";

const refused = (env: NodeJS.ProcessEnv): string => {
  try {
    configFromEnv(env, "/tmp");
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`accepted: ${JSON.stringify(env)}`);
};

describe("configuration from the environment", () => {
  it("takes well-formed settings and defaults", () => {
    const c = configFromEnv({ PORT: "8443", ACCESS_TOKEN_SECONDS: "600", REFRESH_IDLE_DAYS: "7", BODY_LIMIT_BYTES: "1048576", STAGED_UPLOAD_HOURS: "48", EARLIEST_RECORD_DATE: "2020-02-29", SEED_DEMO: "empty" }, "/tmp");
    expect(c).toMatchObject({ port: 8443, accessTokenSeconds: 600, refreshIdleDays: 7, bodyLimitBytes: 1048576, stagedUploadHours: 48, earliestRecordDate: "2020-02-29", seedDemo: "empty" });
    const d = configFromEnv({}, "/tmp");
    expect(d).toMatchObject({ port: 3000, accessTokenSeconds: 900, refreshIdleDays: 30, bodyLimitBytes: 20 * 1024 * 1024, seedDemo: "full", disclosureEngine: "worker" });
    expect(d.earliestRecordDate).toBeUndefined();
    expect(d.stagedUploadHours).toBeUndefined();
    expect(configFromEnv({ ACCESS_TOKEN_SECONDS: "7200" }, "/tmp").accessTokenSeconds).toBe(3600);
  });

  it.each([
    ["EARLIEST_RECORD_DATE", "2026-02-31"],
    ["EARLIEST_RECORD_DATE", "2026-13-01"],
    ["EARLIEST_RECORD_DATE", "0000-00-00"],
    ["EARLIEST_RECORD_DATE", "1800-01-01"],
    ["EARLIEST_RECORD_DATE", "2026-1-5"],
    ["EARLIEST_RECORD_DATE", "igår"],
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["PORT", "80.5"],
    ["ACCESS_TOKEN_SECONDS", "0"],
    ["ACCESS_TOKEN_SECONDS", "15m"],
    ["REFRESH_IDLE_DAYS", "-3"],
    ["REFRESH_IDLE_DAYS", "NaN"],
    ["BODY_LIMIT_BYTES", "1e9"],
    ["BODY_LIMIT_BYTES", "20MB"],
    ["BODY_LIMIT_BYTES", "5"],
    ["STAGED_UPLOAD_HOURS", "0"],
    ["STAGED_UPLOAD_HOURS", "Infinity"],
    ["SEED_DEMO", "ja"],
    ["DISCLOSURE_ENGINE", "gpu"],
    ["LAGESBILD_WORKERS", "0"],
    ["LAGESBILD_WORKERS", "2.5"],
    ["LAGESBILD_WORKERS", "fyra"],
    ["LAGESBILD_WORKERS", "1000"],
    ["LAGESBILD_WORKER_IDLE_MS", "-1"],
    ["LAGESBILD_WORKER_IDLE_MS", "60s"],
    ["LAGESBILD_WORKER_IDLE_MS", "1e5"],
    ["LAGESBILD_STALL_MS", "0"],
    ["LAGESBILD_STALL_MS", "snabb"],
  ])("refuses %s=%s in Swedish, naming the setting and the value", (name, value) => {
    const message = refused({ [name]: value });
    expect(message).toContain(name);
    expect(message).toContain(value);
    expect(message).toMatch(/måste vara/);
  });

  it("reads the worker pool's settings strictly: absent means the pool's defaults", () => {
    expect(workerSettings({})).toEqual({});
    expect(workerSettings({ LAGESBILD_WORKERS: " 3 ", LAGESBILD_WORKER_IDLE_MS: "500" })).toEqual({ workers: 3, idleMs: 500 });
    expect(workerSettings({ LAGESBILD_WORKERS: "" })).toEqual({});
    expect(() => workerSettings({ LAGESBILD_WORKERS: "-2" })).toThrow(/LAGESBILD_WORKERS måste vara ett heltal från 1 till 64/);
    expect(configFromEnv({ LAGESBILD_STALL_MS: "40" }, "/tmp").stallLogMs).toBe(40);
    expect(configFromEnv({}, "/tmp").stallLogMs).toBeUndefined();
  });
});
