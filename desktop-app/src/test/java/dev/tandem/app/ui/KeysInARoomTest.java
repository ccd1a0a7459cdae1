package dev.tandem.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.app.testing.AnaAndBoInARoom;
import dev.tandem.app.testing.Fx;
import dev.tandem.app.testing.Keys;
import dev.tandem.app.view.TandemWindow;
import dev.tandem.protocol.Values.Range;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.scene.input.KeyCode;
import org.fxmisc.richtext.StyledTextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Keys typed in a room's window with someone else's selection in the same paragraph: the key's
 * edit is on screen when its key event returns (laid out in the key's turn), and the other
 * person's caret is still drawn at the right character afterwards. Two app windows, a real
 * embedded room server and real sync sessions, on the JavaFX Headless platform.
 */
class KeysInARoomTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private AnaAndBoInARoom room;
  private TandemWindow ana;
  private TandemWindow bo;

  @BeforeEach
  void openTwoWindows() throws Exception {
    room = AnaAndBoInARoom.open("tandem-keys", WAIT);
    ana = room.ana;
    bo = room.bo;
  }

  @AfterEach
  void closeAll() throws Exception {
    room.close();
  }

  private static void until(Callable<Boolean> condition) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(30)).until(() -> Fx.call(condition));
  }

  /** Bo's caret on Ana's screen is drawn at the right edge of character {@code before}. */
  private void bosCaretIsDrawnAfterCharacter(String boId, int before) {
    until(() -> ana.room().cursors().caretBounds(boId).isPresent());
    await().atMost(WAIT).untilAsserted(() -> {
      var caret = Fx.call(() -> ana.room().cursors().caretBounds(boId).orElseThrow());
      var charBox = Fx.call(() -> ana.room().cursors().overlay().screenToLocal(
          ana.room().area().getCharacterBoundsOnScreen(before, before + 1).orElseThrow()));
      assertThat(Math.abs(caret.getMinX() + 1 - charBox.getMaxX())).isLessThan(3.0);
    });
  }

  @Test
  void aTypedKeyIsOnScreenWhenItsEventReturnsAndTheOtherCaretFollowsIt() {
    for (char ch : "Hello Bo".toCharArray()) {
      Fx.run(() -> bo.room().area().replaceSelection(String.valueOf(ch)));
    }
    until(() -> ana.room().area().getText().equals("Hello Bo"));
    String boId = Fx.call(() -> bo.room().viewModel().session().clientId());
    Fx.run(() -> bo.room().area().selectRange(6, 8)); // "Bo"
    until(() -> ana.room().cursors().rangeOf(boId).equals(Optional.of(new Range(6, 8))));
    bosCaretIsDrawnAfterCharacter(boId, 7);

    StyledTextArea<?, ?> area = ana.room().area();
    String[] typed = Fx.call(() -> {
      area.requestFocus();
      area.moveTo(0);
      Keys.type(area, KeyCode.PERIOD, ">");
      return new String[] {Keys.paragraphsOnScreen(area).getFirst(), String.valueOf(area.getCaretPosition())};
    });
    assertThat(typed[0]).as("on screen when the key event returned").isEqualTo(">Hello Bo");
    assertThat(typed[1]).isEqualTo("1");
    assertThat(Fx.call(() -> ana.room().cursors().rangeOf(boId))).contains(new Range(7, 9));
    bosCaretIsDrawnAfterCharacter(boId, 8);
    until(() -> bo.room().area().getText().equals(">Hello Bo"));

    String afterBackspace = Fx.call(() -> {
      Keys.type(area, KeyCode.BACK_SPACE, "");
      return Keys.paragraphsOnScreen(area).getFirst();
    });
    assertThat(afterBackspace).isEqualTo("Hello Bo");
    assertThat(Fx.call(() -> ana.room().cursors().rangeOf(boId))).contains(new Range(6, 8));
    bosCaretIsDrawnAfterCharacter(boId, 7);
    until(() -> bo.room().area().getText().equals("Hello Bo"));
    assertThat(Fx.call(() -> bo.room().cursors().rangeOf(Fx.call(() -> ana.room().viewModel().session().clientId()))))
        .contains(new Range(0, 0));
  }
}
