package dev.tandem.server.store.sqlite;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.DocumentRuns;
import dev.tandem.ot.RichDocument;
import dev.tandem.protocol.DeltaJson;

/**
 * Runs the per-character paths of loading a room — a large snapshot decoded, its tree built, the
 * document copied out and encoded again, as a welcome and as the next snapshot — in memory, a few
 * times, so that the JIT has compiled them before the first rooms a freshly started server loads.
 * Without it the first reactivation of a room with a 1 MB document took 59–78 ms after a start
 * against 7–20 ms once warm (docs/benchmarks.md, "(d) Reactivation"). What it builds is garbage
 * when it returns. Any thread; about 1.5 s of one core in a fresh JVM.
 */
public final class RoomLoadWarmUp {
  private RoomLoadWarmUp() {}

  /** Characters of the practice document: the size the reactivation target names. */
  private static final int LENGTH = 1_000_000;
  private static final int ROUNDS = 6;

  /** Returns the practice document's length after the last round (for a test to check). */
  public static int run() {
    Delta document = practiceDocument();
    byte[] snapshot = SnapshotCodec.encode(document);
    int length = 0;
    for (int round = 0; round < ROUNDS; round++) {
      RichDocument tree = RichDocument.of(SnapshotCodec.decode(snapshot));
      tree.apply(Delta.builder().retain(round * 1_000).insert("warm", Attributes.of("author", "w")).build());
      DocumentRuns runs = tree.runs();
      snapshot = SnapshotCodec.encode(runs);
      Delta welcome = tree.toDelta();
      length = DeltaJson.parse(DeltaJson.write(welcome)).length();
    }
    return length;
  }

  /** The practice document's length before the rounds' inserts. */
  static int practiceLength() {
    return practiceDocument().length();
  }

  /** Lines of prose by four authors taking turns every few words: many short runs, as in a busy room. */
  private static Delta practiceDocument() {
    Delta.Builder b = Delta.builder();
    int length = 0;
    for (int i = 0; length < LENGTH - 100; i++) {
      String words = i % 16 == 15 ? "end of a line\n" : "some words ";
      b.insert(words, Attributes.of("author", "a" + (i % 4)));
      length += words.length();
    }
    return b.insert("\n").build();
  }
}
