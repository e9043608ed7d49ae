// A one-line progress bar on a terminal (stderr), and nothing at all when the output is not a TTY (a scheduled
// job's log stays clean).
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): unknown;
}

export interface Progress {
  update(done: number, label?: string): void;
  finish(): void;
}

const NONE: Progress = { update: () => {}, finish: () => {} };

/** The bar's text for `done` of `total`, `width` characters of bar. */
export function progressLine(label: string, done: number, total: number, width = 30): string {
  const share = total <= 0 ? 1 : Math.min(1, Math.max(0, done / total));
  const filled = Math.round(share * width);
  return `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${Math.round(share * 100)} % (${done}/${total})`;
}

export function createProgress(stream: ProgressStream, label: string, total: number): Progress {
  if (!stream.isTTY) return NONE;
  let last = "";
  let current = label;
  return {
    update(done, next) {
      if (next) current = next;
      const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - current.length - 30));
      const line = progressLine(current, done, total, width);
      if (line === last) return;
      last = line;
      stream.write(`\r\x1b[2K${line}`);
    },
    finish() {
      if (last) stream.write("\n");
    },
  };
}
