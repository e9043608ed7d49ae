import { describe, expect, it } from "vitest";
import { createFakeClient } from "../testing/fake-client";
import { minBaseText, parseMinBase, saveMinBase } from "./uncertainty";

describe("osäkra värden: the huvudman's base", () => {
  it("reads a whole number 0–10 000 and explains anything else in Swedish", () => {
    expect(parseMinBase(" 20 ")).toEqual({ ok: true, value: 20 });
    expect(parseMinBase("0")).toEqual({ ok: true, value: 0 });
    for (const bad of ["", "-1", "2,5", "tio", "10001", "99999"]) {
      const r = parseMinBase(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/^Minsta bas ska vara ett heltal mellan 0 och 10 000/);
    }
  });

  it("saves through the client and says what the base means", async () => {
    const client = createFakeClient();
    expect((await client.uncertaintySettings()).minBase).toBe(10);
    const text = await saveMinBase(client, "25");
    expect(text).toBe(`Sparat. ${minBaseText(25)}`);
    expect((await client.uncertaintySettings()).minBase).toBe(25);
    expect(client.calls.filter((c) => c.method === "setUncertaintySettings").map((c) => c.args)).toEqual([[{ minBase: 25 }]]);
  });

  it("sends nothing for bad input", async () => {
    const client = createFakeClient();
    await expect(saveMinBase(client, "många")).rejects.toThrow("Minsta bas ska vara ett heltal");
    expect(client.calls.some((c) => c.method === "setUncertaintySettings")).toBe(false);
    expect((await client.uncertaintySettings()).minBase).toBe(10);
  });
});
