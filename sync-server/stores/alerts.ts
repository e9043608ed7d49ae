// The alert table is derived data: computed from the records that count, cached per data version and week, never
// stored (it holds nothing that the records do not). The version changes when a submission is approved or
// superseded, or a duplicate pair is found, overruled or restored.
import type { Db } from "../db/database";
import { duplicatesVersion } from "./duplicates";
import { countingRecordsVersion } from "./submissions";

export function alertDataVersion(db: Db): string {
  return `${countingRecordsVersion(db)}|${duplicatesVersion(db)}`;
}
