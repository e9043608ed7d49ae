// A submission sent while the sheet is still being checked (the streamed form of a chunked upload, see
// `uploadPartSchema`): the upload gets its id first, each part is sent as soon as it is full, and the last part
// brings the count and the idempotency key, the hash of the whole content, which is known only then. Records are
// written once, as the JSON they are sent as (a transport with `submitJson` sends that text as it is); a part's
// text is dropped once the server has taken it. Two parts may be in flight at once (the server checks one while it
// stores the other; each part says where its records begin, so the server places it whichever arrives first); the
// last part leaves only once every earlier part is staged.
import type { SubmitRequest, SubmitResponse } from "../protocol/api";
import type { LocalRecord } from "../protocol/record";
import { containsIdentifier } from "../deidentify/scan";
import { createRecordWriter, type TextHash } from "./plan-builder";
import { PART_SIZE } from "./plan";
import { NoReceiptError, type Sent, type SubmissionTransport, type SubmitProgress } from "./send";

export interface StreamedUploadOptions {
  partSize?: number;
  hash?: () => TextHash;
  /** The upload's id; a fresh random one by default. */
  uploadId?: string;
  onProgress?: (progress: SubmitProgress) => void;
  /** Turns a part's failure into the error to throw; `first` is the index of the part's first record. */
  onPartError?: (error: unknown, first: number) => unknown;
  /** Parts sent and not yet answered at most at once (the server checks one while it stores another); 2 by default. */
  inFlight?: number;
}

export interface StreamedUpload {
  readonly uploadId: string;
  /** Adds the next record (in sheet order); a part that is full is queued for sending. */
  add(record: LocalRecord): void;
  /** Parts queued and not yet answered. */
  readonly waiting: number;
  /** Resolves once at most `max` parts wait; rejects with the first part's failure. */
  drain(max?: number): Promise<void>;
  /** Sends nothing more (a sheet found to have errors): parts not yet sent are dropped. */
  abandon(): void;
  /** The sheet row of each record added so far: local only. */
  sourceRows(): Int32Array;
  /** Sends the last part with the key and returns the receipt. */
  finish(template: { id: string; version: number }): Promise<StreamedResult>;
}

export interface StreamedResult {
  sent: Sent;
  idempotencyKey: string;
  parts: number;
  count: number;
  /** The sheet row of each record sent: local only. */
  sourceRows: Int32Array;
}

interface WebRandom {
  crypto?: { getRandomValues(array: Uint8Array): Uint8Array };
}

/** A random upload id of letters only (never shaped like an identifier, and checked all the same). */
export function newUploadId(): string {
  const random = (globalThis as WebRandom).crypto;
  if (!random) throw new Error("Slumptal saknas i den här miljön: uppladdningen kan inte få något id.");
  for (;;) {
    const bytes = random.getRandomValues(new Uint8Array(24));
    const id = `upl-${Array.from(bytes, (b) => String.fromCharCode(97 + (b % 26))).join("")}`;
    if (!containsIdentifier(id)) return id;
  }
}

/** A request's JSON with the records already written as JSON (`recordsText`: the records joined by commas). */
function requestJson(request: Omit<SubmitRequest, "records">, recordsText: string): string {
  const head = JSON.stringify(request);
  return `${head.slice(0, -1)}${head.length > 2 ? "," : ""}"records":[${recordsText}]}`;
}

export function startStreamedUpload(transport: SubmissionTransport, options: StreamedUploadOptions = {}): StreamedUpload {
  const size = Math.max(1, Math.floor(options.partSize ?? PART_SIZE));
  const maxInFlight = Math.max(1, Math.floor(options.inFlight ?? 2));
  const writer = createRecordWriter({ partSize: size, hash: options.hash });
  const uploadId = options.uploadId ?? newUploadId();
  let sentParts = 0;
  let queued = 0;
  let answered = 0;
  let inFlight = 0;
  let progressed = 0;
  let failure: { error: unknown } | null = null;
  let held: string | null = null;
  const pending: (() => Promise<void>)[] = [];
  const waiters: (() => void)[] = [];

  // The records go as the text they were written as: parsed again only for a transport that takes objects.
  const post = (request: Omit<SubmitRequest, "records">, recordsText: string): Promise<SubmitResponse> =>
    transport.submitJson ? transport.submitJson(requestJson(request, recordsText)) : transport.submit({ ...request, records: JSON.parse(`[${recordsText}]`) as unknown[] });
  const send = async (request: Omit<SubmitRequest, "records">, recordsText: string, first: number): Promise<SubmitResponse> => {
    try {
      return await post(request, recordsText);
    } catch (e) {
      throw options.onPartError ? options.onPartError(e, first) : e;
    }
  };
  const settle = () => {
    for (const w of waiters.splice(0)) w();
  };
  const fail = (error: unknown) => {
    failure ??= { error };
    answered += pending.length; // never sent
    pending.length = 0;
    settle();
  };
  const pump = () => {
    while (!failure && inFlight < maxInFlight && pending.length > 0) {
      const job = pending.shift()!;
      inFlight++;
      void job().finally(() => {
        inFlight--;
        answered++;
        settle();
        pump();
      });
    }
  };
  const enqueue = (text: string, index: number, first: number, records: number) => {
    queued++;
    const template = writer.template!;
    pending.push(async () => {
      try {
        await send({ templateId: template.id, templateVersion: template.version, part: { uploadId, index, first } }, text, first);
        progressed = Math.max(progressed, first + records); // parts in flight together may be answered out of order
        options.onProgress?.({ part: index + 1, parts: 0, sent: progressed, total: 0 });
      } catch (e) {
        fail(e);
      }
    });
    pump();
  };
  /** Resolves once at most `max` parts wait (or a part failed). */
  const waitFor = async (max: number) => {
    while (!failure && queued - answered > max) await new Promise<void>((resolve) => waiters.push(resolve));
  };

  return {
    uploadId,
    sourceRows: () => writer.sourceRows(),
    abandon() {
      fail(new Error("Uppladdningen avbröts."));
      held = null;
    },
    get waiting() {
      return queued - answered;
    },
    add(record) {
      if (failure) return;
      // A full part leaves when the next record comes: the last part of the sheet always carries records.
      if (held !== null) {
        enqueue(held, sentParts, sentParts * size, size);
        sentParts++;
        held = null;
      }
      held = writer.add(record);
    },
    async drain(max = 0) {
      await waitFor(max);
      if (failure) throw failure.error;
    },
    async finish(template) {
      const finished = writer.finish(template);
      const { idempotencyKey } = finished;
      const rest = held ?? finished.rest;
      const restCount = held !== null ? size : finished.restCount;
      held = null;
      const t = writer.template!;
      // The last part is sent once every earlier part is staged: it commits them all.
      await waitFor(0);
      if (failure) throw failure.error;
      const count = writer.count;
      const base = { templateId: t.id, templateVersion: t.version, idempotencyKey };
      const first = sentParts * size;
      // Nothing sent yet: the whole submission in one request, as a counted plan of one part sends it.
      const request = sentParts === 0 ? base : { ...base, part: { uploadId, index: sentParts, count: sentParts + 1, first } };
      const response = await send(request, rest, first);
      const parts = sentParts + 1;
      options.onProgress?.({ part: parts, parts, sent: first + restCount, total: count });
      if (response.status !== "stored") throw new NoReceiptError();
      return { sent: { submission: response.submission, replay: response.replay }, idempotencyKey, parts, count, sourceRows: writer.sourceRows() };
    },
  };
}
