package dev.tandem.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The token bucket on a fake clock (nanoseconds passed in). */
class RateLimiterTest {
  static final long SECOND = 1_000_000_000L;

  @Test
  void allowsTheBurstThenTheSustainedRate() {
    RateLimiter limiter = new RateLimiter(50, 200, 0);
    for (int i = 0; i < 200; i++) {
      assertThat(limiter.tryAcquire(0)).as("frame %d of the burst", i).isTrue();
    }
    assertThat(limiter.tryAcquire(0)).isFalse();
    assertThat(limiter.tryAcquire(SECOND / 50)).as("one token refills in 20 ms").isTrue();
    assertThat(limiter.tryAcquire(SECOND / 50)).isFalse();
  }

  @Test
  void refillIsCappedAtTheBurst() {
    RateLimiter limiter = new RateLimiter(50, 200, 0);
    long later = 3600 * SECOND;
    int allowed = 0;
    while (limiter.tryAcquire(later)) {
      allowed++;
    }
    assertThat(allowed).isEqualTo(200);
  }
}
