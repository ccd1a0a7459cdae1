package dev.tandem.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.app.fx.FxThread;
import dev.tandem.app.testing.BridgeWindow;
import dev.tandem.app.testing.Fx;
import dev.tandem.ot.Delta;
import dev.tandem.sync.ChangeOrigin;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Remote changes that arrive together (one batch of the app's listener executor) on a real area
 * in a real headless window: applied as one change, with the caret where OT says.
 */
class RemoteBatchOnScreenTest {
  private BridgeWindow window;
  private final AtomicInteger commits = new AtomicInteger();

  @BeforeEach
  void setUp() {
    window = BridgeWindow.show();
    Fx.run(() -> {
      window.bridge.load(Delta.document("one\ntwo\nthree\n"));
      window.area.multiRichChanges().subscribe(list -> commits.incrementAndGet());
      window.area.selectRange(5, 5); // "t|wo"
    });
  }

  @AfterEach
  void tearDown() {
    window.close();
  }

  /**
   * Hands {@code calls} to the listener executor while the FX thread is held, as a session does
   * when several messages arrive during a pulse, so that they all run in one batch.
   */
  private static void arriveTogether(List<Runnable> calls) throws InterruptedException {
    Executor listener = FxThread.listenerExecutor();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Platform.runLater(() -> {
      held.countDown();
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThat(held.await(20, TimeUnit.SECONDS)).isTrue();
    calls.forEach(listener::execute);
    release.countDown();
    Fx.drain(); // queued behind the batch
  }

  @Test
  void changesArrivingTogetherAreAppliedAsOneChangeAndTheCaretStaysWhereOtSays() throws Exception {
    List<String> seenInBetween = new ArrayList<>();
    int before = Fx.call(commits::get);
    arriveTogether(List.of(
        () -> window.bridge.applyChange(Delta.builder().retain(3).insert("A").build(), ChangeOrigin.REMOTE),
        () -> seenInBetween.add(window.area.getText()),
        () -> window.bridge.applyChange(Delta.builder().retain(14).insert("B").build(), ChangeOrigin.REMOTE),
        () -> window.bridge.applyChange(Delta.builder().retain(1).delete(1).build(), ChangeOrigin.REMOTE)));

    assertThat(Fx.call(() -> window.area.getText())).isEqualTo("oeA\ntwo\nthreeB");
    assertThat(window.bridge.document()).isEqualTo(Delta.document("oeA\ntwo\nthreeB\n"));
    assertThat(Fx.call(() -> window.area.getCaretPosition())).isEqualTo(5); // still "t|wo"
    assertThat(Fx.call(() -> window.area.getAnchor())).isEqualTo(5);
    assertThat(Fx.call(commits::get) - before).as("area commits for the batch").isEqualTo(1);
    assertThat(seenInBetween).containsExactly("one\ntwo\nthree"); // waited for the batch's end
    assertThat(window.session.submitted).isEmpty(); // none of it echoed back as a local edit
  }

  @Test
  void aSelectionAcrossChangedTextMovesThroughEveryChangeOfTheBatch() throws Exception {
    Fx.run(() -> window.area.selectRange(1, 10)); // "o|ne\ntwo\nth|ree"
    arriveTogether(List.of(
        () -> window.bridge.applyChange(Delta.builder().insert("XY").build(), ChangeOrigin.REMOTE),
        () -> window.bridge.applyChange(Delta.builder().retain(6).delete(4).build(), ChangeOrigin.REMOTE),
        () -> window.bridge.applyChange(Delta.builder().retain(11).insert("!").build(), ChangeOrigin.REMOTE)));

    assertThat(Fx.call(() -> window.area.getText())).isEqualTo("XYone\nthree!");
    // anchor 1 -> 3 (after "XY"), stays; caret 10 -> 12, -> 8 (the delete of "two\n"), stays before "!"
    assertThat(Fx.call(() -> window.area.getAnchor())).isEqualTo(3);
    assertThat(Fx.call(() -> window.area.getCaretPosition())).isEqualTo(8);
  }

  @Test
  void aLocalEditInTheSameBatchIsMadeOnTheDocumentWithTheRemoteChangesInIt() throws Exception {
    arriveTogether(List.of(
        () -> window.bridge.applyChange(Delta.builder().retain(3).insert("A").build(), ChangeOrigin.REMOTE),
        // "paste" at the end of "oneA": a command built from the session's document
        () -> window.bridge.applyLocal(Delta.builder().retain(4).insert("L").build(), 5)));

    assertThat(Fx.call(() -> window.area.getText())).isEqualTo("oneAL\ntwo\nthree");
    assertThat(window.session.submitted).hasSize(1);
    assertThat(window.bridge.document().plainText()).isEqualTo("oneAL\ntwo\nthree\n");
  }

  @Test
  void outsideABatchARemoteChangeIsAppliedAtOnce() {
    String text = Fx.call(() -> {
      window.bridge.applyChange(Delta.builder().retain(3).insert("A").build(), ChangeOrigin.REMOTE);
      return window.area.getText();
    });
    assertThat(text).isEqualTo("oneA\ntwo\nthree");
  }
}
