// The demo's full picture: every partner is granted (and subscribes to) every indicator, submits more than a year
// of its demo export split by half-month as the pane would, the huvudman approves each submission through the
// same use cases as the review pane (so the cube, double-report matching and the audit trail are real), and one
// delivery round runs through the round use case. Signing in as any partner then shows a full delivery at once.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildRegisters, REGISTER_FILES } from "../../shared/areas";
import { createChecker } from "../../shared/submission/checker";
import { planRecords } from "../../shared/submission/plan";
import { recordPeriod } from "../../shared/periods/record-period";
import { periodEnd, periodStart } from "../../shared/periods/period";
import { halfMonthsBetween } from "../../shared/periods/tree";
import { toWireRecord, type DeidentifiedRecord } from "../../shared/protocol/record";
import { BUILTIN_TEMPLATES, DEMO_ORGANISATIONS } from "../../shared/templates/builtin";
import type { Principal } from "../auth/principal";
import { readFileGrid } from "../cli/pipeline-file";
import type { AppContext } from "../context";
import type { DeliveryDeps } from "../deliveries/round";
import { runManualRound } from "../deliveries/snapshots";
import { currentDefinitions } from "../stores/indicators";
import { getUserRowByName } from "../stores/users";
import { approvedHalfMonths, setAssignedAt } from "../stores/reporting";
import { closeHalfMonths } from "../reporting/closures";
import { approveSubmission } from "../submissions/review";
import { submit } from "../submissions/submit";
import { replaceOrganisationGrants, replaceOrganisationSubscriptions } from "../subscriptions/access";

export interface PictureSummary {
  submissions: number;
  records: number;
  round: { deliveries: number; status: string; lastPeriod: string };
}

function principalOf(ctx: AppContext, username: string): Principal {
  const u = getUserRowByName(ctx.db, username);
  if (!u) throw new Error(`Demoanvändaren ${username} saknas.`);
  return { kind: "user", userId: u.id, username: u.username, role: u.role, org: u.org_id, auditId: `user:${u.id}` };
}

/** Every current indicator at every area level and period type it has. */
function everyIndicator(ctx: AppContext) {
  return currentDefinitions(ctx.db).map((d) => ({ indicator: d.definition.id, levels: [0, 1, 2, 3], periodTypes: [...d.definition.periodTypes] }));
}

/** Records grouped by their finest period (half-month, or the month / school year of an aggregate row), in order. */
function byPeriod(records: readonly DeidentifiedRecord[]): DeidentifiedRecord[][] {
  const groups = new Map<string, DeidentifiedRecord[]>();
  for (const r of records) {
    const key = recordPeriod(r)?.period ?? "";
    const g = groups.get(key) ?? groups.set(key, []).get(key)!;
    g.push(r);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, g]) => g);
}

/**
 * A partner's demo files: its export `actors/<org>.xlsx` first, then its other files `actors/<org>-*.csv|xlsx` (the
 * surveys and the police's counts per area of residence, one template each), in name order.
 */
function actorFiles(dir: string, org: string): string[] {
  const folder = join(dir, "actors");
  const own = join(folder, `${org}.xlsx`);
  const others = existsSync(folder) ? readdirSync(folder).filter((f) => f.startsWith(`${org}-`) && /\.(csv|xlsx)$/.test(f)).sort() : [];
  return [...(existsSync(own) ? [own] : []), ...others.map((f) => join(folder, f))];
}

/** Seeds the full picture on top of `seedDemo`; `dir` holds the registers and `actors/<org>.xlsx`. */
export async function seedDemoPicture(ctx: AppContext, deliveries: DeliveryDeps, dir: string): Promise<PictureSummary> {
  const text = (f: string) => readFileSync(join(dir, f), "utf8");
  const built = buildRegisters({ nykoCsv: text(REGISTER_FILES.nykoCsv), addressCsv: text(REGISTER_FILES.addressCsv), polygonsGeojson: text(REGISTER_FILES.polygonsGeojson) });
  if (!built.ok) throw new Error(`Demoregistren kunde inte läsas: ${built.issues.slice(0, 3).map((i) => i.message).join(" ")}`);
  const huvudman = principalOf(ctx, "huvudman");
  const entries = everyIndicator(ctx);
  let submissions = 0;
  let records = 0;
  for (const org of DEMO_ORGANISATIONS.filter((o) => o.kind !== "kommun")) {
    const actor = principalOf(ctx, org.id);
    replaceOrganisationGrants(ctx, huvudman, org.id, entries);
    replaceOrganisationSubscriptions(ctx, actor, org.id, entries);
    const templates = BUILTIN_TEMPLATES.filter((t) => (org.templates as readonly string[]).includes(t.id));
    const check = createChecker({ templates, org: org.id, registers: built.value });
    for (const file of actorFiles(dir, org.id)) {
      const result = check((await readFileGrid(file)).grid);
      if (!result.canSubmit || !result.template) throw new Error(`Demoexporten ${org.id} har fel: ${result.issues.filter((i) => i.severity === "error").slice(0, 3).map((i) => i.message).join(" ")}`);
      const template = result.template;
      const groups = byPeriod(result.records.map(toWireRecord));
      // The partner is expected from the start of its data on (reported, zero and missing are told apart from there).
      const periods = groups.map((g) => recordPeriod(g[0])?.period).filter((p): p is string => !!p);
      if (periods.length > 0) setAssignedAt(ctx.db, template.id, org.id, periodStart(periods[0]));
      for (const group of groups) {
        const plan = await planRecords(template, group, group.map((_, i) => i));
        let id = "";
        for (const part of plan.parts) {
          const out = submit(ctx, actor, part.request);
          if ("submission" in out.body && out.body.submission) id = out.body.submission.id;
        }
        if (!id) throw new Error(`Demoinskicket för ${org.id} fick inget kvitto.`);
        approveSubmission(ctx, huvudman, id, { comment: null, replaceApproved: false });
        submissions++;
        records += group.length;
      }
      // Half-months inside the data's span without a row were reported as nothing: closed, so they read as zeros.
      // The time after the data is left unreported: it reads as missing, never as 0.
      if (periods.length > 0) {
        const reported = new Set(approvedHalfMonths(ctx.db).filter((a) => a.org === org.id && a.templateId === template.id).map((a) => a.period));
        const empty = halfMonthsBetween(periodStart(periods[0]), periodEnd(periods[periods.length - 1])).filter((h) => !reported.has(h));
        if (empty.length > 0) closeHalfMonths(ctx, huvudman, org.id, empty);
      }
    }
  }
  const round = await runManualRound(ctx, deliveries);
  return { submissions, records, round: { deliveries: round.deliveries.length, status: round.status, lastPeriod: round.lastPeriod } };
}
