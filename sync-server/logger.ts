// Structured logs (pino). Never log bodies, tokens, passwords or user names: only ids, routes, status and timings.
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "lagesbild" },
    redact: { paths: ["req.headers.authorization", "req.headers['x-api-key']", "password", "token", "refreshToken", "accessToken", "key"], censor: "[dold]" },
  });
}
