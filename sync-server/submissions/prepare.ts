// A submission's CPU-heavy part off the event loop: parsing the body, the request schema, the hash of the records
// and the check of every record against its template run in a worker thread (`jobs/worker.ts`) that reads through
// its own read-only connection; the event loop only stores the checked result (`storeChecked`, one transaction).
// An in-memory database (tests) is checked inline: the same code on the event loop.
import { threadId } from "node:worker_threads";
import { MAX_SUBMIT_RECORDS, submitRequestSchema, type SubmitRequest } from "../../shared/protocol/api";
import { AppError, fromWireError, toWireError, type WireAppError } from "../../shared/protocol/errors";
import type { AppContext } from "../context";
import { openReader } from "../db/database";
import { parseInput } from "../http/validate";
import { callInWorker } from "../jobs/worker";
import { checkSubmission, type CheckedSubmission } from "./submit";

export interface PrepareInput {
  /** The request body as received (JSON), or an already parsed value. */
  body: Uint8Array | unknown;
  org: string;
  /** The instant of the submission, ISO 8601. */
  now: string;
  earliestRecordDate?: string;
}

/** A checked submission and the thread that checked it (0 on the main thread). */
export type Prepared = CheckedSubmission & { thread: number };

type WirePrepared = Omit<Prepared, "refusal"> & { refusal: WireAppError | null };

function parseBody(body: Uint8Array | unknown): unknown {
  if (!(body instanceof Uint8Array)) return body;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8"));
  } catch {
    value = undefined;
  }
  // As the server's JSON parser: an object or an array, nothing else.
  if (typeof value !== "object" || value === null) throw new AppError(400, "malformed-json", { message: "Begäran är inte giltig JSON." });
  return value;
}

/**
 * `parseInput(submitRequestSchema, body)`, with the record list taken as it is when it is an array short enough:
 * the schema leaves records unparsed (each is checked by the wire check), so zod need not walk them.
 */
export function parseSubmitRequest(body: unknown): SubmitRequest {
  const records = (body as { records?: unknown } | null)?.records;
  if (!Array.isArray(records) || records.length > MAX_SUBMIT_RECORDS) return parseInput(submitRequestSchema, body);
  return { ...parseInput(submitRequestSchema, { ...(body as object), records: [] }), records };
}

function prepareWith(db: AppContext["db"], input: PrepareInput): WirePrepared {
  const req = parseSubmitRequest(parseBody(input.body));
  const out = checkSubmission({ db, now: new Date(input.now), earliestRecordDate: input.earliestRecordDate }, input.org, req);
  const refusal = out.refusal ? toWireError(out.refusal) : null;
  return { ...out, refusal, thread: threadId };
}

/** The worker's read-only connection, opened once and kept (it reads each new commit); another file replaces it. */
let reader: { path: string; db: AppContext["db"] } | null = null;

/** Runs in the worker: checks against the database file through a read-only connection of its own. */
export function prepareFromFile(input: PrepareInput & { dbPath: string }): WirePrepared {
  if (reader?.path !== input.dbPath) {
    reader?.db.close();
    reader = { path: input.dbPath, db: openReader(input.dbPath) };
  }
  return prepareWith(reader.db, input);
}

/** The body's own memory, when nothing else shares it: it is moved to the worker, not copied. */
function ownBuffer(body: unknown): ArrayBuffer[] {
  if (!(body instanceof Uint8Array) || !(body.buffer instanceof ArrayBuffer)) return [];
  return body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? [body.buffer] : [];
}

/**
 * Parses and checks a submission's body: in a worker thread for a database file, inline for an in-memory one. A
 * body given as bytes may be moved to the worker: the caller must not read it afterwards.
 */
export async function prepareSubmission(ctx: AppContext, org: string, body: Uint8Array | unknown): Promise<Prepared> {
  const input: PrepareInput = { body, org, now: ctx.clock.now().toISOString(), earliestRecordDate: ctx.config.earliestRecordDate };
  const wire = ctx.db.memory
    ? prepareWith(ctx.db, input)
    : await callInWorker<PrepareInput & { dbPath: string }, WirePrepared>(import.meta.url, "prepareFromFile", { ...input, dbPath: ctx.db.name }, undefined, ownBuffer(body));
  return { ...wire, refusal: wire.refusal ? fromWireError(wire.refusal) : null };
}
