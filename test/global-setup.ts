// Vitest global setup: builds the add-in once before any test file runs, so the browser test files (which run in
// parallel) never start webpack into dist/addin at the same time. Skipped when the build is newer than its sources.
// The compiled server and CLI (dist/server) are brought up to date here too, once, before test files spawn them.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { buildAddinOnce } from "./e2e/harness";

export default function setup(): void {
  const root = join(import.meta.dirname, "..");
  const r = spawnSync(process.execPath, [join(root, "bin", "build.mjs")], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`bin/build.mjs failed:\n${r.stdout}\n${r.stderr}`);
  buildAddinOnce();
}
