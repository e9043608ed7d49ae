#!/usr/bin/env node
// Compiles the server and the `lagesbild` command (sync-server/cli/main.ts and all it imports from sync-server/ and
// shared/) into plain JavaScript with esbuild: ES modules split per lazily loaded command, with source maps, packages
// left to node_modules. Run by `npm ci` (prepare) and, when a source is newer than the build, by bin/lagesbild.mjs
// before it starts, so nobody runs a stale build. A build goes into a directory of its own and becomes current by one
// rename of dist/server/current.json, so processes starting side by side never see half a build.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const OUT_ROOT = join(ROOT, "dist", "server");
const CURRENT = join(OUT_ROOT, "current.json");
const ENTRY = "sync-server/cli/main.ts";
/**
 * The modules whose exports run in worker threads (`callInWorker`, sync-server/jobs/worker.ts): each is built as an
 * entry of its own, `workers/<source path>.mjs`, which a worker of the built server loads instead of the TypeScript.
 */
const WORKER_MODULES = ["sync-server/submissions/prepare.ts", "sync-server/deliveries/protect-worker.ts", "sync-server/deliveries/round-worker.ts", "sync-server/alerts/table-worker.ts"];
/** Old builds are removed once they are this old (a process may still be loading lazily from one). */
const KEEP_OLD_MS = 10 * 60_000;

/** The current build's entry file when every source it was built from is older than it, else null. */
export function freshEntry() {
  let current;
  try {
    current = JSON.parse(readFileSync(CURRENT, "utf8"));
  } catch {
    return null;
  }
  const entry = join(OUT_ROOT, current.dir, "lagesbild.mjs");
  try {
    for (const input of current.inputs) if (statSync(join(ROOT, input)).mtimeMs > current.builtAt) return null;
    statSync(entry);
  } catch {
    return null;
  }
  return entry;
}

/** esbuild gives every module of a bundle the bundle's import.meta.url; each source file keeps its own here,
 * so paths beside the sources (migrations, demo registers) resolve as they do under tsx. */
const ownImportMetaUrl = {
  name: "own-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      if (!source.includes("import.meta.url")) return undefined;
      return { contents: source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader: "ts" };
    });
  },
};

/** Builds into a new directory, makes it current and returns its entry file. */
export async function build() {
  const { build: esbuild } = await import("esbuild");
  const startedAt = Date.now();
  const dir = `b${startedAt.toString(36)}-${process.pid}`;
  const outdir = join(OUT_ROOT, dir);
  mkdirSync(outdir, { recursive: true });
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: { lagesbild: ENTRY, ...Object.fromEntries(WORKER_MODULES.map((m) => [`workers/${m.replace(/\.ts$/, "")}`, m])) },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunks/[name]-[hash]",
    metafile: true,
    logLevel: "warning",
    plugins: [ownImportMetaUrl],
  });
  const inputs = Object.keys(result.metafile.inputs).filter((p) => !p.includes("node_modules"));
  inputs.push(relative(ROOT, fileURLToPath(import.meta.url)), "package.json");
  const tmp = `${CURRENT}.${process.pid}.tmp`;
  // Sources edited while the build ran make it stale at once: builtAt is when it started.
  writeFileSync(tmp, JSON.stringify({ dir, builtAt: startedAt, inputs }));
  renameSync(tmp, CURRENT);
  for (const old of readdirSync(OUT_ROOT)) {
    const path = join(OUT_ROOT, old);
    if (old === dir || !/^b[0-9a-z]+-\d+$/.test(old)) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > KEEP_OLD_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      /* another process removed it */
    }
  }
  return join(outdir, "lagesbild.mjs");
}

/** The entry of a fresh build, building first when the sources are newer. */
export async function ensureBuilt() {
  return freshEntry() ?? (await build());
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes("--force");
  if (!existsSync(join(ROOT, ENTRY))) {
    console.error(`${ENTRY} finns inte; inget att bygga.`);
    process.exit(1);
  }
  const fresh = force ? null : freshEntry();
  const entry = fresh ?? (await build());
  console.log(`${fresh ? "Bygget är aktuellt" : "Byggt"}: ${relative(ROOT, entry)}`);
}
