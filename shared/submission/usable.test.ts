import { describe, expect, it } from "vitest";
import type { PublishedTemplate } from "../protocol/api";
import { builtinTemplate } from "../templates/builtin";
import { isUsable, usableTemplates } from "./usable";

const polis = builtinTemplate("polis-anmalningar")!;
const vakt = builtinTemplate("vaktbolag-rapporter")!;
const published = (template: typeof polis, version: number, retiredFrom: string | null): PublishedTemplate => ({ template: { ...template, version }, publishedAt: "2026-01-01T00:00:00Z", retiredFrom });

describe("usable templates", () => {
  it("goes by the Stockholm date: a version retired from 1 April is refused from midnight in Sweden, not in UTC", () => {
    const v1 = published(polis, 1, "2026-04-01");
    expect(isUsable(v1, new Date("2026-03-31T21:59:59Z"))).toBe(true);
    // 00:30 on 1 April in Stockholm is still 31 March in UTC.
    expect(isUsable(v1, new Date("2026-03-31T22:30:00Z"))).toBe(false);
    expect(isUsable(published(polis, 1, null), new Date("2030-01-01T00:00:00Z"))).toBe(true);
  });

  it("gives the newest usable version of each template, ordered by id", () => {
    const list = [published(vakt, 1, null), published(polis, 1, null), published(polis, 2, null), published(polis, 3, "2026-03-01")];
    expect(usableTemplates(list, new Date("2026-03-20T09:00:00Z")).map((t) => `${t.id}@${t.version}`)).toEqual(["polis-anmalningar@2", "vaktbolag-rapporter@1"]);
    expect(usableTemplates(list, new Date("2026-02-20T09:00:00Z")).map((t) => `${t.id}@${t.version}`)).toEqual(["polis-anmalningar@3", "vaktbolag-rapporter@1"]);
  });
});
