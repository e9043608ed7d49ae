import { describe, expect, it } from "vitest";
import { createTokenStore, LINK_KEY } from "./token-store";

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

describe("token store", () => {
  it("prefixes the key with the partition key and clears it at sign-out", () => {
    const s = memoryStorage();
    const a = createTokenStore(s, "part-A");
    const b = createTokenStore(s, "part-B");
    a.save("tok-a");
    expect(a.load()).toBe("tok-a");
    expect(b.load()).toBeNull();
    expect([...s.m.keys()]).toEqual(["part-Alagesbild.refreshToken"]);
    a.clear();
    expect(a.load()).toBeNull();
  });

  it("uses plain localStorage keys without a partition", () => {
    const s = memoryStorage();
    createTokenStore(s, undefined).save("t");
    expect(s.m.get("lagesbild.refreshToken")).toBe("t");
  });

  it("keeps the linkage key apart from the refresh token, partitioned the same way", () => {
    const s = memoryStorage();
    createTokenStore(s, "part-A").save("refresh");
    const key = createTokenStore(s, "part-A", LINK_KEY);
    key.save("ab".repeat(32));
    expect(s.m.get("part-Alagesbild.linkKey")).toBe("ab".repeat(32));
    expect(s.m.get("part-Alagesbild.refreshToken")).toBe("refresh");
    key.clear();
    expect(createTokenStore(s, "part-A").load()).toBe("refresh");
  });
});
