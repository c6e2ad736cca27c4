/** Exponential forgetting (DESIGN §3): old moments count less, by half every half-life. */

export const DAY_MS = 86_400_000;

/** Origin of the growth sums; any fixed instant works, a recent one keeps the exponents small. */
export const SUM_EPOCH_MS = Date.UTC(2000, 0, 1);

/** Half-lives in days: your own giving fades faster than what others did for you (§3.1). */
export const HALF_LIFE = { gave: 180, received: 365, contact: 90 } as const;

/** decay(ageDays, H) = 0.5 ^ (ageDays / H) */
export function decay(ageDays: number, halfLifeDays: number): number {
  return 0.5 ** (ageDays / halfLifeDays);
}

/** Days from `fromMs` to `toMs`, fractional (negative when `toMs` is earlier). */
export function daysBetween(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / DAY_MS;
}

/** 2^((at - SUM_EPOCH)/DAY/H): one event's term in a growth sum Σ w·2^(t/H), which can be kept on write */
export function growth(atMs: number, halfLifeDays: number): number {
  // Σ w·0.5^((now−t)/H) = 2^(−now/H) · Σ w·2^(t/H): the sum no longer depends on `now`,
  // so storage can keep it current on every write and scale it once at read time.
  return 2 ** ((atMs - SUM_EPOCH_MS) / DAY_MS / halfLifeDays);
}

/** Turns a growth sum into the decayed sum at `now`: sum · 2^(−(now−EPOCH)/DAY/H) */
export function decayedAt(growthSum: number, nowMs: number, halfLifeDays: number): number {
  if (growthSum === 0) return 0;
  return growthSum * 2 ** (-(nowMs - SUM_EPOCH_MS) / DAY_MS / halfLifeDays);
}
