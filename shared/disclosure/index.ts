// Disclosure control: one cover model per delivery round, primary and secondary suppression, and an independent
// audit, under one resolved rule. The entry for code outside this folder (the deliveries, the benchmarks); the files
// here and their tests import one another directly.
export { auditPattern, type AuditFailure, type AuditOptions, type AuditResult, type Insider, type WitnessHint } from "./audit";
export { highsSolver } from "./highs";
export type { LpSolver } from "./lp";
export type { CellStatus, CoverModel, FixedFact, InnerCell, PublishedCell } from "./model";
export { isDerivedSuppressed } from "./primary";
export { protectTables, type ProtectPhase, type ProtectResult, type ProtectStrategy } from "./protect";
export { resolveRule, type DisclosureRule, type RuleOptions } from "./rule";
