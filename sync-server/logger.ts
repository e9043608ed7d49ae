// Structured logs (pino). Never log bodies, tokens, passwords or user names: only ids, routes, status and timings.
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { service: "lagesbild" },
      redact: { paths: ["req.headers.authorization", "req.headers['x-api-key']", "password", "token", "refreshToken", "accessToken", "key"], censor: "[dold]" },
    },
    // Written asynchronously (pino flushes what is pending when the process exits): a log line never makes the
    // event loop wait for the disk or a pipe under load.
    pino.destination({ dest: 1, sync: false }),
  );
}
