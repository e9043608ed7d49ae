// /api/completeness: per organisation, template and period whether it submitted, when, and whether on time
// against the huvudman's deadline (default four days after the period ends), plus the list of who is late.
import { Router } from "express";
import { templateLeafPeriodType } from "../../shared/indicators/check-templates";
import { addDays, civilDate } from "../../shared/periods/civil-date";
import { deadlineInstant, hasEnded, isOnTime } from "../../shared/periods/complete";
import { periodsBetween, periodsWithin } from "../../shared/periods/tree";
import { stockholmDate } from "../../shared/periods/stockholm";
import { completenessQuerySchema } from "../../shared/protocol/api";
import { templateSchema } from "../../shared/templates/schema";
import { principalOf, requireUser } from "../auth/principal";
import type { AppContext } from "../context";
import type { Db } from "../db/database";
import { parseInput } from "../http/validate";
import { getDeliverySettings } from "../stores/deliveries";

export interface CompletenessRow {
  org: string;
  templateId: string;
  periodType: string;
  period: string;
  deadline: string;
  /** The deadline has passed. */
  due: boolean;
  submitted: boolean;
  firstSubmittedAt: string | null;
  /** null while nothing is submitted and the deadline has not passed. */
  onTime: boolean | null;
}

export function completeness(db: Db, now: Date, from: string, to: string, deadlineDays: number): CompletenessRow[] {
  const assignments = db.prepare("SELECT template_id, org_id FROM template_assignments ORDER BY org_id, template_id").all() as { template_id: string; org_id: string }[];
  const latestJson = db.prepare("SELECT json FROM templates WHERE id = ? ORDER BY version DESC LIMIT 1");
  const first = db.prepare(
    `SELECT min(s.created_at) AS at FROM submission_periods p JOIN submissions s ON s.id = p.submission_id
     WHERE s.org_id = ? AND s.template_id = ? AND s.status <> 'returned' AND p.period IN (SELECT value FROM json_each(?))`,
  );
  const rows: CompletenessRow[] = [];
  for (const a of assignments) {
    const json = latestJson.get(a.template_id) as { json: string } | undefined;
    if (!json) continue;
    const type = templateLeafPeriodType(templateSchema.parse(JSON.parse(json.json)));
    for (const period of periodsBetween(type, from, to)) {
      if (!hasEnded(period, now)) continue;
      const halves = type === "halfmonth" ? [period] : periodsWithin(period, "halfmonth");
      const at = (first.get(a.org_id, a.template_id, JSON.stringify(halves)) as { at: string | null }).at;
      const deadline = deadlineInstant(period, deadlineDays);
      const due = now.getTime() >= deadline.getTime();
      rows.push({
        org: a.org_id,
        templateId: a.template_id,
        periodType: type,
        period,
        deadline: deadline.toISOString(),
        due,
        submitted: at !== null,
        firstSubmittedAt: at,
        onTime: at !== null ? isOnTime(period, new Date(at), deadlineDays) : due ? false : null,
      });
    }
  }
  return rows;
}

export function completenessRouter(ctx: AppContext): Router {
  const r = Router();
  r.get("/", (req, res) => {
    requireUser(principalOf(res), "huvudman");
    const q = parseInput(completenessQuerySchema, req.query);
    const now = ctx.clock.now();
    const to = q.to ?? stockholmDate(now);
    const back = addDays(to, -183);
    const from = q.from ?? civilDate(Number(back.slice(0, 4)), Number(back.slice(5, 7)), 1);
    const { deadlineDays } = getDeliverySettings(ctx.db);
    const rows = completeness(ctx.db, now, from, to, deadlineDays);
    res.json({ deadlineDays, rows, late: rows.filter((x) => x.onTime === false) });
  });
  return r;
}
