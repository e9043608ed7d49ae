// One finding about a sheet: where it is (A1), what it is (stable code) and what to tell the user (Swedish).

export type Severity = "error" | "warning";

export interface SheetIssue {
  /** A1 address, or null for a finding about the whole sheet. */
  cell: string | null;
  /** 1-based sheet row, or null. */
  row: number | null;
  /** Column header as the sheet writes it, or null. */
  column: string | null;
  code: string;
  severity: Severity;
  message: string;
}

export const hasErrors = (issues: readonly SheetIssue[]): boolean => issues.some((i) => i.severity === "error");
