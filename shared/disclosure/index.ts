// Disclosure control: one cover model per delivery round, primary and secondary suppression, and an independent audit.
export { auditPattern, type AuditFailure, type AuditOptions, type AuditResult, type Insider, type PatternIssue } from "./audit";
export { bruteForceBounds } from "./bruteforce";
export { highsSolver } from "./highs";
export type { LpOutcome, LpProblem, LpRow, LpSession, LpSolver } from "./lp";
export {
  compileModel,
  countOnceConstraints,
  type CellStatus,
  type ConstraintTerm,
  type CoverModel,
  type FixedFact,
  type InnerCell,
  type LinearConstraint,
  type PublishedCell,
} from "./model";
export { checkNesting, type NamedSet, type NestingIssue } from "./nesting";
export { isDerivedSuppressed, isPrimaryCount, type DerivedPart } from "./primary";
export { protectTables, type ProtectOptions, type ProtectResult } from "./protect";
