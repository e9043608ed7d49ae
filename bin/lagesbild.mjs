#!/usr/bin/env node
// Entry of the `lagesbild` command: runs the compiled CLI and server (dist/server, built by bin/build.mjs) in this
// same process. When a source is newer than the build it is rebuilt first, so the command never runs stale code.
import { pathToFileURL } from "node:url";
import { ensureBuilt } from "./build.mjs";

process.setSourceMapsEnabled(true);
const entry = await ensureBuilt();
await import(pathToFileURL(entry).href);
