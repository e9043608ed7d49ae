// Proof on the demo data that partners need not tidy their exports first: every actor export goes through `check`
// as it is.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cellText } from "../../shared/grid/cell";
import { runCheck } from "../../sync-server/cli/check";

const demo = join(import.meta.dirname, "../../../shared/data/demo");
const truth = JSON.parse(readFileSync(join(demo, "truth.json"), "utf8")) as {
  locations: Record<string, string>;
  identifiers: { actor: string; id: string; kind: string; value: string }[];
  unmatchedAddresses: { actor: string; id: string; address: string }[];
};

const ACTORS = ["polisen", "brandforsvaret", "vaktbolaget", "bostadsbolaget", "utbildningskontoret", "socialtjansten"] as const;

describe.each(ACTORS)("lagesbild check on %s.xlsx", (actor) => {
  it("can be submitted, locates as truth.json says, and sends no identifier", async () => {
    const { result, grid } = await runCheck(join(demo, "actors", `${actor}.xlsx`), {});
    const errors = result.issues.filter((i) => i.severity === "error");
    expect(errors).toEqual([]);
    expect(result.canSubmit).toBe(true);
    expect(result.records.length).toBe(result.rows);
    expect(result.accepted).toBe(result.rows);

    const idOf = (sourceRow: number) => cellText(grid[sourceRow - 1][0]);
    const unmatched = new Set(truth.unmatchedAddresses.filter((u) => u.actor === actor).map((u) => u.id));
    const unlocatedRows = new Set(result.unlocated.map((u) => u.row));
    let wrong = 0;
    let inRegister = 0;
    let locatedInRegister = 0;
    for (const record of result.records) {
      const id = idOf(record.sourceRow);
      const expected = truth.locations[id];
      if (record.nyko !== null && expected !== undefined && record.nyko !== expected) wrong++;
      if (unmatched.has(id)) {
        expect(record.nyko, `${id} is not in the register`).toBeNull();
        expect(unlocatedRows.has(record.sourceRow)).toBe(true);
      } else if (expected !== undefined) {
        inRegister++;
        if (record.nyko !== null) locatedInRegister++;
      }
    }
    expect(wrong).toBe(0);
    if (inRegister > 0) expect(locatedInRegister / inRegister).toBeGreaterThanOrEqual(0.99);
    // The identifying first column never leaves; neither does any planted identifier.
    const sent = new Set<string>();
    for (const { sourceRow: _s, ...r } of result.records) {
      for (const v of Object.values(r)) if (typeof v === "string") sent.add(v);
      for (const v of [...Object.values(r.categories), ...Object.keys(r.categories), ...Object.keys(r.measures)]) sent.add(v);
    }
    const leaked = truth.identifiers.filter((i) => i.actor === actor && [...sent].some((s) => s.includes(i.value)));
    expect(leaked).toEqual([]);
    if (result.template && !result.template.id.startsWith("skola") && !result.template.id.startsWith("social")) {
      for (const record of result.records) expect(sent.has(idOf(record.sourceRow))).toBe(false);
    }
  });
});
