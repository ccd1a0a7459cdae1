package dev.tandem.app.host;

/**
 * The {@link LocalHost} was closed (the app is quitting): it never starts the server again. A task
 * that was still waiting for the host when the app quit gets this instead of a server that would
 * keep the process alive and hold the port and the store.
 */
public final class HostClosedException extends HostingFailedException {
  public HostClosedException() {
    super("Tandem is closing", null);
  }
}
