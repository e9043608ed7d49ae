// The address a compiled server process prints when it listens ("Lägesbild kör på https://…"), read from the log
// file its output goes to; used by the benchmarks that start servers of their own (load, hosting).
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

export function serverUrl(child: ChildProcess, logFile: string, timeoutMs: number): Promise<string> {
  return new Promise<string>((resolveUrl, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const out = readFileSync(logFile, "utf8");
      const m = /Lägesbild kör på (https:\/\/\S+) /.exec(out);
      if (m) {
        clearInterval(timer);
        resolveUrl(m[1]);
      } else if (child.exitCode !== null || Date.now() - started > timeoutMs) {
        clearInterval(timer);
        reject(new Error(`the server did not start:\n${out}`));
      }
    }, 200);
  });
}
