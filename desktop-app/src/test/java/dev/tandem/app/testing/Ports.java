package dev.tandem.app.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for tests that need a fixed one (a preferred port kept across a restart). The OS's pick
 * (port 0) lies in the ephemeral range, where any outgoing connection of this machine may take it
 * between the test's check and its use; these come from below Linux's range (32768–60999) and
 * above the ports services usually take, and are checked free on every interface.
 */
public final class Ports {
  private static final int FROM = 20_000;
  private static final int TO = 32_000;

  private Ports() {}

  /** A port nothing listens on now, outside the ephemeral range. */
  public static int unused() throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(FROM, TO);
      try (ServerSocket s = new ServerSocket(port)) {
        s.setReuseAddress(true);
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port found between " + FROM + " and " + TO);
  }
}
