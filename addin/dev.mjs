#!/usr/bin/env node
// `npm run dev`: webpack watches and rebuilds dist/addin while the sync server serves that fresh build on the same
// origin (https://localhost:3000; no second port). Ctrl+C stops both.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const webpackCli = require.resolve("webpack-cli/bin/cli.js");
const children = [
  spawn(process.execPath, [webpackCli, "--config", "webpack.config.mjs", "--mode", "development", "--watch"], { cwd: root, stdio: "inherit" }),
  spawn(process.execPath, [join(root, "bin/lagesbild.mjs"), "serve"], { cwd: root, stdio: "inherit", env: { ...process.env, BUILD_ADDIN: "0" } }),
];
const stop = () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const c of children) c.on("exit", (code) => {
  stop();
  process.exitCode = code ?? 0;
});
