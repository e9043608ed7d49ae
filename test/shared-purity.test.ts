// shared/ is the host-agnostic core: no node: modules, Office, DOM, SQLite, or add-in/server code.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { importSpecifiers, REPO_ROOT as root, sourceFiles } from "./helpers/source-imports";

const sharedDir = join(root, "shared");
const ALLOWED_PACKAGES = new Set(["zod", "proj4", "highs"]);

export function forbiddenImports(source: string): string[] {
  return importSpecifiers(source).filter((s) => {
    if (s.startsWith(".")) return /(^|\/)\.\.\/\.\.\/(addin|sync-server)|\/(addin|sync-server)\//.test(s) || s.includes("sync-server") || s.includes("addin/");
    return !ALLOWED_PACKAGES.has(s.split("/")[0]);
  });
}

describe("shared/ purity", () => {
  it("the checker itself catches forbidden imports", () => {
    expect(forbiddenImports(`import { readFileSync } from "node:fs";`)).toEqual(["node:fs"]);
    expect(forbiddenImports(`import Database from "better-sqlite3";`)).toEqual(["better-sqlite3"]);
    expect(forbiddenImports(`import { x } from "../../sync-server/app";`)).toEqual(["../../sync-server/app"]);
    expect(forbiddenImports(`import { z } from "zod";\nimport { a1 } from "../grid/a1";`)).toEqual([]);
  });

  it("no file under shared/ imports node:, SQLite, Office, the DOM or the add-in/server folders", () => {
    const offenders = sourceFiles(sharedDir, false).flatMap((file) => {
      const bad = forbiddenImports(readFileSync(file, "utf8"));
      return bad.map((b) => `${relative(root, file)} → ${b}`);
    });
    expect(offenders).toEqual([]);
  });

  it("shared/ type-checks without the DOM library or Node's types", () => {
    const tsc = join(root, "node_modules/typescript/bin/tsc");
    let output = "";
    try {
      execFileSync(process.execPath, [tsc, "-p", join(sharedDir, "tsconfig.json"), "--noEmit"], { encoding: "utf8" });
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(output).toBe("");
  });
});
