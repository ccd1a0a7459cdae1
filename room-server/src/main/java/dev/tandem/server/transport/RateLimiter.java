package dev.tandem.server.transport;

/**
 * A token bucket: {@code perSecond} frames per second sustained, bursts up to {@code burst}.
 * Confined to one connection's reading thread (Jetty delivers one frame at a time per session).
 */
final class RateLimiter {
  private final double perNano;
  private final double burst;
  private double tokens;
  private long last;

  RateLimiter(int perSecond, int burst, long nowNanos) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = nowNanos;
  }

  /** Takes a token; false when the bucket is empty (the sender is over its rate). */
  boolean tryAcquire(long nowNanos) {
    tokens = Math.min(burst, tokens + (nowNanos - last) * perNano);
    last = nowNanos;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
