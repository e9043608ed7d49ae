// An alert is worth having only if it comes early: on the demo data, the product's weekly alerts flag the planted
// escalation (vandalism and deliberately set fires at one NYKO-3) within 4 weeks of its start.
import { beforeAll, describe, expect, it } from "vitest";
import { alarmsElsewhere, demoAlerts, escalationVerdicts, type DemoAlerts } from "./demo-eval";

let d: DemoAlerts;

beforeAll(async () => {
  d = await demoAlerts();
});

describe("early warning on the demo data", () => {
  it("flags the planted escalation within 4 weeks of its start, for each of its kinds", () => {
    const verdicts = escalationVerdicts(d);
    expect(verdicts.map((v) => v.indicator).sort()).toEqual(["anlagda-brander", "skadegorelse-klotter"]);
    for (const v of verdicts) expect(v, `${v.indicator} from ${v.startWeek}`).toMatchObject({ withinFourWeeks: true });
  });

  it("uses EARS in the demo's first year and the seasonal Farrington baseline once a year exists; every row has a bound", () => {
    expect(d.alerts.length).toBeGreaterThan(0);
    const firstYear = d.alerts.filter((a) => a.week < "2026-W01");
    expect(firstYear.length).toBeGreaterThan(0);
    expect(new Set(firstYear.map((a) => a.method)).has("farrington")).toBe(false);
    expect(d.alerts.some((a) => a.method === "farrington" && a.week >= "2026-W06")).toBe(true);
    for (const a of d.alerts.slice(0, 500)) expect(a.upperbound).not.toBeNull();
  });

  it("does not alarm everywhere: far fewer alarm weeks than evaluated weeks outside the escalation", () => {
    const el = alarmsElsewhere(d);
    const evaluated = d.alerts.filter((a) => a.level === 3 && a.nyko !== d.truth.escalation.nyko).length;
    expect(el.alarms / evaluated).toBeLessThan(0.1);
  });
});
