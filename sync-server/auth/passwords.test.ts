import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./passwords";

describe("passwords", () => {
  it("verifies the right password and refuses a wrong one or a malformed hash", async () => {
    const stored = hashPassword("rätt lösenord");
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword("rätt lösenord", stored)).toBe(true);
    expect(await verifyPassword("fel lösenord", stored)).toBe(false);
    expect(await verifyPassword("rätt lösenord", "bcrypt$x")).toBe(false);
  });

  it("checks off the event loop: other work runs while scrypt does", async () => {
    const stored = hashPassword("lösenord");
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      // Several checks in a row (each tens of milliseconds of CPU): the event loop keeps turning meanwhile.
      for (let i = 0; i < 4; i++) expect(await verifyPassword("lösenord", stored)).toBe(true);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });
});
