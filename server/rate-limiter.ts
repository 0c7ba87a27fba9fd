/**
 * Counts events per key in fixed windows, in memory. One server process is the deployment this
 * serves; behind several processes each would count on its own, which only loosens the limit.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one event; returns how many seconds to wait when the key is over its limit, else 0. */
  hit(key: string): number {
    const window = this.current(key);
    window.count++;
    return window.count > this.limit ? this.retryAfter(window) : 0;
  }

  /** Whether the key is already over its limit, without counting an event. */
  blocked(key: string): number {
    const window = this.current(key);
    return window.count >= this.limit ? this.retryAfter(window) : 0;
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private current(key: string) {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      if (this.windows.size > 50_000) this.sweep(now);
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    return window;
  }

  private retryAfter(window: { resetAt: number }): number {
    return Math.max(1, Math.ceil((window.resetAt - this.now()) / 1000));
  }

  // Bounded memory under a flood of distinct keys (addresses, made-up account names).
  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
    if (this.windows.size > 50_000) this.windows.clear();
  }
}
