// A submission sent while the sheet is still being checked (the streamed form of a chunked upload, see
// `uploadPartSchema`): the upload gets its id first, each part is sent as soon as it is full, and the last part
// brings the count and the idempotency key, the hash of the whole content, which is known only then. Records are
// written once, as the JSON they are sent as; a part's text is dropped once the server has taken it.
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

export function startStreamedUpload(transport: SubmissionTransport, options: StreamedUploadOptions = {}): StreamedUpload {
  const size = Math.max(1, Math.floor(options.partSize ?? PART_SIZE));
  const writer = createRecordWriter({ partSize: size, hash: options.hash });
  const uploadId = options.uploadId ?? newUploadId();
  let sentParts = 0;
  let queued = 0;
  let answered = 0;
  let failure: { error: unknown } | null = null;
  let chain: Promise<void> = Promise.resolve();
  let held: string | null = null;
  const waiters: (() => void)[] = [];

  const send = async (request: SubmitRequest, first: number): Promise<SubmitResponse> => {
    try {
      return await transport.submit(request);
    } catch (e) {
      throw options.onPartError ? options.onPartError(e, first) : e;
    }
  };
  const settle = () => {
    for (const w of waiters.splice(0)) w();
  };
  const enqueue = (text: string, index: number, first: number, records: number) => {
    queued++;
    const template = writer.template!;
    chain = chain.then(async () => {
      if (failure) return;
      try {
        await send({ templateId: template.id, templateVersion: template.version, records: JSON.parse(`[${text}]`) as unknown[], part: { uploadId, index } }, first);
        options.onProgress?.({ part: index + 1, parts: 0, sent: first + records, total: 0 });
      } catch (e) {
        failure = { error: e };
      } finally {
        answered++;
        settle();
      }
    });
  };

  return {
    uploadId,
    sourceRows: () => writer.sourceRows(),
    abandon() {
      failure ??= { error: new Error("Uppladdningen avbröts.") };
      held = null;
      settle();
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
      while (!failure && queued - answered > max) await new Promise<void>((resolve) => waiters.push(resolve));
      if (failure) throw failure.error;
    },
    async finish(template) {
      const finished = writer.finish(template);
      const { idempotencyKey } = finished;
      const rest = held ?? finished.rest;
      const restCount = held !== null ? size : finished.restCount;
      held = null;
      const t = writer.template!;
      await chain;
      if (failure) throw failure.error;
      const count = writer.count;
      const base = { templateId: t.id, templateVersion: t.version, idempotencyKey };
      const records = JSON.parse(`[${rest}]`) as unknown[];
      const first = sentParts * size;
      // Nothing sent yet: the whole submission in one request, as a counted plan of one part sends it.
      const request: SubmitRequest = sentParts === 0 ? { ...base, records } : { ...base, records, part: { uploadId, index: sentParts, count: sentParts + 1 } };
      const response = await send(request, first);
      const parts = sentParts + 1;
      options.onProgress?.({ part: parts, parts, sent: first + restCount, total: count });
      if (response.status !== "stored") throw new NoReceiptError();
      return { sent: { submission: response.submission, replay: response.replay }, idempotencyKey, parts, count, sourceRows: writer.sourceRows() };
    },
  };
}
