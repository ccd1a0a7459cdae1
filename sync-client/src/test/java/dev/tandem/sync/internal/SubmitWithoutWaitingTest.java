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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit} is called on the UI thread once per keystroke, so it must not wait for the
 * journal's disk write; the journal still gets every edit, before it could be sent. Real journal
 * files; the engine is held busy by a transport whose connect blocks, which makes "returned while
 * the engine could not have journalled anything" a fact rather than a timing.
 */
class SubmitWithoutWaitingTest {
  @TempDir Path journalDir;

  final String roomId = Ids.random();
  final RoomLink link = RoomLink.of("127.0.0.1", 9, roomId, Ids.random());
  final BlockingConnect blocking = new BlockingConnect(30);
  SessionEngine session;

  @AfterEach
  void closeSession() {
    blocking.release();
    if (session != null) {
      session.close();
    }
  }

  SessionEngine startBlocked() throws InterruptedException {
    SyncConfig config = SyncConfig.builder().journalDirectory(journalDir).build();
    CountDownLatch shown = new CountDownLatch(1);
    SyncListener editor = new SyncListener() {
      @Override
      public void onChange(Delta change, ChangeOrigin origin) {
        shown.countDown(); // the known document; edits made after this need no transform
      }
    };
    SessionEngine s = SessionEngine.start(link, new User("me", "#123456"), config, editor,
        blocking.transport(), new KnownDocument(0, Delta.builder().insert("hello\n").build()));
    assertThat(shown.await(30, TimeUnit.SECONDS)).as("the known document was delivered").isTrue();
    assertThat(blocking.awaitConnecting(30)).as("the engine reached connect").isTrue();
    return s; // the engine thread is now stuck in connect until release
  }

  static Delta insertAt(int position, String text) {
    return Delta.builder().retain(position).insert(text).build();
  }

  @Test
  void submitReturnsWhileTheEngineIsBusyAndJournalledSaysWhenTheEditIsOnDisk() throws Exception {
    session = startBlocked();

    // The old submit waited for the engine to journal the edit; with the engine stuck this
    // would never return.
    CompletableFuture<Outcome> submitted = CompletableFuture.supplyAsync(() -> session.submit(insertAt(0, "x")));
    assertThat(submitted.get(10, TimeUnit.SECONDS)).isEqualTo(Outcome.ACCEPTED);
    CompletableFuture<Void> journalled = session.journalled();
    assertThat(journalled).as("nothing can be journalled while the engine is stuck").isNotDone();

    blocking.release();
    journalled.get(30, TimeUnit.SECONDS);
    session.close();
    session = null;
    assertThat(restoredText()).isEqualTo("xhello\n");
  }

  @Test
  void closeJournalsEveryEditQueuedBeforeIt() throws Exception {
    session = startBlocked();
    // More than one drain batch (8,192 requests), so the engine's drain leaves the rest for a
    // later task that would run after the close task.
    int edits = 8_500;
    for (int i = 0; i < edits; i++) {
      assertThat(session.submit(insertAt(i, "a"))).isEqualTo(Outcome.ACCEPTED);
    }
    SessionEngine closing = session;
    session = null;
    CompletableFuture<Void> closed = CompletableFuture.runAsync(closing::close);
    blocking.release();
    closed.get(60, TimeUnit.SECONDS);
    assertThat(restoredText()).isEqualTo("a".repeat(edits) + "hello\n");
  }

  /** The document a new session restores from the journal, before any connection. */
  String restoredText() throws Exception {
    StringBuilder text = new StringBuilder();
    CompletableFuture<Void> restored = new CompletableFuture<>();
    SyncListener listener = new SyncListener() {
      @Override
      public void onChange(Delta change, ChangeOrigin origin) {
        if (origin == ChangeOrigin.RESTORE) {
          text.append(Delta.builder().insert("\n").build().compose(change).plainText());
          restored.complete(null);
        }
      }
    };
    SyncConfig config = SyncConfig.builder().journalDirectory(journalDir).build();
    SessionEngine again = SessionEngine.start(link, new User("me", "#123456"), config, listener,
        SilentConnection.transport(), null);
    try {
      restored.get(30, TimeUnit.SECONDS);
      return text.toString();
    } finally {
      again.close();
    }
  }
}
