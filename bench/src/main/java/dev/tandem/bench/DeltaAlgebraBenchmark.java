package dev.tandem.bench;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link Delta#compose} and {@link Delta#transform} on editor-sized ops over a
 * ~200-character document: each op is a retain to a random position followed by an insert of 1–10
 * characters, a delete of 1–5, or (one in five) a retain of a few characters with bold. Pairs are
 * generated once from a fixed seed and cycled through; each invocation is one compose or transform.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DeltaAlgebraBenchmark {
  private static final int PAIRS = 1024;
  private static final int DOCUMENT_LENGTH = 200;

  /** first[i] and concurrent[i] are made against the same document; next[i] follows first[i]. */
  private final Delta[] first = new Delta[PAIRS];
  private final Delta[] concurrent = new Delta[PAIRS];
  private final Delta[] next = new Delta[PAIRS];
  private int index;

  @Setup(Level.Trial)
  public void generate() {
    Random random = new Random(20261201);
    for (int i = 0; i < PAIRS; i++) {
      first[i] = editorOp(random, DOCUMENT_LENGTH);
      concurrent[i] = editorOp(random, DOCUMENT_LENGTH);
      next[i] = editorOp(random, DOCUMENT_LENGTH + first[i].changeLength());
    }
  }

  @Benchmark
  public Delta compose() {
    int i = index++ & (PAIRS - 1);
    return first[i].compose(next[i]);
  }

  @Benchmark
  public Delta transform() {
    int i = index++ & (PAIRS - 1);
    return first[i].transform(concurrent[i], (i & 1) == 0);
  }

  static Delta editorOp(Random random, int documentLength) {
    int kind = random.nextInt(10);
    Delta.Builder b = Delta.builder();
    if (kind < 2) {
      int at = random.nextInt(documentLength - 5);
      return b.retain(at).retain(1 + random.nextInt(5), Attributes.of("bold", true)).build();
    }
    if (kind < 6) {
      StringBuilder text = new StringBuilder();
      for (int n = 1 + random.nextInt(10); n > 0; n--) {
        text.append((char) ('a' + random.nextInt(26)));
      }
      return b.retain(random.nextInt(documentLength + 1)).insert(text.toString()).build();
    }
    int n = 1 + random.nextInt(5);
    return b.retain(random.nextInt(documentLength - n + 1)).delete(n).build();
  }
}
