import { describe, expect, it } from "vitest";
import { earsC } from "./ears";
import { farringtonFlexible } from "./farrington";
import { alertsForSeries, chooseAlertMethod, NOUFAILY_SETTINGS } from "./series";

describe("chooseAlertMethod", () => {
  it("uses nothing, then EARS, then Farrington with b growing to 3", () => {
    expect(chooseAlertMethod(0).kind).toBe("none");
    expect(chooseAlertMethod(6).kind).toBe("none");
    expect(chooseAlertMethod(7).kind).toBe("ears");
    expect(chooseAlertMethod(104).kind).toBe("ears");
    // Two years plus the half-window w = 3 are needed for b = 2.
    expect(chooseAlertMethod(106).kind).toBe("ears");
    expect(chooseAlertMethod(107)).toEqual({ kind: "farrington", b: 2 });
    expect(chooseAlertMethod(158)).toEqual({ kind: "farrington", b: 2 });
    expect(chooseAlertMethod(159)).toEqual({ kind: "farrington", b: 3 });
    expect(chooseAlertMethod(10 * 52)).toEqual({ kind: "farrington", b: 3 });
    expect(chooseAlertMethod(10 * 52, { maxYearsBack: 5 })).toEqual({ kind: "farrington", b: 5 });
  });
});

describe("alertsForSeries", () => {
  // Three and a half years of a seasonal series with a deterministic wobble and two spikes.
  const weeks = 182;
  const observed = Array.from({ length: weeks }, (_, i) => Math.round(8 + 4 * Math.sin((2 * Math.PI * i) / 52) + ((i * 5) % 4)));
  observed[60] = 45; // in the EARS period (week 61)
  observed[175] = 60; // in the Farrington period (week 176)

  const alerts = alertsForSeries(observed);

  it("covers every week with the method its history allows", () => {
    expect(alerts.map((a) => a.week)).toEqual(Array.from({ length: weeks }, (_, i) => i + 1));
    expect(alerts.slice(0, 7).every((a) => a.method === "none" && a.alarm === null)).toBe(true);
    expect(alerts.slice(7, 107).every((a) => a.method === "ears")).toBe(true);
    expect(alerts.slice(107).every((a) => a.method === "farrington")).toBe(true);
  });

  it("flags both spikes", () => {
    expect(alerts[60].alarm).toBe(true);
    expect(alerts[175].alarm).toBe(true);
    expect(alerts[175].expected).not.toBeNull();
  });

  it("EARS weeks alarm when any of C1–C3 does, with the lowest bound", () => {
    for (const week of [20, 61, 62, 63, 100]) {
      const byMethod = (["C1", "C2", "C3"] as const)
        .filter((m) => week - 1 >= { C1: 7, C2: 9, C3: 11 }[m])
        .map((method) => earsC(observed, { method, range: [week, week] }));
      const a = alerts[week - 1];
      expect(a.alarm).toBe(byMethod.some((r) => r.alarm[0] === true));
      expect(a.upperbound).toBe(Math.min(...byMethod.map((r) => r.upperbound[0] as number)));
    }
  });

  it("Farrington weeks equal a direct farringtonFlexible call with the Noufaily settings", () => {
    const direct = farringtonFlexible(observed, { ...NOUFAILY_SETTINGS, b: 3, range: [160, weeks] });
    const fromSeries = alerts.slice(159);
    expect(fromSeries.map((a) => a.alarm)).toEqual(direct.alarm);
    expect(fromSeries.map((a) => a.upperbound)).toEqual(direct.upperbound);
    const b2 = farringtonFlexible(observed, { ...NOUFAILY_SETTINGS, b: 2, range: [108, 159] });
    expect(alerts.slice(107, 159).map((a) => a.upperbound)).toEqual(b2.upperbound);
  });

  it("earsMinSigma keeps a single case after a run of zeros from alarming", () => {
    const sparse = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    expect(alertsForSeries(sparse)[12].alarm).toBe(true);
    expect(alertsForSeries(sparse, { earsMinSigma: 1 })[12].alarm).toBe(false);
  });

  it("evaluates only the requested range", () => {
    const part = alertsForSeries(observed, { range: [170, 182], earsMethods: ["C2"] });
    expect(part.map((a) => a.week)).toEqual(Array.from({ length: 13 }, (_, i) => 170 + i));
    expect(part).toEqual(alerts.slice(169));
  });
});
