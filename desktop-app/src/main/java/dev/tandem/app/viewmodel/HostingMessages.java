package dev.tandem.app.viewmodel;

import dev.tandem.app.host.LocalHost.Listening;

/**
 * What Tandem tells the user about the port it hosts rooms on: in the Preferences dialog, and in
 * the window of a hosted room when the chosen port was taken. Sentences, never exceptions.
 */
public final class HostingMessages {
  private HostingMessages() {}

  /**
   * Shown in a hosted room's window when the embedded server could not have its port: the links
   * given out in earlier sessions name that port, and this copy is not there.
   */
  public static String fellBack(Listening listening) {
    return "Port " + listening.preferredPort() + " is in use by another program (perhaps another copy "
        + "of Tandem), so this copy hosts your rooms on port " + listening.port() + " for now. Links "
        + "shared in earlier sessions won't reach this copy: share the room's links again (Share menu), "
        + "or close the other program and restart Tandem. Preferences sets the port.";
  }

  /**
   * The Preferences dialog's line under the port: where rooms are hosted now ({@code listening},
   * null while not hosting) and what the chosen port does. The server took its port when Tandem
   * started ({@code askedAtStart}: the preference then, or {@code TANDEM_HOST_PORT}); a port
   * chosen since ({@code chosenNow} differs) waits for the next start, hosting or not. While
   * {@code overridingVariable} (the variable's name, null when unset) is set, it decides the port.
   */
  public static String status(Listening listening, int askedAtStart, int chosenNow, String overridingVariable) {
    String now;
    if (listening == null) {
      now = chosenNow == askedAtStart
          ? "Tandem listens on this port when you host a room, and while it runs once you have."
          : "Until Tandem restarts, it uses port " + askedAtStart + " for the rooms you host.";
    } else if (listening.fellBack()) {
      now = "Port " + listening.preferredPort() + " was in use by another program, so rooms are hosted on port "
          + listening.port() + " for now: links from earlier sessions won't reach this copy.";
    } else {
      now = "Rooms are hosted on port " + listening.port() + " now.";
    }
    if (overridingVariable != null) {
      return now + " " + overridingVariable + "=" + askedAtStart + " overrides this preference while it is set.";
    }
    return chosenNow == askedAtStart ? now : now + " Port " + chosenNow + " takes effect the next time Tandem starts.";
  }
}
