// The huvudman's alert table as asked for: alarms only (or every computed week), by indicator, area, level and week,
// the last `weeks` complete weeks, strongest first.
import { strongestFirst } from "../../shared/alerts/order";
import type { AlertQuery } from "../../shared/protocol/duplicates-api";
import type { AppContext } from "../context";
import type { AlertCache } from "./background";
import { firstOfLastWeeks } from "./table";

export async function alertsFor(ctx: AppContext, cache: AlertCache, q: AlertQuery) {
  const table = await cache.get(ctx.db, ctx.clock.now());
  const since = q.weeks === undefined ? undefined : firstOfLastWeeks(table.lastWeek, q.weeks);
  const alerts = table.alerts.filter(
    (a) =>
      (q.all === "1" || a.alarm) &&
      (q.indicator === undefined || a.indicator === q.indicator) &&
      (q.nyko === undefined || a.nyko === q.nyko) &&
      (q.level === undefined || a.level === q.level) &&
      (q.from === undefined || a.week >= q.from) &&
      (since === undefined || a.week >= since),
  );
  alerts.sort(strongestFirst);
  return { alerts, computedAt: table.computedAt, minSigma: table.minSigma, lastWeek: table.lastWeek };
}
