package dev.tandem.server.room;

import dev.tandem.server.store.RoomStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The threads that read history from storage when a room needs committed ops older than it keeps
 * in memory: for joiners whose {@code since} is that old, and for ops and presence made at such a
 * base ({@link StaleMessages}). So a room's thread never waits for such a read (a reconnect after
 * a long absence must not stall every other client of the room). Results go back to the room's
 * mailbox.
 * Two platform threads shared by all rooms: SQLite reads are native calls, which would pin a
 * virtual thread's carrier anyway.
 */
final class CatchUpReads {
  private static final ExecutorService THREADS = Executors.newFixedThreadPool(2,
      Thread.ofPlatform().name("tandem-catch-up-", 0).daemon(true).factory());

  private CatchUpReads() {}

  /** Runs {@code read} on one of the threads; it reports to a mailbox itself. */
  static void run(Runnable read) {
    THREADS.execute(read);
  }

  /** Reads the ops {@code (since, upTo]} of a room, then tells {@code mailbox} the outcome. */
  static void read(RoomStore store, String roomId, ClientConnection connection, long since, long upTo,
      Consumer<RoomCommand> mailbox) {
    THREADS.execute(() -> {
      RoomCommand result;
      try {
        result = new RoomCommand.CatchUpRead(connection, since, store.ops(roomId, since, upTo), null);
      } catch (RuntimeException | Error e) {
        // An Error too (the heap running out): the joiner must get an answer, not wait for ever.
        result = new RoomCommand.CatchUpRead(connection, since, null, e);
      }
      mailbox.accept(result);
    });
  }
}
