package dev.tandem.app.platform;

import java.awt.Desktop;
import java.util.function.Consumer;

/**
 * On macOS a {@code tandem://} link (declared by {@code CFBundleURLTypes} in the bundle's
 * Info.plist, see packaging) reaches the running app as an "open URI" Apple event, not as a
 * command-line argument; this forwards those events as links. Elsewhere it does nothing and never
 * loads AWT.
 *
 * <p>Not exercised on a Mac by this project's CI (Linux only).
 */
public final class MacLinkEvents {
  private MacLinkEvents() {}

  /** Forwards every link the system opens with Tandem to {@code links} (on an AWT thread). */
  public static void forwardTo(Consumer<String> links) {
    if (!System.getProperty("os.name", "").startsWith("Mac")) {
      return;
    }
    if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.APP_OPEN_URI)) {
      Desktop.getDesktop().setOpenURIHandler(event -> links.accept(event.getURI().toString()));
    }
  }
}
