// The huvudman's alert table as asked for: alarms only (or every computed week), by indicator, area, level and week.
import type { AlertQuery } from "../../shared/protocol/duplicates-api";
import type { AppContext } from "../context";
import type { AlertCache } from "./table";

export function alertsFor(ctx: AppContext, cache: AlertCache, q: AlertQuery) {
  const table = cache.get(ctx.db, ctx.clock.now());
  const alerts = table.alerts.filter(
    (a) =>
      (q.all === "1" || a.alarm) &&
      (q.indicator === undefined || a.indicator === q.indicator) &&
      (q.nyko === undefined || a.nyko === q.nyko) &&
      (q.level === undefined || a.level === q.level) &&
      (q.from === undefined || a.week >= q.from),
  );
  return { alerts, computedAt: table.computedAt, minSigma: table.minSigma };
}
