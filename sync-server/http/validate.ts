// zod at the edge: a request that does not parse becomes a 400 with the issues (unknown fields get their own code).
import { z } from "zod";
import { AppError } from "../../shared/protocol/errors";
import { isIdentifyingIssue } from "../../shared/protocol/safe-text";

export interface InputIssue {
  path: string;
  code: string;
  message: string;
}

/** zod's own messages in Swedish (a contract's own messages, such as the date and identifier refusals, come first). */
const SWEDISH = z.locales.sv();

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input, { error: SWEDISH.localeError });
  if (result.success) return result.data;
  const issues: InputIssue[] = result.error.issues.slice(0, 50).map((i) => ({ path: i.path.join("."), code: i.code, message: i.message }));
  const unknown = result.error.issues.some((i) => i.code === "unrecognized_keys");
  // Identifying text is refused as such (422, like an identifier in a record), so the message says why.
  if (!unknown && result.error.issues.some(isIdentifyingIssue)) throw new AppError(422, "identifying-value", { issues });
  throw new AppError(400, unknown ? "unknown-field" : "validation-failed", { issues });
}

/** Parses a route parameter as a positive integer or throws 404. */
export function intParam(value: string | undefined): number {
  if (!value || !/^[0-9]{1,9}$/.test(value)) throw new AppError(404, "not-found");
  return Number(value);
}
