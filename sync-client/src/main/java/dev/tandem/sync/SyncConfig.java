package dev.tandem.sync;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.net.ssl.X509TrustManager;

/**
 * How a {@link SyncSession} behaves. Immutable; build with {@link #builder()}, derive with
 * {@link #toBuilder()}. Defaults follow docs/protocol.md (ping every 30 s, backoff 0.5 s doubling
 * to 30 s with ±20 % jitter, presence at most every 100 ms).
 *
 * @param connectTimeout TCP + TLS + WebSocket upgrade
 * @param welcomeTimeout from the upgrade to the server's {@code welcome}; past it the socket is
 *     dropped and the session reconnects
 * @param pingInterval WebSocket pings; a missing pong drops the socket
 * @param backoffInitial first reconnect delay
 * @param backoffMax reconnect delay cap
 * @param backoffJitter random spread of each delay, as a fraction (0.2 = ±20 %)
 * @param presenceInterval at most one presence message per interval (trailing edge)
 * @param undoGroupPause edits further apart than this start a new undo group
 * @param sendDelay send coalescing: an op that could be sent at once is held this long first, so
 *     that the keystrokes typed meanwhile travel in the same op — both the first edit made while
 *     nothing is in flight, and the buffer waiting when the previous op is acknowledged. With one
 *     op in flight a client sends at most one op per {@code round trip + sendDelay}; typing
 *     {@code r} keystrokes/s continuously it sends {@code 1 / (r × (rtt + sendDelay))} ops per
 *     keystroke (8/s over a 300 ms round trip plus ~5 ms server time: 0.41 without, 0.35 with
 *     50 ms, 0.33 with 75 ms). The price is latency: a keystroke reaches peers up to
 *     {@code sendDelay} later (at most one hold per op, not per keystroke), and the pending count
 *     stays above zero that much longer. The journal is not delayed: an edit still counts as made
 *     when {@code submit} has journalled it. Default 75 ms (50 ms measured 0.352 on an idle
 *     machine, just over the ≤ 0.35 goal of docs/benchmarks.md);
 *     {@link Duration#ZERO} disables holding (every op leaves as soon as the protocol allows,
 *     ot.js behaviour).
 * @param journalDirectory where the per-room journals live; empty = no journal (in memory only)
 * @param listenerExecutor runs every {@link SyncListener} call, in order; the default is one
 *     daemon thread per session
 * @param trustManager decides which server certificates a {@code wss://} connection accepts; empty =
 *     the JDK's default trust store. For a server with a self-signed certificate (tests, a private
 *     deployment), pass a trust manager built from that certificate; hostname checks still apply.
 */
public record SyncConfig(Duration connectTimeout, Duration welcomeTimeout, Duration pingInterval,
    Duration backoffInitial, Duration backoffMax, double backoffJitter, Duration presenceInterval,
    Duration undoGroupPause, Duration sendDelay, Optional<Path> journalDirectory,
    Optional<Executor> listenerExecutor, Optional<X509TrustManager> trustManager) {

  public SyncConfig {
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(welcomeTimeout, "welcomeTimeout");
    requirePositive(pingInterval, "pingInterval");
    requirePositive(backoffInitial, "backoffInitial");
    requirePositive(backoffMax, "backoffMax");
    Objects.requireNonNull(presenceInterval, "presenceInterval");
    Objects.requireNonNull(undoGroupPause, "undoGroupPause");
    Objects.requireNonNull(sendDelay, "sendDelay");
    if (sendDelay.isNegative()) {
      throw new IllegalArgumentException("sendDelay must not be negative, was " + sendDelay);
    }
    Objects.requireNonNull(journalDirectory, "journalDirectory");
    Objects.requireNonNull(listenerExecutor, "listenerExecutor");
    Objects.requireNonNull(trustManager, "trustManager");
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw new IllegalArgumentException("backoffMax " + backoffMax + " < backoffInitial " + backoffInitial);
    }
    if (!(backoffJitter >= 0 && backoffJitter < 1)) {
      throw new IllegalArgumentException("backoffJitter must be in [0, 1), was " + backoffJitter);
    }
  }

  /** The defaults: no journal, a listener thread of the session's own. */
  public static SyncConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.connectTimeout = connectTimeout;
    b.welcomeTimeout = welcomeTimeout;
    b.pingInterval = pingInterval;
    b.backoffInitial = backoffInitial;
    b.backoffMax = backoffMax;
    b.backoffJitter = backoffJitter;
    b.presenceInterval = presenceInterval;
    b.undoGroupPause = undoGroupPause;
    b.sendDelay = sendDelay;
    b.journalDirectory = journalDirectory.orElse(null);
    b.listenerExecutor = listenerExecutor.orElse(null);
    b.trustManager = trustManager.orElse(null);
    return b;
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration welcomeTimeout = Duration.ofSeconds(15);
    private Duration pingInterval = Duration.ofSeconds(30);
    private Duration backoffInitial = Duration.ofMillis(500);
    private Duration backoffMax = Duration.ofSeconds(30);
    private double backoffJitter = 0.2;
    private Duration presenceInterval = Duration.ofMillis(100);
    private Duration undoGroupPause = Duration.ofSeconds(1);
    private Duration sendDelay = Duration.ofMillis(75);
    private Path journalDirectory;
    private Executor listenerExecutor;
    private X509TrustManager trustManager;

    private Builder() {}

    public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }

    public Builder welcomeTimeout(Duration v) { welcomeTimeout = v; return this; }

    public Builder pingInterval(Duration v) { pingInterval = v; return this; }

    /** Reconnect delays: {@code initial} doubling up to {@code max}, each spread by ±{@code jitter}. */
    public Builder backoff(Duration initial, Duration max, double jitter) {
      backoffInitial = initial;
      backoffMax = max;
      backoffJitter = jitter;
      return this;
    }

    public Builder presenceInterval(Duration v) { presenceInterval = v; return this; }

    public Builder undoGroupPause(Duration v) { undoGroupPause = v; return this; }

    /** Send coalescing window (see {@link SyncConfig}); {@link Duration#ZERO} disables it. */
    public Builder sendDelay(Duration v) { sendDelay = v; return this; }

    /** The directory for per-room journals (created if missing); null = no journal. */
    public Builder journalDirectory(Path v) { journalDirectory = v; return this; }

    /** Runs listener calls; the desktop app passes {@code Platform::runLater}. */
    public Builder listenerExecutor(Executor v) { listenerExecutor = v; return this; }

    /** Which server certificates {@code wss://} accepts; null = the JDK's default trust store. */
    public Builder trustManager(X509TrustManager v) { trustManager = v; return this; }

    public SyncConfig build() {
      return new SyncConfig(connectTimeout, welcomeTimeout, pingInterval, backoffInitial,
          backoffMax, backoffJitter, presenceInterval, undoGroupPause, sendDelay,
          Optional.ofNullable(journalDirectory), Optional.ofNullable(listenerExecutor),
          Optional.ofNullable(trustManager));
    }
  }
}
