// The small LP interface the audit needs: one constraint system, many objectives (minimise or maximise a sum of variables).
// Variables are non-negative and unbounded above. Implementations: `highsSolver()` (HiGHS compiled to WebAssembly).

export interface LpRow {
  /** Variable indices (strictly increasing) and their coefficients. */
  indices: Int32Array;
  coefs: Float64Array;
  lower: number;
  upper: number;
}

export interface LpProblem {
  numVars: number;
  rows: LpRow[];
}

export type LpOutcome =
  /** `rows`, when given: every row's activity at x, in the problem's row order. */
  | { status: "optimal"; value: number; x: Float64Array; rows?: Float64Array }
  | { status: "unbounded" }
  | { status: "infeasible" }
  | { status: "error"; message: string };

export interface LpSession {
  /** Optimises Σ x[i] over `vars` (sorted, distinct), or Σ weights[j]·x[vars[j]] when weights are given. */
  optimise(vars: Int32Array, sense: "min" | "max", weights?: Float64Array): LpOutcome;
  /** Changes the bounds of one row (for example an insider's known cell becomes an equality). */
  setRowBounds(row: number, lower: number, upper: number): void;
  dispose(): void;
}

export interface LpSolver {
  open(problem: LpProblem): LpSession;
}
