package dev.tandem.server.bench;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.RichDocument;
import dev.tandem.protocol.Ids;
import dev.tandem.server.store.KeyHashes;
import dev.tandem.server.store.RoomRecord;
import dev.tandem.server.store.StoredOp;
import dev.tandem.server.store.sqlite.SqliteRoomStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a room with a long history straight into a SQLite data directory, for the reactivation
 * benchmark (docs/benchmarks.md): {@code HistoryGenerator <dataDir> [ops=1000000] [seed]}. Every
 * op inserts one character (so 1,000,000 ops make a ~1 MB document) where a simulated caret is,
 * the caret jumping to a random place every 100 ops and the author changing every 500. Like the
 * server it leaves a snapshot behind (here at {@code ops − 999}: the largest tail a server with
 * the default {@code snapshotEvery = 1000} leaves in a fresh activation; a server whose snapshots
 * of this document cost more than ~5 ms of CPU stretches its interval, see
 * {@code RoomEdits.snapshotInterval}, to ~2,000 ops here, so a crash can leave up to that). Prints the room
 * id and its edit key. Run against a stopped server only (the store takes a file lock).
 */
public final class HistoryGenerator {
  private static final int BATCH = 10_000;

  private HistoryGenerator() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    int total = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
    SplittableRandom random = new SplittableRandom(seed);
    String roomId = Ids.random();
    String editKey = Ids.random();
    long started = System.nanoTime();
    String[] authors = {Ids.random(), Ids.random(), Ids.random(), Ids.random()};
    long[] seqs = new long[authors.length];
    int snapshotAt = Math.max(0, total - 999);
    try (SqliteRoomStore store = SqliteRoomStore.open(data)) {
      store.createRoom(new RoomRecord(roomId, KeyHashes.ofKeys(editKey, Ids.random(), Ids.random()), Instant.now()));
      RichDocument doc = RichDocument.of(Delta.document("\n"));
      int caret = 0;
      List<StoredOp> batch = new ArrayList<>(BATCH);
      Instant now = Instant.now();
      for (int rev = 1; rev <= total; rev++) {
        if (rev % 100 == 1) {
          caret = random.nextInt(doc.length()); // anywhere before or at the final newline
        }
        int a = (rev / 500) % authors.length;
        String text = String.valueOf((char) ('a' + random.nextInt(26)));
        Delta change = Delta.builder().retain(caret).insert(text, Attributes.of("author", authors[a])).build();
        doc.insert(caret, text, Attributes.of("author", authors[a]));
        caret++;
        batch.add(new StoredOp(rev, authors[a], ++seqs[a], change, "gen", now));
        if (batch.size() == BATCH || rev == total) {
          store.append(roomId, batch).join();
          batch = new ArrayList<>(BATCH);
        }
        if (rev == snapshotAt) {
          store.saveSnapshot(roomId, rev, doc.toDelta()).join();
        }
      }
      System.out.printf("generated %,d ops, document %,d chars, snapshot at rev %,d in %.1f s%n",
          total, doc.length(), snapshotAt, (System.nanoTime() - started) / 1e9);
    }
    System.out.println("room " + roomId);
    System.out.println("editKey " + editKey);
  }
}
