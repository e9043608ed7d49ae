import { describe, expect, it } from "vitest";
import { builtinIndicator } from "../../shared/indicators/builtin";
import { hierarchyFromRows } from "../../shared/indicators/hierarchy";
import { periodStart } from "../../shared/periods/period";
import type { DeidentifiedRecord } from "../../shared/protocol/record";
import { ALERT_HISTORY_YEARS, ALERT_TABLE_WEEKS, alertHistoryStart, boundedWeeklySeries, firstOfLastWeeks, lastCompleteIsoWeek } from "./table";

const areas = hierarchyFromRows([
  { code: "1", level: 1, parent: null },
  { code: "11", level: 2, parent: "1" },
  { code: "111", level: 3, parent: "11" },
]);
const rec = (date: string): DeidentifiedRecord => ({ templateId: "polis-anmalningar", templateVersion: 1, org: "polisen", date, hour: 10, period: null, categories: { brottskod: "1201" }, nyko: "111", measures: {} });
const def = builtinIndicator("skadegorelse-klotter")!;

describe("the alert table's history is bounded", () => {
  it("counts back from the last complete week: the judged weeks and three years before them", () => {
    expect(lastCompleteIsoWeek(new Date("2026-12-06T10:00:00Z"))).toBe("2026-W48"); // a Sunday: W49 is not over
    expect(lastCompleteIsoWeek(new Date("2026-12-07T10:00:00Z"))).toBe("2026-W49");
    expect(firstOfLastWeeks("2026-W49", 8)).toBe("2026-W42");
    expect(firstOfLastWeeks("2027-W02", 3)).toBe("2026-W53");
    const start = alertHistoryStart("2026-W49");
    expect(start > "2022-W40" && start < "2023-W01").toBe(true);
    expect(ALERT_HISTORY_YEARS).toBe(3);
    expect(ALERT_TABLE_WEEKS).toBe(52);
  });

  it("an approved record dated 1800-01-01 or 2015-01-05 does not lengthen the series", () => {
    const recent = [rec("2026-10-05"), rec("2026-11-16")];
    const base = boundedWeeklySeries(recent, [def], areas, "2026-W49", "2026-12-06")!;
    for (const old of ["1800-01-01", "2015-01-05"]) {
      const t = boundedWeeklySeries([...recent, rec(old)], [def], areas, "2026-W49", "2026-12-06")!;
      expect(t.weeks).toEqual(base.weeks);
      expect(t.weeks[0]).toBe("2026-W41");
    }
    // Only old records: nothing inside the bound, no table at all.
    expect(boundedWeeklySeries([rec("1800-01-01")], [def], areas, "2026-W49", "2026-12-06")).toBeNull();
    // A long real history is cut at the bound, whatever its first date.
    const long = boundedWeeklySeries([rec("2019-03-04"), rec(periodStart(alertHistoryStart("2026-W49"))), ...recent], [def], areas, "2026-W49", "2026-12-06")!;
    expect(long.weeks[0]).toBe(alertHistoryStart("2026-W49"));
    expect(long.weeks.length).toBe(ALERT_HISTORY_YEARS * 53 + ALERT_TABLE_WEEKS);
    // Records after today are not counted either.
    expect(boundedWeeklySeries([rec("9999-12-31")], [def], areas, "2026-W49", "2026-12-06")).toBeNull();
  });
});
