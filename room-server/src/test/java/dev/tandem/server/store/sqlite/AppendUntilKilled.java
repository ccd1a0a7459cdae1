package dev.tandem.server.store.sqlite;

import dev.tandem.ot.Delta;
import dev.tandem.server.store.KeyHashes;
import dev.tandem.server.store.RoomRecord;
import dev.tandem.server.store.StoredOp;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The child process of {@link SqliteCrashTest}: appends one op per rev to room {@value #ROOM},
 * keeping up to {@value #IN_FLIGHT} appends in flight like a busy Room, and prints {@code ACK rev}
 * on standard output once each is durable. Runs until it is killed.
 */
public final class AppendUntilKilled {

  static final String ROOM = "crash-room";
  static final int IN_FLIGHT = 16;

  private AppendUntilKilled() {}

  static StoredOp opFor(long rev) {
    return new StoredOp(rev, "client", rev, Delta.builder().insert("op " + rev + "\n").build(),
        "Ada", Instant.EPOCH.plusSeconds(rev));
  }

  public static void main(String[] args) throws Exception {
    SqliteRoomStore store = SqliteRoomStore.open(Path.of(args[0]));
    store.createRoom(new RoomRecord(ROOM, KeyHashes.ofKeys("e", "v", "a"), Instant.EPOCH));
    System.out.println("READY");
    System.out.flush();
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    for (long rev = 1; ; rev++) {
      inFlight.acquire();
      long acked = rev;
      store.append(ROOM, List.of(opFor(rev))).whenComplete((ok, failure) -> {
        if (failure == null) {
          synchronized (System.out) {
            System.out.println("ACK " + acked);
            System.out.flush();
          }
        } else {
          failure.printStackTrace();
          System.exit(3);
        }
        inFlight.release();
      });
    }
  }
}
