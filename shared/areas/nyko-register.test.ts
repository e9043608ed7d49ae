import { describe, expect, it } from "vitest";
import { demoText } from "../../test/fixtures/areas/demo";
import { MINI_NYKO } from "../../test/fixtures/areas/mini";
import { loadNykoRegister, nykoRegisterCsv, type NykoRegister } from "./nyko-register";

function load(text: string): NykoRegister {
  const r = loadNykoRegister(text);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

describe("NYKO register (demo)", () => {
  const reg = load(demoText("nyko-omraden.csv"));

  it("has the demo's 61 areas, 8 at level 1 and 38 at level 3", () => {
    expect(reg.areas).toHaveLength(61);
    expect(reg.codesAtLevel(1)).toHaveLength(8);
    expect(reg.codesAtLevel(3)).toHaveLength(38);
  });

  it("reads levels, parents, children and names from the register", () => {
    expect(reg.levelOf("111")).toBe(3);
    expect(reg.parentOf("111")).toBe("11");
    expect(reg.parentOf("1")).toBeNull();
    expect(reg.childrenOf("11")).toEqual(["111", "112", "113"]);
    expect(reg.nameOf("621")).toBe("Havsvik");
    expect(reg.nykoAtLevel("111", 1)).toBe("1");
    expect(reg.nykoAtLevel("11", 3)).toBeNull();
    expect(reg.descendantsAtLevel("6", 3)).toEqual(["611", "612", "621"]);
    expect(reg.isLevel3OrCoarser("111")).toBe(true);
    expect(reg.levelOf("999")).toBeNull();
  });
});

describe("NYKO register with codes that are not prefix-based", () => {
  const reg = load(MINI_NYKO);

  it("takes the level from the register, not from the code's length", () => {
    expect(reg.levelOf("7001")).toBe(3);
    expect(reg.levelOf("700101")).toBe(4);
    expect(reg.levelOf("70")).toBe(2);
  });

  it("walks up through the register", () => {
    expect(reg.nykoAtLevel("700101", 3)).toBe("7001");
    expect(reg.nykoAtLevel("700101", 2)).toBe("70");
    expect(reg.nykoAtLevel("700101", 1)).toBe("7");
    expect(reg.cutToLevel("700101", 3)).toBe("7001");
    expect(reg.cutToLevel("70", 3)).toBe("70");
    expect(reg.isLevel3OrCoarser("700101")).toBe(false);
    expect(reg.isLevel3OrCoarser("7002")).toBe(true);
    expect(reg.descendantsAtLevel("7", 3)).toEqual(["7001", "7002"]);
  });
});

describe("NYKO register with bad input", () => {
  it("returns issues with line numbers instead of throwing", () => {
    const text = ["nyko;niva;namn;overordnad", "1;1;A;", "12;2;B;9", "1x;2;C;1", "1;1;D;", "13;3;E;1", "14;;F;1"].join("\n");
    const r = loadNykoRegister(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byLine = Object.fromEntries(r.issues.map((i) => [i.line, i.code]));
    expect(byLine).toEqual({ 3: "unknown-parent", 4: "bad-code", 5: "duplicate-code", 6: "bad-parent-level", 7: "bad-level" });
    expect(r.issues.every((i) => i.message.length > 0 && i.file === "nyko-omraden.csv")).toBe(true);
    expect(r.issues.find((i) => i.line === 3)?.message).toContain("finns inte");
  });

  it("names a missing column", () => {
    const r = loadNykoRegister("nyko;niva;namn\n1;1;A");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ line: 1, code: "missing-column", message: "Kolumnen saknas: overordnad." });
  });
});

describe("nykoRegisterCsv", () => {
  it("writes areas as the register's CSV, which loads back to the same register", () => {
    const areas = [
      { code: "1", level: 1, name: "Centrum; norra", parent: null },
      { code: "11", level: 2, name: "Bäckby", parent: "1" },
      { code: "111", level: 3, name: "Bäckby norra", parent: "11" },
    ];
    const loaded = loadNykoRegister(nykoRegisterCsv(areas));
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(loaded.value.areas.map((a) => [a.code, a.level, a.name, a.parent])).toEqual([["1", 1, "Centrum  norra", null], ["11", 2, "Bäckby", "1"], ["111", 3, "Bäckby norra", "11"]]);
  });
});
