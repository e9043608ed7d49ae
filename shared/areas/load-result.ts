// The result of loading a register file: typed value or the issues that stop it, never an exception.

/** One problem in a register file, with the line it sits on (1-based; null when it concerns the whole file). */
export interface LoadIssue {
  file: string;
  line: number | null;
  code: string;
  /** Swedish, for the person who maintains the register. */
  message: string;
}

export type LoadResult<T> = { ok: true; value: T } | { ok: false; issues: LoadIssue[] };

export function loadIssue(file: string, line: number | null, code: string, message: string): LoadIssue {
  return { file, line, code, message };
}
