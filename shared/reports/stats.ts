// The statistics of the yearly analysis, in one place: the 95 % interval of a count and the test of a change,
// taken from shared/stats (never a second implementation here). Until shared/stats exists the report shows only
// the intervals published cells carry, and judges no change.
import { NO_STATS, type YearStats } from "./year-report";

export function yearReportStats(): YearStats {
  return NO_STATS;
}
