// Heavy work off the request path: a job runner that runs at most one job per kind (a delivery round, the alert
// table) at a time, reports its progress, and stops a job that outlives its time budget. A second start of a kind
// that is running joins the running job (the same id, the same outcome) instead of starting another.
// A job body gets an AbortSignal: it is aborted when the budget is spent, and the body must check it (`step`)
// before anything it writes, so a stopped job leaves nothing half-written. The caller's promise is rejected at the
// budget at once with a Swedish message; the kind stays busy until the body has actually returned.
import { AppError } from "../../shared/protocol/errors";

export type JobState = "running" | "done" | "failed";

export interface JobView {
  id: string;
  kind: string;
  state: JobState;
  /** The step the job is at (Swedish, for the user). */
  progress: string;
  startedAt: string;
  endedAt: string | null;
  error: string | null;
  /** How many later starts joined this job. */
  joiners: number;
}

export interface JobControl {
  signal: AbortSignal;
  /** Records the step the job is at; throws the budget error when the job has been stopped. */
  step(progress: string): void;
}

export interface JobHandle<T> {
  view: JobView;
  /** True when this start joined a job already running. */
  joined: boolean;
  result: Promise<T>;
}

export interface JobRunner {
  /** Starts a job of `kind`, or joins the one running. `budgetMs` bounds how long it may run. */
  start<T>(kind: string, budgetMs: number, body: (control: JobControl) => Promise<T>): JobHandle<T>;
  /** The running job of a kind, or the last one that ended. */
  current(kind: string): JobView | null;
  /** Resolves when no job of any kind is running. */
  idle(): Promise<void>;
}

export interface RunnerOptions {
  now?: () => Date;
  /** Swedish name of each kind, for messages ("leveransomgången"). */
  names?: Record<string, string>;
}

/** The error a job stopped at its budget ends with. */
export function budgetError(name: string, budgetMs: number): AppError {
  const seconds = Math.max(1, Math.round(budgetMs / 1000));
  return new AppError(503, "job-timeout", {
    message: `${name[0].toUpperCase()}${name.slice(1)} avbröts efter ${seconds} s (tidsgränsen) och har inte sparat något. Försök igen senare.`,
  });
}

function messageOf(err: unknown): string {
  if (err instanceof AppError) return (err.details as { message?: string } | undefined)?.message ?? err.reason;
  return err instanceof Error ? err.message : String(err);
}

interface Running {
  view: JobView;
  result: Promise<unknown>;
  settled: Promise<void>;
}

export function createJobRunner(options: RunnerOptions = {}): JobRunner {
  const now = options.now ?? (() => new Date());
  const running = new Map<string, Running>();
  const last = new Map<string, JobView>();
  let seq = 0;
  return {
    start<T>(kind: string, budgetMs: number, body: (control: JobControl) => Promise<T>): JobHandle<T> {
      const active = running.get(kind);
      if (active) {
        active.view.joiners++;
        return { view: { ...active.view }, joined: true, result: active.result as Promise<T> };
      }
      const name = options.names?.[kind] ?? kind;
      const view: JobView = { id: `${kind}-${++seq}`, kind, state: "running", progress: "startar", startedAt: now().toISOString(), endedAt: null, error: null, joiners: 0 };
      const abort = new AbortController();
      const stopped = budgetError(name, budgetMs);
      const control: JobControl = {
        signal: abort.signal,
        step(progress) {
          if (abort.signal.aborted) throw stopped;
          view.progress = progress;
        },
      };
      const end = (state: JobState, error: string | null) => {
        if (view.state !== "running") return;
        view.state = state;
        view.error = error;
        view.endedAt = now().toISOString();
      };
      let timer: NodeJS.Timeout | undefined;
      const overBudget = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          abort.abort(stopped);
          end("failed", messageOf(stopped));
          reject(stopped);
        }, budgetMs);
        timer.unref?.();
      });
      const work = Promise.resolve().then(() => body(control));
      const result = Promise.race([work, overBudget]).then(
        (value) => {
          end("done", null);
          return value;
        },
        (err: unknown) => {
          end("failed", messageOf(err));
          throw err;
        },
      );
      // The kind is free again only when the body itself has returned (after a stop too): never two at once.
      const settled = work.then(
        () => undefined,
        () => undefined,
      ).finally(() => {
        clearTimeout(timer);
        running.delete(kind);
        last.set(kind, view);
      });
      result.catch(() => undefined);
      running.set(kind, { view, result, settled });
      return { view: { ...view }, joined: false, result };
    },
    current(kind) {
      const v = running.get(kind)?.view ?? last.get(kind);
      return v ? { ...v } : null;
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running.values()].map((r) => r.settled));
    },
  };
}
