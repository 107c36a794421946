// A per-voter rate limit for the relayer: at most `count` relayed transactions per voter in any
// sliding window of `windowMs`. Kept in this process's memory: a restart forgets it, and several
// portal processes each count their own (put them behind one relayer process, or accept N× the limit).
export interface RateLimit {
  count: number;
  windowMs: number;
}

export class RateLimiter {
  readonly #sent = new Map<string, number[]>();

  constructor(
    readonly limit: RateLimit,
    readonly now: () => number = Date.now,
  ) {}

  #recent(key: string, now: number): number[] {
    const since = now - this.limit.windowMs;
    const times = (this.#sent.get(key) ?? []).filter((t) => t > since);
    if (times.length) this.#sent.set(key, times);
    else this.#sent.delete(key);
    return times;
  }

  /** Whether `key` may send one more now; when not, from when (ms) it may. */
  check(key: string): { ok: true } | { ok: false; retryAt: number } {
    const now = this.now();
    const times = this.#recent(key.toLowerCase(), now);
    if (times.length < this.limit.count) return { ok: true };
    return { ok: false, retryAt: times[times.length - this.limit.count] + this.limit.windowMs };
  }

  /** Counts one relayed transaction for `key`. */
  record(key: string): void {
    const now = this.now();
    const k = key.toLowerCase();
    this.#sent.set(k, [...this.#recent(k, now), now]);
    // Forget voters whose window has passed, so the map stays as small as the active voters.
    if (this.#sent.size > 1_000)
      for (const other of [...this.#sent.keys()]) this.#recent(other, now);
  }
}
