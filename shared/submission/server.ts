// The small interface both doors to the server implement for submitting: the pane's sync client and the command
// line's HTTP client. Templates and registers to check with, and one request per part.
import type { PublishedTemplate } from "../protocol/api";
import type { RegisterSource } from "./checker";
import type { SubmissionTransport } from "./send";

export interface SubmissionServer extends RegisterSource, SubmissionTransport {
  /** The template versions the caller's organisation may use (retired ones included, with their date). */
  templates(): Promise<PublishedTemplate[]>;
}
