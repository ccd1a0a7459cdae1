package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.ChangeOrigin;
import dev.tandem.sync.KnownDocument;
import dev.tandem.sync.Outcome;
import dev.tandem.sync.RoomLink;
import dev.tandem.sync.SyncConfig;
import dev.tandem.sync.SyncListener;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting a session does not wait for its journal to be read and replayed (the caller is the UI
 * thread, and a large document's journal takes a while); edits wait for the restored document
 * instead, and the client id is the journal's from the first time anyone can read it. Real
 * journal files. The restore is held up deterministically: the listener runs on the engine's own
 * thread and blocks in the restore's delivery, so a start that waited for the restore would
 * never return.
 */
class StartWithoutWaitingTest {
  @TempDir Path journalDir;

  final String roomId = Ids.random();
  final RoomLink link = RoomLink.of("127.0.0.1", 9, roomId, Ids.random());
  final User me = new User("me", "#123456");

  @Test
  void startReturnsWhileTheJournalIsRestoredAndEditsWaitForTheDocument() throws Exception {
    // An earlier run: a known document and one edit, journalled.
    CountDownLatch firstShown = new CountDownLatch(1);
    SessionEngine first = SessionEngine.start(link, me, SyncConfig.builder().journalDirectory(journalDir).build(),
        new SyncListener() {
          @Override
          public void onChange(Delta change, ChangeOrigin origin) {
            firstShown.countDown();
          }
        }, SilentConnection.transport(), new KnownDocument(0, Delta.builder().insert("hello\n").build()));
    assertThat(firstShown.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(first.submit(Delta.builder().insert("x").build())).isEqualTo(Outcome.ACCEPTED);
    String firstId = first.clientId();
    first.close();

    CountDownLatch restoring = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Delta> restored = new CompletableFuture<>();
    SyncListener heldUp = new SyncListener() {
      @Override
      public void onChange(Delta change, ChangeOrigin origin) {
        restoring.countDown();
        try {
          release.await(30, TimeUnit.SECONDS); // on the engine thread, inside the restore
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        if (origin == ChangeOrigin.RESTORE) {
          restored.complete(change);
        }
      }
    };
    SyncConfig direct = SyncConfig.builder().journalDirectory(journalDir).listenerExecutor(Runnable::run).build();
    CompletableFuture<SessionEngine> started = CompletableFuture.supplyAsync(() ->
        SessionEngine.start(link, me, direct, heldUp, SilentConnection.transport(), null));
    SessionEngine again = null;
    try {
      assertThat(restoring.await(30, TimeUnit.SECONDS)).as("the restore reached the listener").isTrue();
      again = started.get(10, TimeUnit.SECONDS); // returned while the restore is held up
      // The id is already the journal's: it is published before the document is delivered.
      assertThat(again.clientId()).isEqualTo(firstId);
    } finally {
      release.countDown();
    }
    Delta restore = restored.get(30, TimeUnit.SECONDS);
    assertThat(Delta.builder().insert("\n").build().compose(restore).plainText()).isEqualTo("xhello\n");
    assertThat(again.submit(Delta.builder().insert("y").build())).isEqualTo(Outcome.ACCEPTED);
    again.close();
  }

  @Test
  void editsBeforeTheSessionHasADocumentAreRefused() throws Exception {
    // No journal state and no welcome (the transport never opens): no document to edit yet.
    SessionEngine s = SessionEngine.start(link, me, SyncConfig.builder().journalDirectory(journalDir).build(),
        new SyncListener() {}, SilentConnection.transport(), null);
    try {
      assertThat(s.journalled().get(30, TimeUnit.SECONDS)).isNull(); // the engine has opened it
      assertThat(s.submit(Delta.builder().insert("x").build())).isEqualTo(Outcome.NOT_CONNECTED);
    } finally {
      s.close();
    }
  }
}
