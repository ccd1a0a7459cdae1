package dev.tandem.app;

import dev.tandem.app.session.FailureMessages;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.RoomLink;
import dev.tandem.sync.SyncConfig;
import dev.tandem.sync.SyncError;
import dev.tandem.sync.SyncListener;
import dev.tandem.sync.SyncSession;
import dev.tandem.sync.SyncStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code Tandem --smoke-test <link>}: joins the room without a window, waits for the server's
 * welcome and exits 0; on failure prints what went wrong (the same sentences the app shows) and
 * exits 1. Used by packaging checks to prove an installed app can reach a room. Touches no JavaFX.
 */
final class SmokeTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private SmokeTest() {}

  static int run(String link, PrintStream out) {
    RoomLink room;
    try {
      room = RoomLink.parse(link);
    } catch (IllegalArgumentException e) {
      out.println("smoke test: " + e.getMessage());
      return 1;
    }
    CompletableFuture<SyncStatus> opened = new CompletableFuture<>();
    SyncListener listener = new SyncListener() {
      @Override
      public void onStatus(SyncStatus status) {
        if (status.state() == SyncSession.State.OPEN) {
          opened.complete(status);
        } else if (status.state().isTerminal()) {
          opened.completeExceptionally(new IllegalStateException("the session ended: " + status.state()));
        }
      }

      @Override
      public void onError(SyncError error) {
        if (error.fatal()) {
          opened.completeExceptionally(new IllegalStateException(FailureMessages.describe(error)));
        }
      }
    };
    try (SyncSession session = SyncSession.connect(room, new User("Smoke test", "#868e96"),
        SyncConfig.builder().build(), listener)) {
      SyncStatus status = opened.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      out.println("smoke test: joined room " + session.roomId() + " at revision " + status.revision()
          + " as " + status.role().map(Object::toString).orElse("?"));
      return 0;
    } catch (TimeoutException e) {
      out.println("smoke test: no welcome from " + room.host() + ":" + room.port() + " within "
          + WAIT.toSeconds() + " s");
      return 1;
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      out.println("smoke test: " + cause.getMessage());
      return 1;
    }
  }
}
