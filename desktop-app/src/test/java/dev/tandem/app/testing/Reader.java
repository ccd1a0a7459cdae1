package dev.tandem.app.testing;

import static org.awaitility.Awaitility.await;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.ChangeOrigin;
import dev.tandem.sync.RoomLink;
import dev.tandem.sync.SyncConfig;
import dev.tandem.sync.SyncError;
import dev.tandem.sync.SyncListener;
import dev.tandem.sync.SyncSession;
import dev.tandem.sync.SyncStatus;
import java.time.Duration;

/**
 * Someone outside the app joining a room with a link over a real WebSocket (a real sync session,
 * no journal): keeps the document it has been sent, can type, and waits for what it expects.
 */
public final class Reader implements SyncListener, AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(15);
  /** Written on the session's listener thread, read by the test's. */
  private volatile Delta document = Delta.document("\n");
  private volatile SyncStatus status;
  private volatile SyncError error;
  private final SyncSession session;

  public Reader(String link) {
    session = SyncSession.connect(RoomLink.parse(link), new User("Reader", "#123456"),
        SyncConfig.builder().build(), this);
  }

  /** Remote changes; our own edits are ours to apply (the session does not echo them). */
  @Override
  public synchronized void onChange(Delta change, ChangeOrigin origin) {
    document = document.compose(change);
  }

  @Override
  public void onStatus(SyncStatus now) {
    status = now;
  }

  @Override
  public void onError(SyncError e) {
    error = e;
  }

  /** The room's text as this reader has it (plain, with the document's final newline). */
  public String text() {
    return document.plainText();
  }

  /** Waits until joined. */
  public Reader joined() {
    await().atMost(WAIT).until(() -> status != null && status.state() == SyncSession.State.OPEN);
    return this;
  }

  /** Types {@code text} at the start and waits until the server has it (acknowledged). */
  public void typeAtStart(String text) {
    Delta edit = Delta.builder().insert(text).build();
    synchronized (this) {
      if (session.submit(edit) != dev.tandem.sync.Outcome.ACCEPTED) {
        throw new AssertionError("the session refused the edit");
      }
      document = document.compose(edit);
    }
    await().atMost(WAIT).until(() -> status != null && status.state() == SyncSession.State.OPEN
        && status.pendingEdits() == 0 && text().startsWith(text));
  }

  /** Waits until the room's text is {@code expected} (with its final newline). */
  public void untilText(String expected) {
    await().atMost(WAIT).until(() -> text().equals(expected));
  }

  public SyncError error() {
    return error;
  }

  @Override
  public void close() {
    session.close();
  }
}
