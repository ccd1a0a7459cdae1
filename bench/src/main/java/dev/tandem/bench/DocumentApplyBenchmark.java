package dev.tandem.bench;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.RichDocument;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of applying one small change (a retain to a random position, an insert of a few characters
 * and a delete of as many, so the length stays put; one in four also bolds a few characters) to a
 * {@link RichDocument} of {@code size} code units: DESIGN.md asks for O(log n + change size), so
 * the time per apply should barely move from 10 KB to 1 MB, where copying the document would
 * grow a hundredfold.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DocumentApplyBenchmark {
  private static final int CHANGES = 4096;

  @Param({"10000", "1000000"})
  int size;

  private RichDocument document;
  private final Delta[] changes = new Delta[CHANGES];
  private int index;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(7);
    StringBuilder text = new StringBuilder(size);
    while (text.length() < size - 1) {
      text.append(random.nextInt(12) == 0 ? '\n' : (char) ('a' + random.nextInt(26)));
    }
    text.append('\n');
    document = RichDocument.of(Delta.document(text.toString()));
    for (int i = 0; i < CHANGES; i++) {
      int at = random.nextInt(size - 20);
      int n = 1 + random.nextInt(5);
      Delta.Builder change = Delta.builder().retain(at).insert("xyzab".substring(0, n)).delete(n);
      if (random.nextInt(4) == 0) {
        change.retain(3, Attributes.of("bold", random.nextBoolean() ? Boolean.TRUE : null));
      }
      changes[i] = change.build();
    }
  }

  @Benchmark
  public int applySmallChange() {
    document.apply(changes[index]);
    index = (index + 1) & (CHANGES - 1);
    return document.length();
  }
}
