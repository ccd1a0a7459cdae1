package dev.tandem.app.host;

/**
 * The embedded room server could not start. The message completes the sentence "Tandem couldn't
 * start hosting a room on this computer: …": it says what is wrong and what to do, never how the
 * code failed.
 */
public sealed class HostingFailedException extends Exception permits HostClosedException {
  public HostingFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
