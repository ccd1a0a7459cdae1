package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Delta;
import dev.tandem.sync.ChangeOrigin;
import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The editor channel on its own, both sides driven from one thread with the messages between them
 * queued: any interleaving of editor edits and engine deliveries converges, and the UI side does
 * not keep edits that no delivery can need any more.
 */
class EditorChannelTest {
  /** An edit from the editor on its way to the engine. */
  private record Edit(Delta change, long seen) {}

  private Delta editorDoc;
  private Delta engineDoc;

  @Test
  void anyInterleavingConvergesAndTheEditorForgetsEditsNoDeliveryNeeds() {
    String fixed = System.getProperty("channel.seed");
    int tries = fixed != null ? 1 : 500;
    long base = fixed != null ? Long.parseLong(fixed) : new SplittableRandom().nextLong();
    for (int i = 0; i < tries; i++) {
      long seed = base + i;
      try {
        run(new SplittableRandom(seed));
      } catch (Throwable t) {
        throw new AssertionError("interleaving failed; seed " + seed + " (rerun: -Dchannel.seed="
            + seed + ")", t);
      }
    }
  }

  private void run(SplittableRandom random) {
    EditorChannel channel = new EditorChannel();
    editorDoc = Delta.document("hello\n");
    engineDoc = editorDoc;
    ArrayDeque<Edit> toEngine = new ArrayDeque<>();
    ArrayDeque<Runnable> toEditor = new ArrayDeque<>();
    for (int step = 0; step < 60; step++) {
      switch (random.nextInt(4)) {
        case 0 -> {
          Delta edit = randomEdit(random, editorDoc);
          editorDoc = editorDoc.apply(edit);
          toEngine.add(new Edit(edit, channel.submitted(edit)));
        }
        case 1 -> {
          Delta change = randomEdit(random, engineDoc);
          engineDoc = engineDoc.apply(change);
          toEditor.add(channel.deliver(change, ChangeOrigin.REMOTE, this::editorApplies));
        }
        case 2 -> {
          if (!toEngine.isEmpty()) {
            Edit e = toEngine.poll();
            engineDoc = engineDoc.apply(channel.incorporate(e.change(), e.seen()));
          }
        }
        default -> {
          if (!toEditor.isEmpty()) {
            toEditor.poll().run();
          }
        }
      }
    }
    while (!toEngine.isEmpty() || !toEditor.isEmpty()) {
      if (!toEngine.isEmpty()) {
        Edit e = toEngine.poll();
        engineDoc = engineDoc.apply(channel.incorporate(e.change(), e.seen()));
      }
      if (!toEditor.isEmpty()) {
        toEditor.poll().run();
      }
    }
    assertThat(editorDoc).isEqualTo(engineDoc);
    // Quiet again: two more edits reach the engine; the UI keeps at most the newest one.
    for (int i = 0; i < 2; i++) {
      Delta edit = Delta.builder().insert("z").build();
      editorDoc = editorDoc.apply(edit);
      Edit e = new Edit(edit, channel.submitted(edit));
      engineDoc = engineDoc.apply(channel.incorporate(e.change(), e.seen()));
    }
    assertThat(editorDoc).isEqualTo(engineDoc);
    assertThat(channel.unseenEditCount()).isLessThanOrEqualTo(1);
  }

  private void editorApplies(Delta change, ChangeOrigin origin) {
    editorDoc = editorDoc.apply(change);
  }

  private static Delta randomEdit(SplittableRandom random, Delta doc) {
    int length = doc.length();
    int at = random.nextInt(length);
    return random.nextBoolean() || length < 3
        ? Delta.builder().retain(at).insert(String.valueOf((char) ('a' + random.nextInt(26)))).build()
        : Delta.builder().retain(Math.min(at, length - 2)).delete(1).build();
  }
}
