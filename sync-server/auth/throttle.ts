// Login throttling: failed sign-ins counted per account name and per client address, in memory and bounded in size.
// Past the limit the name or the address is locked for a while (429 with Retry-After). Every name is counted, known
// or not, so a lock does not tell whether an account exists. Failures reach the audit log only as the first failure of
// a streak and one entry per lockout, within an hourly budget, so an attacker cannot grow the append-only log.

export interface ThrottlePolicy {
  /** Failures within `windowMs` that lock. */
  maxFailures: number;
  windowMs: number;
  /** How long a lock lasts. */
  lockMs: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const ADDRESS_POLICY: ThrottlePolicy = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** Audit entries about failed sign-ins (failures and lockouts together) per hour, whatever the attacker does. */
export const FAILURE_AUDIT_PER_HOUR = 100;

interface Streak {
  failures: number;
  since: number;
  lockedUntil: number;
}

/** Failure streaks by key, at most `capacity` of them (expired ones go first, then the least recently failed). */
export class FailureCounter {
  private readonly streaks = new Map<string, Streak>();

  constructor(
    private readonly policy: ThrottlePolicy,
    private readonly capacity = 10_000,
  ) {}

  get size(): number {
    return this.streaks.size;
  }

  /** Milliseconds the key is still locked (0 when it is not). */
  lockedFor(key: string, now: number): number {
    const s = this.streaks.get(key);
    return s && s.lockedUntil > now ? s.lockedUntil - now : 0;
  }

  /** Counts a failure. `first`: it starts a streak; `locked`: this failure locked the key. */
  fail(key: string, now: number): { first: boolean; locked: boolean } {
    let s = this.streaks.get(key);
    if (s && s.lockedUntil <= now && now - s.since > this.policy.windowMs) s = undefined;
    const first = !s;
    if (!s) {
      this.makeRoom(now);
      s = { failures: 0, since: now, lockedUntil: 0 };
    }
    this.streaks.delete(key);
    this.streaks.set(key, s);
    s.failures++;
    const locked = s.failures >= this.policy.maxFailures && s.lockedUntil <= now;
    if (locked) {
      s.lockedUntil = now + this.policy.lockMs;
      // After a lock the count starts over, so the next lock needs as many failures again.
      s.failures = 0;
      s.since = now;
    }
    return { first, locked };
  }

  reset(key: string): void {
    this.streaks.delete(key);
  }

  private makeRoom(now: number): void {
    if (this.streaks.size < this.capacity) return;
    for (const [k, s] of this.streaks) if (s.lockedUntil <= now && now - s.since > this.policy.windowMs) this.streaks.delete(k);
    while (this.streaks.size >= this.capacity) this.streaks.delete(this.streaks.keys().next().value as string);
  }
}

/** Both counters and the audit budget of one server. */
export class LoginThrottle {
  readonly accounts: FailureCounter;
  readonly addresses: FailureCounter;
  private budgetHour = -1;
  private budgetUsed = 0;

  constructor(account: ThrottlePolicy = ACCOUNT_POLICY, address: ThrottlePolicy = ADDRESS_POLICY, capacity = 10_000) {
    this.accounts = new FailureCounter(account, capacity);
    this.addresses = new FailureCounter(address, capacity);
  }

  /** Seconds until `username` may try again from `address` (0: now). */
  retryAfterSeconds(username: string, address: string, now: number): number {
    const ms = Math.max(this.accounts.lockedFor(accountKey(username), now), this.addresses.lockedFor(address, now));
    return Math.ceil(ms / 1000);
  }

  /** Counts a failed sign-in; says which audit entries it deserves. */
  fail(username: string, address: string, now: number): { auditFailure: boolean; accountLocked: boolean; addressLocked: boolean } {
    const account = this.accounts.fail(accountKey(username), now);
    const addr = this.addresses.fail(address, now);
    return {
      auditFailure: account.first && this.spend(now),
      accountLocked: account.locked && this.spend(now),
      addressLocked: addr.locked && this.spend(now),
    };
  }

  succeed(username: string): void {
    this.accounts.reset(accountKey(username));
  }

  private spend(now: number): boolean {
    const hour = Math.floor(now / 3_600_000);
    if (hour !== this.budgetHour) {
      this.budgetHour = hour;
      this.budgetUsed = 0;
    }
    if (this.budgetUsed >= FAILURE_AUDIT_PER_HOUR) return false;
    this.budgetUsed++;
    return true;
  }
}

function accountKey(username: string): string {
  return username.normalize("NFC").toLowerCase();
}

/** The Swedish message of a lock, in whole minutes. */
export function lockMessage(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `För många misslyckade inloggningar. Försök igen om ${minutes} ${minutes === 1 ? "minut" : "minuter"}.`;
}
