import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateLinkKey, linkKeyFromEnv, linkkeyCommand, readLinkKey } from "../../sync-server/cli/linkkey";

describe("lagesbild linkkey", () => {
  it("generate prints a fresh 32-byte hex key and a Swedish note, and stores nothing", () => {
    const lines: string[] = [];
    expect(linkkeyCommand(["generate"], (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(lines.join("\n")).toContain("utanför systemet");
    expect(generateLinkKey()).not.toBe(lines[0]);
  });

  it("refuses other subcommands", () => {
    expect(linkkeyCommand([], () => undefined)).toBe(2);
  });

  it("reads the key from LAGESBILD_LINK_KEY or a file; unset means no tokens", () => {
    const hex = generateLinkKey();
    const env = linkKeyFromEnv({ LAGESBILD_LINK_KEY: hex });
    expect(env.ok && env.value?.length).toBe(32);
    expect(linkKeyFromEnv({})).toEqual({ ok: true, value: null });
    expect(linkKeyFromEnv({ LAGESBILD_LINK_KEY: "för kort" }).ok).toBe(false);
    const dir = mkdtempSync(join(tmpdir(), "linkkey-"));
    writeFileSync(join(dir, "k.txt"), `${hex}\n`);
    const file = readLinkKey(join(dir, "k.txt"), {});
    expect(file.ok && Buffer.from(file.value!).toString("hex")).toBe(hex);
    expect(readLinkKey(join(dir, "saknas.txt"), {}).ok).toBe(false);
  });
});
