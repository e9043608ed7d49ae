// What leaves for the server when a checked sheet is submitted, decided once for the task pane and the command
// line: the wire records (nothing local), the idempotency key, and the parts each request carries.
import type { CheckResult } from "../pipeline/check";
import type { SubmitRequest } from "../protocol/api";
import { toWireRecord, type DeidentifiedRecord } from "../protocol/record";
import { submissionKey } from "./key";

/**
 * Records per request. A realistic wire record is about 200–250 bytes of JSON and at most about 600 with linkage
 * tokens and long category values (the demo exports: 200–550), so a part is at most about 2.4 MB: well below
 * Excel's 5 MB request limit, which the pane's requests are kept under, and the server's body limit.
 */
export const PART_SIZE = 4000;

export interface SubmitPart {
  request: SubmitRequest;
  /** Index in the plan's records of this part's first record (a refusal names rows within the part). */
  first: number;
}

/** What the submit loop sends: the parts in order, under one key (a plan built as a sheet is read holds no more). */
export interface PartsPlan {
  template: { id: string; version: number };
  idempotencyKey: string;
  /** Records in all parts. */
  count: number;
  /** The sheet row each record came from: local only, never sent. */
  sourceRows: ArrayLike<number>;
  parts: SubmitPart[];
}

export interface SubmissionPlan extends PartsPlan {
  records: DeidentifiedRecord[];
  sourceRows: number[];
}

export const SHEET_HAS_ERRORS = "Bladet har fel som måste rättas innan det kan skickas.";

/** The plan for a checked sheet; throws when the sheet has errors (nothing of it may be sent). */
export async function planSubmission(result: CheckResult, options: { partSize?: number } = {}): Promise<SubmissionPlan> {
  if (!result.canSubmit || !result.template) throw new Error(SHEET_HAS_ERRORS);
  return planRecords(result.template, result.records.map(toWireRecord), result.records.map((r) => r.sourceRow), options);
}

/** The plan for wire records already made (`sourceRows[i]` is the sheet row of record i). */
export async function planRecords(template: { id: string; version: number }, records: DeidentifiedRecord[], sourceRows: number[], options: { partSize?: number } = {}): Promise<SubmissionPlan> {
  const idempotencyKey = await submissionKey(template, records);
  const size = Math.max(1, Math.floor(options.partSize ?? PART_SIZE));
  const count = Math.max(1, Math.ceil(records.length / size));
  const base = { templateId: template.id, templateVersion: template.version, idempotencyKey };
  const parts: SubmitPart[] = [];
  for (let index = 0; index < count; index++) {
    const first = index * size;
    const slice = records.slice(first, first + size);
    const request: SubmitRequest = count === 1 ? { ...base, records: slice } : { ...base, records: slice, part: { uploadId: idempotencyKey.slice(0, 48), index, count } };
    parts.push({ request, first });
  }
  return { template: { id: template.id, version: template.version }, idempotencyKey, count: records.length, records, sourceRows, parts };
}
