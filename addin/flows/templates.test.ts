import { describe, expect, it } from "vitest";
import { builtinTemplate } from "../../shared/templates/builtin";
import { createMemoryWorkbook } from "../testing/memory-workbook";
import { createFakeClient } from "../testing/fake-client";
import { writeTemplateAdminSheet } from "./template-sheet";
import { proposedRetireDate, publishTemplateSheet, retireQuestion, retirementState, retireVersion, undoRetirement } from "./templates";

const template = builtinTemplate("raddningstjanst-insatser")!;

describe("publishing the template sheet", () => {
  it("refuses an unchanged sheet in Swedish and publishes nothing; an edited one becomes version N+1", async () => {
    const wb = createMemoryWorkbook();
    const client = createFakeClient({ templates: [template] });
    const sheet = await writeTemplateAdminSheet(wb, template);

    const unchanged = await publishTemplateSheet(wb, client, client.published[0]);
    expect(unchanged).toMatchObject({ ok: false, issues: [] });
    expect(unchanged.message).toBe(`Mallbladet är oförändrat sedan version ${template.version}; ingen ny version publicerades. Ändra bladet först.`);
    expect(client.calls.filter((c) => c.method === "publishTemplate")).toHaveLength(0);

    await wb.writeValues(sheet, "C14", [["Typ; Händelse"]]);
    const edited = await publishTemplateSheet(wb, client, client.published[0]);
    expect(edited).toMatchObject({ ok: true, message: `Version ${template.version + 1} av ${template.id} är publicerad.` });
    expect(client.published.map((p) => p.template.version)).toEqual([template.version, template.version + 1]);
  });

  it("asks for the sheet first", async () => {
    const result = await publishTemplateSheet(createMemoryWorkbook(), createFakeClient({ templates: [template] }), { template, publishedAt: "2026-01-01T00:00:00Z", retiredFrom: null });
    expect(result).toMatchObject({ ok: false, message: "Skriv mallbladet först." });
  });
});

describe("retiring a version", () => {
  const now = new Date("2026-03-20T09:00:00Z");

  it("proposes a date ahead, asks in Swedish, and can be undone until that date", async () => {
    const client = createFakeClient({ templates: [template], now: () => now });
    const p = client.published[0];
    expect(retirementState(p, now)).toBe("active");
    expect(proposedRetireDate(p, now)).toBe("2026-04-19");
    expect(retireQuestion(p, "2026-04-19")).toBe(`Avveckla version 1 av ”${template.title}” från 2026-04-19? Från den dagen tas inskick på versionen inte emot. Du kan ångra fram till dess.`);

    const retired = await retireVersion(client, p, "2026-04-19", now);
    expect(retired).toEqual({ ok: true, message: `Version 1 av ${template.id} tas inte emot från 2026-04-19. Du kan ångra fram till dess.` });
    expect(retirementState(p, now)).toBe("scheduled");
    expect(proposedRetireDate(p, now)).toBe("2026-04-19");

    const undone = await undoRetirement(client, p);
    expect(undone.ok).toBe(true);
    expect(p.retiredFrom).toBeNull();
    expect(client.calls.filter((c) => c.method === "retireTemplate").map((c) => c.args)).toEqual([
      [template.id, 1, "2026-04-19"],
      [template.id, 1, null],
    ]);
  });

  it("refuses a date in the past without asking the server", async () => {
    const client = createFakeClient({ templates: [template], now: () => now });
    const result = await retireVersion(client, client.published[0], "2026-03-19", now);
    expect(result).toEqual({ ok: false, message: "Avvecklingsdatumet 2026-03-19 ligger bakåt i tiden. Välj 2026-03-20 eller ett senare datum." });
    expect(client.calls.filter((c) => c.method === "retireTemplate")).toHaveLength(0);
  });

  it("a retirement whose date has come is final", async () => {
    let clock = now;
    const client = createFakeClient({ templates: [template], now: () => clock });
    const p = client.published[0];
    await retireVersion(client, p, "2026-03-21", now);
    clock = new Date("2026-03-20T23:30:00Z"); // 00:30 on the 21st in Stockholm
    expect(retirementState(p, clock)).toBe("retired");
    await expect(undoRetirement(client, p)).rejects.toThrow(/redan avvecklad.*avvecklad från 2026-03-21/);
  });
});
