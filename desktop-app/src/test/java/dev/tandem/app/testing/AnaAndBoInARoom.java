package dev.tandem.app.testing;

import dev.tandem.app.session.SessionConnector;
import dev.tandem.app.view.TandemWindow;
import java.time.Duration;
import java.util.UUID;
import java.util.prefs.Preferences;

/**
 * The two-window setup of several UI tests: a real embedded room server on loopback, Ana's and
 * Bo's windows side by side with test-only preferences, Ana hosting a room and Bo joined to it,
 * presence sent every 20 ms. {@link #close} closes the windows, the server and the preferences.
 */
public final class AnaAndBoInARoom implements AutoCloseable {
  public final TandemWindow ana;
  public final TandemWindow bo;
  private final LoopbackHost rooms;
  private final Preferences prefs;

  private AnaAndBoInARoom(LoopbackHost rooms, Preferences prefs, TandemWindow[] windows) {
    this.rooms = rooms;
    this.prefs = prefs;
    this.ana = windows[0];
    this.bo = windows[1];
  }

  /** Starts the toolkit if needed, opens both windows and waits until both are in the room. */
  public static AnaAndBoInARoom open(String tempPrefix, Duration wait) throws Exception {
    Fx.start();
    LoopbackHost rooms = new LoopbackHost(tempPrefix);
    SessionConnector connector = LoopbackHost.connector(b -> b.presenceInterval(Duration.ofMillis(20)));
    Preferences prefs = Preferences.userRoot().node("dev/tandem/test/" + UUID.randomUUID());
    TandemWindow[] windows = SideBySide.open(SideBySide.person(prefs.node("ana"), "Ana", "#e91e63"),
        SideBySide.person(prefs.node("bo"), "Bo", "#1e88e5"), rooms.host(), connector, rooms.background(), w -> { });
    AnaAndBoInARoom pair = new AnaAndBoInARoom(rooms, prefs, windows);
    SideBySide.hostAndJoin(pair.ana, pair.bo, wait);
    return pair;
  }

  @Override
  public void close() throws Exception {
    SideBySide.close(ana, bo);
    rooms.close();
    prefs.removeNode();
  }
}
