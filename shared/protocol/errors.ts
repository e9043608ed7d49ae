// Errors leave the server as { status: "error", reason: "kebab-code", details } and become Swedish text in one place on the client.
import { z } from "zod";

export const errorCodes = [
  "bad-request",
  "malformed-json",
  "validation-failed",
  "unknown-field",
  "body-too-large",
  "unauthorized",
  "token-expired",
  "token-invalid",
  "forbidden",
  "not-found",
  "conflict",
  "idempotency-conflict",
  "upload-limit",
  "identifying-value",
  "template-retired",
  "template-unknown",
  "template-immutable",
  "template-unchanged",
  "template-retire-date",
  "template-retirement-final",
  "submission-locked",
  "approval-replaces-approved",
  "invalid-credentials",
  "rate-limited",
  "audit-failed",
  "job-timeout",
  "internal-error",
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const errorResponseSchema = z.object({
  status: z.literal("error"),
  reason: z.string().regex(/^[a-z]+(-[a-z0-9]+)*$/),
  details: z.unknown().optional(),
});

export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** The one typed error the server throws; turned into a response in one place. */
export class AppError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly reason: ErrorCode,
    readonly details?: unknown,
  ) {
    super(reason);
    this.name = "AppError";
  }
}

/** An AppError as plain data, to cross a worker thread's message channel. */
export interface WireAppError {
  httpStatus: number;
  reason: ErrorCode;
  details?: unknown;
}

export const toWireError = (e: AppError): WireAppError => ({ httpStatus: e.httpStatus, reason: e.reason, details: e.details });
export const fromWireError = (w: WireAppError): AppError => new AppError(w.httpStatus, w.reason, w.details);

/** A 400 `validation-failed` for input that parsed but breaks a rule the schema cannot say: one issue per message. */
export function invalidInput(path: string, ...messages: string[]): AppError {
  return new AppError(400, "validation-failed", { issues: messages.map((message) => ({ path, code: "custom", message })) });
}
