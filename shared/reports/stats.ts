// The statistics of the yearly analysis, in one place, taken from shared/stats (never a second implementation):
// the exact Poisson (Garwood) 95 % interval of a count, and the exact conditional test of two Poisson counts over
// equally long periods (the same months of two years) for whether a change is statistically clear at 5 %.
import { changeTest, poissonInterval } from "../stats/intervals";
import type { YearStats } from "./year-report";

export function yearReportStats(): YearStats {
  return {
    countInterval: (count) => (Number.isInteger(count) && count >= 0 ? poissonInterval(count) : null),
    clearChange: (before, after) =>
      Number.isInteger(before) && Number.isInteger(after) && before >= 0 && after >= 0 ? changeTest({ kind: "count", before, after }).significant : null,
    method: "exakt test av två Poissonantal över lika långa perioder, villkorligt binomialtest, tvåsidigt på 5 %-nivån",
  };
}
