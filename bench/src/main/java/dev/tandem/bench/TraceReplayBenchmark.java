package dev.tandem.bench;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.RichDocument;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Replays a real keystroke trace from its start content, one patch at a time, into a
 * {@link RichDocument} (insert/delete fast paths) and, as a baseline, into a StringBuilder. One
 * invocation is a full replay. The result of the last replay of each iteration is checked against
 * the trace's end content outside the measured code; a mismatch fails the run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TraceReplayBenchmark {

  @Param({"automerge-paper.json.gz", "seph-blog1.json.gz"})
  public String trace;

  private EditTrace edits;
  /** The text of the last replay, checked at the end of each iteration. */
  private String lastText;

  @Setup(Level.Trial)
  public void load() {
    edits = EditTrace.load(trace);
    lastText = replayRichDocument(edits).text();
    verify();
  }

  @TearDown(Level.Iteration)
  public void verify() {
    if (lastText == null) {
      return;
    }
    if (!lastText.equals(edits.endContent())) {
      throw new IllegalStateException("replay of " + trace + " did not produce endContent ("
          + lastText.length() + " vs " + edits.endContent().length() + " chars)");
    }
    lastText = null;
  }

  @Benchmark
  public RichDocument richDocument() {
    RichDocument doc = replayRichDocument(edits);
    // Only the last replay's text is kept; text() is O(n) but cheap next to 260k edits.
    lastText = doc.text();
    return doc;
  }

  @Benchmark
  public StringBuilder stringBuilder() {
    StringBuilder sb = new StringBuilder(edits.startContent());
    int[] positions = edits.positions();
    int[] deleted = edits.deleted();
    String[] inserted = edits.inserted();
    for (int i = 0; i < positions.length; i++) {
      int pos = positions[i];
      if (deleted[i] > 0) {
        sb.delete(pos, pos + deleted[i]);
      }
      if (!inserted[i].isEmpty()) {
        sb.insert(pos, inserted[i]);
      }
    }
    lastText = sb.toString();
    return sb;
  }

  static RichDocument replayRichDocument(EditTrace edits) {
    RichDocument doc = RichDocument.empty();
    doc.insert(0, edits.startContent(), Attributes.EMPTY);
    int[] positions = edits.positions();
    int[] deleted = edits.deleted();
    String[] inserted = edits.inserted();
    for (int i = 0; i < positions.length; i++) {
      int pos = positions[i];
      if (deleted[i] > 0) {
        doc.delete(pos, deleted[i]);
      }
      if (!inserted[i].isEmpty()) {
        doc.insert(pos, inserted[i], Attributes.EMPTY);
      }
    }
    return doc;
  }
}
