// Loaded with `--import` into a measured child process: at exit it writes its own CPU time and peak RSS to stderr
// as one line `BENCH-USAGE {"cpu":seconds,"rss":bytes}` (process start and module loading included).
// The peak is the process's own memory's high-water mark (`VmHWM` in /proc/self/status): `resourceUsage().maxRSS`
// also counts the parent's resident memory at the fork (Linux keeps it across execve), so a child of a large bench
// process would report at least that process's size. Where /proc is missing, maxRSS is the fallback.
import { readFileSync, writeSync } from "node:fs";

function peakBytes(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm) return Number(hwm[1]) * 1024;
  } catch {
    // no /proc: fall through
  }
  return process.resourceUsage().maxRSS * 1024;
}

process.on("exit", () => {
  const usage = process.resourceUsage();
  writeSync(2, `\nBENCH-USAGE ${JSON.stringify({ cpu: (usage.userCPUTime + usage.systemCPUTime) / 1e6, rss: peakBytes() })}\n`);
});
