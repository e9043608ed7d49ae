import { describe, expect, it } from "vitest";
import { easterSunday, isWorkingDay, nextWorkingDay, swedishHolidays } from "./working-day";

describe("Swedish working days", () => {
  it("computes Easter Sunday for known years", () => {
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2025)).toBe("2025-04-20");
    expect(easterSunday(2026)).toBe("2026-04-05");
    expect(easterSunday(2027)).toBe("2027-03-28");
    expect(easterSunday(2038)).toBe("2038-04-25");
  });

  it("knows the moving holidays of 2026", () => {
    const h = swedishHolidays(2026);
    expect(h.get("2026-04-03")).toBe("Långfredagen");
    expect(h.get("2026-04-06")).toBe("Annandag påsk");
    expect(h.get("2026-05-14")).toBe("Kristi himmelsfärds dag");
    expect(h.get("2026-06-19")).toBe("Midsommarafton");
    expect(h.get("2026-06-20")).toBe("Midsommardagen");
    expect(h.get("2026-10-31")).toBe("Alla helgons dag");
  });

  it("gives the next working day over weekends and holidays", () => {
    expect(nextWorkingDay("2026-03-18")).toBe("2026-03-19"); // Wednesday → Thursday
    expect(nextWorkingDay("2026-03-20")).toBe("2026-03-23"); // Friday → Monday
    expect(nextWorkingDay("2026-04-02")).toBe("2026-04-07"); // Skärtorsdag → past Easter
    expect(nextWorkingDay("2026-06-18")).toBe("2026-06-22"); // before midsommar
    expect(nextWorkingDay("2026-12-23")).toBe("2026-12-28"); // julafton, juldagen, annandag jul, weekend
    expect(nextWorkingDay("2026-12-30")).toBe("2027-01-04"); // nyårsafton, nyårsdagen, weekend
    expect(nextWorkingDay("2027-01-05")).toBe("2027-01-07"); // trettondedag jul
    expect(isWorkingDay("2026-06-05")).toBe(true);
    expect(isWorkingDay("2026-06-06")).toBe(false);
  });
});
