// The huvudman's view of which half-months double reports were matched in, per link class and pair of partners, and
// which could not be (a partner's history arrived after the other's keys were deleted). Read-only.
import { duplicateCoverage, type CoverageEntry, type PairCount } from "../../shared/dedup/coverage";
import type { DuplicateCoverage } from "../../shared/protocol/duplicates-api";
import type { AppContext } from "../context";
import { countingCoverage, countingPairsWithRecords } from "../stores/duplicates";
import { linkClassResolver } from "./link-class";
import { LINK_WINDOW_DAYS } from "./window";

export function coverageOfDuplicates(ctx: AppContext): DuplicateCoverage {
  const entries: CoverageEntry[] = countingCoverage(ctx.db).map((r) => ({
    submission: r.submission_id, org: r.org_id, halfMonth: r.halfmonth, linkClass: r.link_class,
    linkedRows: r.linked_rows, expiredRows: r.expired_rows, keptUntil: r.kept_until, matchedAt: r.matched_at,
  }));
  const classOf = linkClassResolver(ctx.db);
  // One count per pair: duplicateCoverage sums them per half-month, class and pair of partners.
  const counts: PairCount[] = countingPairsWithRecords(ctx.db).map((p) => ({ halfMonth: p.halfMonth, linkClass: classOf(p.a), orgA: p.orgA, orgB: p.orgB, pairs: 1 }));
  return duplicateCoverage(entries, counts, LINK_WINDOW_DAYS);
}
