// What an idempotency key binds and how long staged parts live: a key reused with other content is refused
// (never a silent replay of the first content); staged parts of a chunked upload expire and are capped per
// organisation, so an abandoned upload cannot hold space for ever.
import { createHash } from "node:crypto";
import type { SubmitRequest } from "../../shared/protocol/api";
import { AppError } from "../../shared/protocol/errors";
import type { AppContext } from "../context";
import type { KeyBinding } from "../stores/submissions";
import { dropUploading, expireParts, stagedTotals, strayUploading } from "../stores/uploads";

export const DEFAULT_STAGED_UPLOAD_HOURS = 24;
/** Staged uploads one organisation may have open at once. */
export const DEFAULT_STAGED_UPLOADS_PER_ORG = 20;
/** Bytes of staged records one organisation may hold at once. */
export const DEFAULT_STAGED_BYTES_PER_ORG = 256 * 1024 * 1024;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * The hash of one request's records, whatever order their keys were written in: SHA-256 of `canonicalJson` of the
 * list, made from the canonical JSON of each record (hashed without joining them first).
 */
export function hashOfJson(texts: readonly string[]): string {
  // One update of the whole text: an update per record costs more than the hashing itself.
  return hashOfListJson(`[${texts.join(",")}]`);
}

/** `hashOfJson(texts)` given the list's JSON itself, `[${texts.join(",")}]`. */
export function hashOfListJson(listJson: string): string {
  return sha256(listJson);
}

/** The hash of a whole submission from the hashes of its parts (one part when it was not chunked). */
export function contentHash(partHashes: readonly string[]): string {
  return sha256(partHashes.join(","));
}

function conflict(): never {
  throw new AppError(409, "idempotency-conflict", { message: "Nyckeln har redan använts för ett inskick med annat innehåll." });
}

/** Refuses a retry whose content differs from what the key was first used with (`hash`: `hashOfJson` of its records). */
export function assertSameContent(binding: KeyBinding, req: Omit<SubmitRequest, "records">, hash: string): void {
  if (binding.templateId !== req.templateId || binding.templateVersion !== req.templateVersion) conflict();
  if (binding.contentHash === null) return; // stored before content was bound
  if (req.part) {
    // A streamed upload's parts are compared as a whole once all are here (`assertSameUpload`).
    if (req.part.count === undefined) return;
    if (!binding.partHashes || binding.partHashes.length !== req.part.count || binding.partHashes[req.part.index] !== hash) conflict();
  } else if (contentHash([hash]) !== binding.contentHash) conflict();
}

/** Refuses an upload, complete now, whose parts differ from the content its key was first used with. */
export function assertSameUpload(binding: KeyBinding, req: Omit<SubmitRequest, "records">, partHashes: readonly string[]): void {
  if (binding.templateId !== req.templateId || binding.templateVersion !== req.templateVersion) conflict();
  if (binding.contentHash === null) return; // stored before content was bound
  if (contentHash(partHashes) !== binding.contentHash) conflict();
}

/** A part staged before under the same index must carry the same content. */
export function assertSamePart(earlierHash: string | null, hash: string): void {
  if (earlierHash !== null && earlierHash !== hash) conflict();
}

/** Removes the uploads not added to for longer than the configured lifetime; runs at start and before each upload. */
export function expireStagedUploads(ctx: AppContext): number {
  const hours = ctx.config.stagedUploadHours ?? DEFAULT_STAGED_UPLOAD_HOURS;
  return expireParts(ctx.db, new Date(ctx.clock.now().getTime() - hours * 3_600_000).toISOString());
}

/** At start: the expired uploads, and the rows of a replayed upload a stop before their clean-up left behind. */
export function sweepStagedUploads(ctx: AppContext): number {
  const expired = expireStagedUploads(ctx);
  for (const id of strayUploading(ctx.db)) dropUploading(ctx.db, id);
  return expired;
}

/** Refuses a part that would take the organisation's staged uploads above their caps. */
export function assertStagingRoom(ctx: AppContext, org: string, newUpload: boolean, bytes: number): void {
  const totals = stagedTotals(ctx.db, org);
  const maxUploads = ctx.config.stagedUploadsPerOrg ?? DEFAULT_STAGED_UPLOADS_PER_ORG;
  const maxBytes = ctx.config.stagedBytesPerOrg ?? DEFAULT_STAGED_BYTES_PER_ORG;
  if ((newUpload && totals.uploads >= maxUploads) || totals.bytes + bytes > maxBytes)
    throw new AppError(429, "upload-limit", { message: `Organisationen har ${totals.uploads} påbörjade uppladdningar (högst ${maxUploads}) som väntar på sina sista delar.` });
}
