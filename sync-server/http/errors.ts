// The one error handler: every failure leaves as { status: "error", reason, details } with a stable code.
import type { ErrorRequestHandler, RequestHandler } from "express";
import { AppError, type ErrorCode } from "../../shared/protocol/errors";
import type { Logger } from "../logger";

function body(reason: ErrorCode, details?: unknown) {
  return details === undefined ? { status: "error" as const, reason } : { status: "error" as const, reason, details };
}

/** Maps body-parser failures, AppErrors and everything else to the error shape. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof AppError) {
      const retry = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      if (err.httpStatus === 429 && typeof retry === "number") res.setHeader("Retry-After", String(retry));
      res.status(err.httpStatus).json(body(err.reason, err.details));
      return;
    }
    const e = err as { type?: string; status?: number; statusCode?: number };
    if (e && e.type === "entity.parse.failed") {
      res.status(400).json(body("malformed-json", { message: "Begäran är inte giltig JSON." }));
      return;
    }
    if (e && e.type === "entity.too.large") {
      res.status(413).json(body("body-too-large", { message: "Begäran är för stor. Skicka raderna i delar." }));
      return;
    }
    const status = e?.status ?? e?.statusCode;
    if (typeof status === "number" && status >= 400 && status < 500) {
      res.status(status).json(body("bad-request"));
      return;
    }
    logger.error({ err: { name: (err as Error)?.name, message: (err as Error)?.message }, route: req.path }, "unhandled error");
    res.status(500).json(body("internal-error"));
  };
}

export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(new AppError(404, "not-found"));
};
