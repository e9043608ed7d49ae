import { describe, expect, it } from "vitest";
import type { Setup } from "../../shared/protocol/setup-api";
import { setupLines } from "./setup";

const place = (over: Partial<Setup["grants"]["place"]>): Setup["grants"]["place"] => ({ role: "huvudman", tab: null, section: null, sheet: null, endpoint: null, ...over });

function setupFixture(over: Partial<Setup> = {}): Setup {
  return {
    at: "2026-03-20T09:00:00.000Z",
    registers: { state: "partial", place: place({ role: "admin", endpoint: "POST /api/registers/{kind}" }), loaded: ["nyko-areas", "addresses", "polygons", "population"], missing: ["boundary"] },
    templates: { state: "done", place: place({ role: "admin", tab: "templates", section: "Mallar och versioner" }), done: 6, of: 6, missing: [] },
    grants: { state: "partial", place: place({ tab: "admin", section: "Behörigheter", sheet: "Behörigheter" }), done: 1, of: 6, missing: ["brandforsvaret", "vaktbolaget"] },
    subscriptions: { state: "missing", place: place({ role: "actor", tab: "settings", section: "Prenumerationer", sheet: "Inställningar" }), done: 0, of: 1, missing: ["polisen"] },
    schedule: { state: "done", place: place({ endpoint: "PUT /api/deliveries/settings" }), days: [5, 20], hour: 6, minute: 0, nextRun: "2026-04-05T04:00:00.000Z", nextRunStockholm: "2026-04-05 06:00" },
    rounds: { state: "missing", place: place({ tab: "admin", section: "Leveransomgång" }), lastRound: null },
    ...over,
  };
}

describe("set-up checklist text", () => {
  it("words every point in Swedish with its state and where it is changed", () => {
    const lines = setupLines(setupFixture());
    expect(lines.map((l) => [l.point, l.state])).toEqual([
      ["registers", "partial"], ["templates", "done"], ["grants", "partial"], ["subscriptions", "missing"], ["schedule", "done"], ["rounds", "missing"],
    ]);
    const by = Object.fromEntries(lines.map((l) => [l.point, l]));
    expect(by.registers.text).toBe("Saknas: kommungräns.");
    expect(by.grants.text).toBe("1 av 6 parter har behörighet till indikatorer. Saknar behörighet: brandforsvaret, vaktbolaget.");
    expect(by.grants.where).toBe("Huvudmannen: fliken Administrera, avsnittet Behörigheter (bladet Behörigheter).");
    expect(by.subscriptions.text).toBe("0 av 1 parter med behörighet prenumererar. Prenumererar inte: polisen.");
    expect(by.subscriptions.where).toBe("Varje part väljer under fliken Inställningar, avsnittet Prenumerationer (bladet Inställningar).");
    expect(by.templates.where).toBe("Administratören: fliken Mallar, avsnittet Mallar och versioner.");
    expect(by.schedule.text).toBe("Leveranser den 5 och 20 varje månad kl. 06:00; nästa leverans 2026-04-05 06:00.");
    expect(by.rounds.text).toBe("Ingen leveransomgång har körts ännu.");
    // No English, no raw instants.
    expect(JSON.stringify(lines.map((l) => [l.title, l.text, l.where]))).not.toMatch(/\d{4}-\d\d-\d\dT|undefined|null|token/);
  });

  it("says when nothing is scheduled and what the latest round did", () => {
    const s = setupFixture();
    s.schedule = { ...s.schedule, state: "missing", nextRun: null, nextRunStockholm: null };
    s.subscriptions = { ...s.subscriptions, of: 0, done: 0, missing: [] };
    s.rounds = {
      ...s.rounds, state: "done",
      lastRound: { roundId: 4, ranAt: "2026-03-20T09:30:00.000Z", manual: true, status: "sent", lastPeriod: "2026-03-H1", cells: 10, published: 8, suppressed: 2, primary: 1, secondary: 1, deliveries: 7, durationMs: 1200 },
    };
    const by = Object.fromEntries(setupLines(s).map((l) => [l.point, l.text]));
    expect(by.schedule).toBe("Ingen leverans är schemalagd.");
    expect(by.subscriptions).toBe("Ingen part har behörighet ännu, så ingen kan prenumerera.");
    expect(by.rounds).toBe("Omgång 4, 2026-03-20 10:30: skickad (7 leveranser, data till och med 2026-03-H1).");
  });
});
