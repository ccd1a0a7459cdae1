package dev.tandem.sync.internal;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.ChangeOrigin;
import dev.tandem.sync.KnownDocument;
import dev.tandem.sync.Outcome;
import dev.tandem.sync.RoomLink;
import dev.tandem.sync.SyncConfig;
import dev.tandem.sync.SyncListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures (never asserts) how long {@link SessionEngine#close} takes when thousands of edits are
 * queued: the engine is held in a connect that blocks (as in {@code SubmitWithoutWaitingTest}),
 * {@code edits} keystrokes are submitted, then the connect is released and {@code close} called at
 * once; the time printed runs from the release to {@code close} returning (every queued edit
 * journalled, the journal closed). A real journal in a fresh temporary directory per run. Only
 * public API, so the same class runs against an older build of sync-client.
 *
 * <p>Args: {@code [edits (8500)] [runs (5)] [journal parent directory (java.io.tmpdir)]}.
 */
public final class CloseWithQueuedEditsMeasurement {
  public static void main(String[] args) throws Exception {
    int edits = args.length > 0 ? Integer.parseInt(args[0]) : 8_500;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path parent = Path.of(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir"));
    for (int run = 1; run <= runs; run++) {
      Path dir = Files.createTempDirectory(parent, "close-measure-");
      long nanos = once(dir, edits);
      System.out.printf("run %d: %,d queued edits, close took %.1f ms%n", run, edits, nanos / 1e6);
    }
  }

  static long once(Path journalDir, int edits) throws Exception {
    BlockingConnect blocking = new BlockingConnect(60);
    CountDownLatch shown = new CountDownLatch(1);
    SyncListener editor = new SyncListener() {
      @Override
      public void onChange(Delta change, ChangeOrigin origin) {
        shown.countDown();
      }
    };
    RoomLink link = RoomLink.of("127.0.0.1", 9, Ids.random(), Ids.random());
    SessionEngine session = SessionEngine.start(link, new User("me", "#123456"),
        SyncConfig.builder().journalDirectory(journalDir).build(), editor, blocking.transport(),
        new KnownDocument(0, Delta.builder().insert("hello\n").build()));
    if (!shown.await(30, TimeUnit.SECONDS) || !blocking.awaitConnecting(30)) {
      throw new IllegalStateException("the session did not reach connect");
    }
    for (int i = 0; i < edits; i++) {
      if (session.submit(Delta.builder().retain(i).insert("a").build()) != Outcome.ACCEPTED) {
        throw new IllegalStateException("edit " + i + " refused");
      }
    }
    long start = System.nanoTime();
    blocking.release();
    session.close();
    return System.nanoTime() - start;
  }
}
