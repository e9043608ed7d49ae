#!/usr/bin/env node
// Entry of the `lagesbild` command: runs the TypeScript CLI through tsx, so it works straight after `npm ci`.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const tsxCli = require.resolve("tsx/cli");
const result = spawnSync(process.execPath, [tsxCli, join(root, "sync-server/cli/main.ts"), ...process.argv.slice(2)], {
  stdio: "inherit",
});
if (result.error) {
  console.error(result.error.message);
  process.exit(2);
}
process.exit(result.status ?? 2);
