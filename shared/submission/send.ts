// The one submit loop: sends a plan's parts in order through whatever implements SubmissionTransport (the pane's
// sync client, the command line's HTTP client) and reports progress; the server stores the parts together when
// the last one arrives, and a retry of the same content returns the first receipt.
import type { Submission, SubmitRequest, SubmitResponse } from "../protocol/api";
import type { PartsPlan, SubmitPart } from "./plan";

export interface SubmissionTransport {
  submit(request: SubmitRequest): Promise<SubmitResponse>;
  /**
   * The same request already written as JSON (a streamed part's records go as the text they were written as). A
   * transport that has it saves parsing and writing every record again.
   */
  submitJson?(body: string): Promise<SubmitResponse>;
}

export interface SubmitProgress {
  part: number;
  parts: number;
  sent: number;
  total: number;
}

export interface SubmitOptions {
  onProgress?: (progress: SubmitProgress) => void;
  /** Turns a part's failure into the error to throw (for example naming the sheet rows of refused records). */
  onPartError?: (error: unknown, part: SubmitPart) => unknown;
}

export interface Sent {
  /** The stored submission: the receipt (counts, half-months, warnings). */
  submission: Submission;
  /** True when the server had this content already (a retry): nothing was stored twice. */
  replay: boolean;
}

/** The server took every part without answering with a receipt. */
export class NoReceiptError extends Error {
  constructor() {
    super("Servern bekräftade inte inskicket. Försök igen: samma innehåll lagras aldrig två gånger.");
    this.name = "NoReceiptError";
  }
}

export async function sendSubmission(transport: SubmissionTransport, plan: PartsPlan, options: SubmitOptions = {}): Promise<Sent> {
  const total = plan.count;
  for (const [index, part] of plan.parts.entries()) {
    // A part of a plan built while the sheet was read makes its request when asked: ask once.
    const request = part.request;
    let response: SubmitResponse;
    try {
      response = await transport.submit(request);
    } catch (e) {
      throw options.onPartError ? options.onPartError(e, part) : e;
    }
    options.onProgress?.({ part: index + 1, parts: plan.parts.length, sent: part.first + request.records.length, total });
    if (response.status === "stored") return { submission: response.submission, replay: response.replay };
  }
  throw new NoReceiptError();
}
