/** A token bucket: `burst` events at once, refilled at `perSecond`. */
export function createRateLimiter(perSecond: number, burst: number, now: () => number = Date.now) {
  let tokens = burst;
  let last = now();
  return function take(): boolean {
    const current = now();
    tokens = Math.min(burst, tokens + ((current - last) / 1000) * perSecond);
    last = current;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}
