// Loaded with `--import` into a measured child process: at exit it writes its own CPU time and peak RSS to stderr
// as one line `BENCH-USAGE {"cpu":seconds,"rss":bytes}` (process start and module loading included).
import { writeSync } from "node:fs";

process.on("exit", () => {
  const usage = process.resourceUsage();
  writeSync(2, `\nBENCH-USAGE ${JSON.stringify({ cpu: (usage.userCPUTime + usage.systemCPUTime) / 1e6, rss: usage.maxRSS * 1024 })}\n`);
});
