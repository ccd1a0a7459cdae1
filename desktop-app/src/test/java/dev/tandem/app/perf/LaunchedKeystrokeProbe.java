package dev.tandem.app.perf;

/**
 * Runs {@link KeystrokeLatencyProbe} in a JVM started the way {@code ./tandem} starts the app — the
 * app's jar first on the class path, its JVM flags and its JDK AOT cache (trained by the app's own
 * scripted session, not by this probe) — instead of in a surefire fork, which runs from class
 * directories and so cannot map the cache. {@code desktop-app/perf/keystroke-latency.sh} starts it
 * with {@code LAUNCHED=1}; the probe's system properties ({@code tandem.warmup}, {@code tandem.room},
 * ...) are read as under surefire. Working directory: {@code desktop-app} (the probe writes under
 * {@code target/}).
 */
final class LaunchedKeystrokeProbe {
  private LaunchedKeystrokeProbe() {}

  public static void main(String[] args) throws Exception {
    int status = 1;
    try {
      new KeystrokeLatencyProbe().keystrokeToRenderWithOneMegabyteAndFiveTypists();
      status = 0;
    } catch (Throwable t) {
      t.printStackTrace();
    }
    // The FX toolkit and the hosted room's threads would keep the JVM alive.
    System.exit(status);
  }
}
