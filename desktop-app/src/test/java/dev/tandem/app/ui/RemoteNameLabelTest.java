package dev.tandem.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.app.testing.AnaAndBoInARoom;
import dev.tandem.app.testing.Fx;
import dev.tandem.app.view.TandemWindow;
import dev.tandem.protocol.Values.Range;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bo's name label over his caret in Ana's window fades out (its opacity goes down through values
 * between 1 and 0, not at once) a few seconds after he stops moving, and is back at full opacity
 * when he moves again. Two app windows, a real embedded room server, the Headless platform.
 */
class RemoteNameLabelTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private AnaAndBoInARoom room;
  private TandemWindow ana;
  private TandemWindow bo;

  @BeforeEach
  void openTwoWindows() throws Exception {
    room = AnaAndBoInARoom.open("tandem-name-label", WAIT);
    ana = room.ana;
    bo = room.bo;
  }

  @AfterEach
  void closeAll() throws Exception {
    room.close();
  }

  private static void until(Callable<Boolean> condition) {
    await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> Fx.call(condition));
  }

  /** Bo's name label in Ana's window (FX thread). */
  private Optional<Label> bosLabel() {
    return ana.room().cursors().overlay().getChildren().stream()
        .filter(n -> n instanceof Label l && "Bo".equals(l.getText())).map(n -> (Label) n).findFirst();
  }

  @Test
  void theNameFadesAfterAWhileAndComesBackWhenHeMoves() {
    Fx.run(() -> bo.room().area().insertText(0, "Hello there"));
    until(() -> ana.room().area().getText().equals("Hello there"));
    String boId = Fx.call(() -> bo.room().viewModel().session().clientId());
    Fx.run(() -> bo.room().area().moveTo(5));
    until(() -> ana.room().cursors().rangeOf(boId).equals(Optional.of(new Range(5, 5)))
        && ana.room().cursors().caretBounds(boId).isPresent() && bosLabel().isPresent());
    Label label = Fx.call(() -> bosLabel().orElseThrow());
    assertThat(Fx.call(() -> label.isVisible() && label.getOpacity() == 1)).isTrue();

    List<Double> seen = new CopyOnWriteArrayList<>();
    Fx.run(() -> label.opacityProperty().addListener((o, was, now) -> seen.add(now.doubleValue())));
    until(() -> label.getOpacity() == 0);
    assertThat(seen).as("faded through in-between opacities").anyMatch(v -> v > 0.05 && v < 0.95);
    assertThat(Fx.call(label::isVisible)).as("still placed at the caret, only transparent").isTrue();

    Fx.run(() -> bo.room().area().moveTo(8));
    until(() -> ana.room().cursors().rangeOf(boId).equals(Optional.of(new Range(8, 8))));
    until(() -> label.getOpacity() == 1);
  }
}
