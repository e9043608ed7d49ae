import { describe, expect, it } from "vitest";
import { AppError } from "../../shared/protocol/errors";
import { createJobRunner } from "./runner";

/** A promise with its resolve exposed: the test decides when a job's step ends. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("job runner", () => {
  it("runs one job per kind: a second start joins the running job and gets its outcome", async () => {
    const jobs = createJobRunner();
    const g = gate();
    let bodies = 0;
    const first = jobs.start("round", 60_000, async (c) => {
      bodies++;
      c.step("skyddar");
      await g.opened;
      return 42;
    });
    const second = jobs.start("round", 60_000, async () => {
      bodies++;
      return 7;
    });
    expect(second.joined).toBe(true);
    expect(second.view.id).toBe(first.view.id);
    expect(jobs.current("round")).toMatchObject({ state: "running", joiners: 1 });
    // Another kind is not held up by it.
    await expect(jobs.start("alerts", 60_000, async () => "x").result).resolves.toBe("x");
    g.open();
    await expect(first.result).resolves.toBe(42);
    await expect(second.result).resolves.toBe(42);
    expect(bodies).toBe(1);
    await jobs.idle();
    expect(jobs.current("round")).toMatchObject({ state: "done", error: null });
    const third = jobs.start("round", 60_000, async () => 3);
    expect(third.joined).toBe(false);
    await expect(third.result).resolves.toBe(3);
  });

  it("stops a job over its budget with a Swedish message, and keeps the kind busy until the body has returned", async () => {
    const jobs = createJobRunner({ names: { round: "leveransomgången" } });
    const g = gate();
    let wrote = false;
    const job = jobs.start("round", 5, async (c) => {
      await new Promise<void>((resolve) => c.signal.addEventListener("abort", () => resolve(), { once: true }));
      await g.opened;
      c.step("sparar"); // throws: the job was stopped, so nothing is written
      wrote = true;
    });
    const err = await job.result.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).reason).toBe("job-timeout");
    expect(((err as AppError).details as { message: string }).message).toMatch(/^Leveransomgången avbröts efter 1 s \(tidsgränsen\) och har inte sparat något/);
    expect(jobs.current("round")).toMatchObject({ state: "failed" });
    // The body has not returned yet: a new start joins the stopped job rather than running beside it.
    expect(jobs.start("round", 60_000, async () => undefined).joined).toBe(true);
    g.open();
    await jobs.idle();
    expect(wrote).toBe(false);
    expect(jobs.start("round", 60_000, async () => undefined).joined).toBe(false);
  });
});
