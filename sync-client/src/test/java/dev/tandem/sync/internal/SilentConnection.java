package dev.tandem.sync.internal;

/**
 * A connection that never opens and swallows what is sent: for tests of what a session does
 * before (or without) a server. Its listener hears nothing.
 */
final class SilentConnection implements Transport.Connection {
  /** A transport whose every connect returns a silent connection. */
  static Transport transport() {
    return (url, listener) -> new SilentConnection();
  }

  @Override
  public boolean send(String text) {
    return true;
  }

  @Override
  public void close(int code, String reason) {}

  @Override
  public void cancel() {}
}
