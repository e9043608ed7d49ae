// Vitest global setup: builds the add-in once before any test file runs, so the browser test files (which run in
// parallel) never start webpack into dist/addin at the same time. Skipped when the build is newer than its sources.
import { buildAddinOnce } from "./e2e/harness";

export default function setup(): void {
  buildAddinOnce();
}
