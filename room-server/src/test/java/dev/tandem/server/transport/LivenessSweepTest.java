package dev.tandem.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The sweep's policy on a fake clock: ping the answering, close the silent, once. */
class LivenessSweepTest {
  static final class FakeConnection implements Liveness.Connection {
    long lastPong;
    int pings;
    int closes;

    @Override public long lastPongNanos() { return lastPong; }
    @Override public void ping() { pings++; }
    @Override public void closeUnresponsive() { closes++; }
  }

  @Test
  void pingsConnectionsWithinTheTimeoutAndClosesSilentOnesOnce() {
    AtomicLong now = new AtomicLong();
    Liveness liveness = new Liveness(null, Duration.ofSeconds(30), Duration.ofSeconds(60), now::get);
    FakeConnection answering = new FakeConnection();
    FakeConnection silent = new FakeConnection();
    liveness.opened(answering);
    liveness.opened(silent);

    now.set(Duration.ofSeconds(30).toNanos());
    liveness.sweep();
    assertThat(answering.pings).isEqualTo(1);
    assertThat(silent.pings).isEqualTo(1);

    answering.lastPong = now.get();
    now.set(Duration.ofSeconds(60).toNanos());
    liveness.sweep();
    assertThat(silent.closes).as("exactly 60 s is not yet late").isZero();

    now.set(Duration.ofSeconds(61).toNanos());
    liveness.sweep();
    liveness.sweep();
    assertThat(silent.closes).isEqualTo(1);
    assertThat(answering.closes).isZero();
    assertThat(answering.pings).isEqualTo(4);
    assertThat(liveness.size()).isEqualTo(1);
  }
}
