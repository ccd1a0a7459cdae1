package dev.tandem.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.app.testing.Keys;
import dev.tandem.app.testing.BridgeWindow;
import dev.tandem.app.testing.Fx;
import dev.tandem.ot.Delta;
import dev.tandem.sync.ChangeOrigin;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A key's edit is laid out in the key event's own turn, and remote changes in the turn that
 * applies them, on a real area in a headless window.
 */
class KeyTurnLayoutTest {
  private BridgeWindow window;
  private final AtomicInteger keyEvents = new AtomicInteger();

  @BeforeEach
  void setUp() {
    window = BridgeWindow.show(w -> {
      KeyTurnLayout layout = KeyTurnLayout.install(w.area);
      w.area.addEventHandler(KeyEvent.ANY, e -> keyEvents.incrementAndGet());
      w.bridge.setLocalChangeListener(change -> layout.localEdit());
      w.bridge.setAppliedListener(layout::sessionChangeApplied);
    });
    Fx.run(() -> window.bridge.load(Delta.document("first line\nsecond line\n")));
    nextPulse();
    Fx.run(() -> {
      window.area.requestFocus();
      window.area.moveTo(0, window.area.getParagraphLength(0));
    });
    nextPulse();
  }

  @AfterEach
  void tearDown() {
    window.close();
  }

  /** Waits for the end of a layout pulse of the window (requested, so one comes). */
  private void nextPulse() {
    CompletableFuture<Void> pulsed = new CompletableFuture<>();
    Fx.run(() -> {
      Scene scene = window.area.getScene();
      Runnable[] listener = new Runnable[1];
      listener[0] = () -> {
        scene.removePostLayoutPulseListener(listener[0]);
        pulsed.complete(null);
      };
      scene.addPostLayoutPulseListener(listener[0]);
      Platform.requestNextPulse();
    });
    pulsed.orTimeout(20, TimeUnit.SECONDS).join();
  }

  @Test
  void aTypedLetterIsOnScreenWhenTheKeyEventReturnsAndThePulseMovesNothing() {
    record Seen(String text, Bounds caret) {}
    Seen inTurn = Fx.call(() -> {
      Keys.type(window.area, KeyCode.E, "e");
      return new Seen(Keys.paragraphOnScreen(window.area, "first"), window.area.getCaretBounds().orElse(null));
    });
    assertThat(inTurn.text()).isEqualTo("first linee");
    assertThat(keyEvents.get()).as("the area's own handlers saw the key events").isEqualTo(3);
    nextPulse();
    Seen afterPulse = Fx.call(() -> new Seen(Keys.paragraphOnScreen(window.area, "first"), window.area.getCaretBounds().orElse(null)));
    assertThat(afterPulse.text()).isEqualTo("first linee");
    assertThat(inTurn.caret()).as("the caret was placed after the new letter in the key's turn").isNotNull();
    assertThat(afterPulse.caret()).isEqualTo(inTurn.caret());
    assertThat(window.session.last()).isEqualTo(Delta.builder().retain(10)
        .insert("e", dev.tandem.ot.Attributes.of(dev.tandem.ot.Formats.AUTHOR, "me")).build());
  }

  @Test
  void backspaceAndEnterAreLaidOutInTheirTurnToo() {
    String afterBackspace = Fx.call(() -> {
      Keys.type(window.area, KeyCode.BACK_SPACE, "");
      return Keys.paragraphOnScreen(window.area, "first");
    });
    assertThat(afterBackspace).isEqualTo("first lin");
    String[] afterEnter = Fx.call(() -> {
      Keys.type(window.area, KeyCode.ENTER, "");
      return new String[] {Keys.paragraphOnScreen(window.area, "first"), window.area.getText()};
    });
    assertThat(afterEnter[1]).isEqualTo("first lin\n\nsecond line");
    assertThat(afterEnter[0]).isEqualTo("first lin");
    assertThat(Fx.call(() -> window.area.lookupAll(".paragraph-text").size())).isEqualTo(3);
  }

  @Test
  void aRemoteChangeIsLaidOutInTheTurnThatAppliesIt() {
    String sameTurn = Fx.call(() -> {
      window.bridge.applyChange(Delta.builder().insert(">> ").build(), ChangeOrigin.REMOTE);
      return Keys.paragraphOnScreen(window.area, ">> ");
    });
    assertThat(sameTurn).as("on screen before the pulse").isEqualTo(">> first line");
    assertThat(Fx.call(() -> window.area.getCaretPosition())).as("our caret moved with the text before it").isEqualTo(13);
    nextPulse();
    assertThat(Fx.call(() -> Keys.paragraphOnScreen(window.area, ">> "))).isEqualTo(">> first line");
  }

  @Test
  void aRemoteChangeAppliedWhileAKeyIsHandledIsLaidOutWithTheKey() {
    Fx.run(() -> window.area.addEventHandler(KeyEvent.KEY_PRESSED, e ->
        window.bridge.applyChange(Delta.builder().retain(11).insert("<<").build(), ChangeOrigin.REMOTE)));
    String[] shown = Fx.call(() -> {
      Keys.type(window.area, KeyCode.E, "e");
      return new String[] {Keys.paragraphOnScreen(window.area, "first"), Keys.paragraphOnScreen(window.area, "<<")};
    });
    assertThat(shown[0]).isEqualTo("first linee");
    assertThat(shown[1]).isEqualTo("<<second line");
  }
}
