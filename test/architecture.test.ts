// The add-in reads from its folders alone: no import circles (the pane's panels and its start never import each
// other), and production code never imports test code (test doubles and the in-memory host live in `testing/` folders).
import { readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { findCycles, importSpecifiers, REPO_ROOT, resolveImport, sourceFiles } from "./helpers/source-imports";

const rel = (file: string) => relative(REPO_ROOT, file).split(sep).join("/");

/** The import graph of the files under `dir`, by repository-relative path, with only the edges that stay inside it. */
function importGraph(dir: string): Map<string, string[]> {
  const files = sourceFiles(dir);
  const inside = new Set(files);
  return new Map(
    files.map((file) => {
      const targets = importSpecifiers(readFileSync(file, "utf8"))
        .map((s) => resolveImport(file, s))
        .filter((t): t is string => t !== null && inside.has(t));
      return [rel(file), [...new Set(targets.map(rel))]];
    }),
  );
}

/** Test code: `*.test.ts`, anything under `test/`, and anything in a `testing/` folder. */
function isTestCode(path: string): boolean {
  return path.endsWith(".test.ts") || path.startsWith("test/") || path.split("/").includes("testing");
}

describe("import circles", () => {
  it("the checker names a circle as a path back to its start, and finds none in a tree", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c", "d"]],
      ["c", ["a"]],
      ["d", []],
      ["e", ["e"]],
    ]);
    expect(findCycles(graph)).toEqual([["a", "b", "c", "a"], ["e", "e"]]);
    expect(findCycles(new Map([["a", ["b", "c"]], ["b", ["c"]], ["c", []]]))).toEqual([]);
  });

  it("the graph is read from the source, type-only imports included", () => {
    const graph = importGraph(join(REPO_ROOT, "addin"));
    expect(graph.get("addin/taskpane/app.ts")).toContain("addin/taskpane/submit-panel.ts");
    expect(graph.get("addin/taskpane/submit-panel.ts")).toContain("addin/taskpane/context.ts");
  });

  it("no file under addin/ imports itself back through other files", () => {
    const circles = findCycles(importGraph(join(REPO_ROOT, "addin"))).map((c) => c.join(" → "));
    expect(circles).toEqual([]);
  });
});

describe("production code never imports test code", () => {
  it("the checker tells test code from production code", () => {
    expect(isTestCode("addin/testing/memory-workbook.ts")).toBe(true);
    expect(isTestCode("test/helpers/server.ts")).toBe(true);
    expect(isTestCode("addin/flows/submit.test.ts")).toBe(true);
    expect(isTestCode("addin/taskpane/taskpane.ts")).toBe(false);
    expect(isTestCode("sync-server/app.ts")).toBe(false);
  });

  it("no non-test .ts file of the repository imports from a testing/ folder (or from test/)", () => {
    const offenders = sourceFiles(REPO_ROOT)
      .filter((file) => !isTestCode(rel(file)))
      .flatMap((file) =>
        importSpecifiers(readFileSync(file, "utf8"))
          .map((s) => resolveImport(file, s))
          .filter((t): t is string => t !== null && isTestCode(rel(t)))
          .map((t) => `${rel(file)} → ${rel(t)}`),
      );
    expect(offenders).toEqual([]);
  });
});

describe("the production add-in build never reaches the test host", () => {
  type Config = { entry: Record<string, string>; output: { path: string } };
  const build = async (env: Record<string, boolean>): Promise<Config> => {
    const module = (await import(pathToFileURL(join(REPO_ROOT, "webpack.config.mjs")).href)) as { default: unknown };
    const factory = module.default as (env: Record<string, boolean>, argv: { mode: string }) => Config;
    return factory(env, { mode: "production" });
  };

  /** Every repository file an entry reaches through its imports. */
  function reachable(entry: string): string[] {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const s of importSpecifiers(readFileSync(file, "utf8"))) {
        const target = resolveImport(file, s);
        if (target) visit(target);
      }
    };
    visit(join(REPO_ROOT, entry));
    return [...seen].map(rel);
  }

  it("production entries reach no test code; only the test build (dist/addin-test) has the test host's entry", async () => {
    const production = await build({});
    expect(Object.keys(production.entry).sort()).toEqual(["commands", "taskpane"]);
    expect(rel(production.output.path)).toBe("dist/addin");
    const pane = reachable(production.entry.taskpane);
    expect(pane).toContain("addin/taskpane/app.ts");
    expect(pane).toContain("addin/excel/office-workbook.ts");
    for (const entry of Object.values(production.entry)) expect(reachable(entry).filter(isTestCode)).toEqual([]);
    const test = await build({ "test-host": true });
    expect(test.entry["test-host"]).toBe("./addin/testing/test-host.ts");
    expect(rel(test.output.path)).toBe("dist/addin-test");
  });
});

describe("worker entries of the build", () => {
  it("every module the server runs in a worker thread has a compiled entry in bin/build.mjs (WORKER_MODULES)", () => {
    const listed = /const WORKER_MODULES = (\[[^\]]*\])/.exec(readFileSync(join(REPO_ROOT, "bin", "build.mjs"), "utf8"));
    expect(listed).not.toBeNull();
    const entries = (JSON.parse(listed![1]) as string[]).sort();
    // A call names its module as `import.meta.url` (the caller itself) or `new URL("./x.ts", import.meta.url)`.
    const called = sourceFiles(join(REPO_ROOT, "sync-server"), false).flatMap((file) => {
      const text = readFileSync(file, "utf8");
      if (rel(file) === "sync-server/jobs/worker.ts") return [];
      return [...text.matchAll(/callInWorker(?:<[^(]*>)?\(\s*(import\.meta\.url|new URL\("([^"]+)", import\.meta\.url\)\.href)/g)].map((m) =>
        m[2] === undefined ? rel(file) : rel(join(file, "..", m[2])),
      );
    });
    expect(called.length).toBeGreaterThan(0);
    expect([...new Set(called)].sort()).toEqual(entries);
  });
});
