package dev.tandem.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tandem.app.testing.AnaAndBoInARoom;
import dev.tandem.app.testing.Fx;
import dev.tandem.app.testing.Keys;
import dev.tandem.app.view.TandemWindow;
import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What changes with every keystroke and every remote change — the editor, the remote-cursor
 * overlay, the status bar's counts, the participants' "typing…" hints — asks for a layout of
 * itself only, not of the whole window (docs/benchmarks.md, "Keystroke pass 7"); and the text
 * still shows. Two app windows, a real embedded room server, the Headless platform.
 */
class WindowLayoutTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private AnaAndBoInARoom room;
  private TandemWindow ana;
  private TandemWindow bo;

  @BeforeEach
  void openTwoWindows() throws Exception {
    room = AnaAndBoInARoom.open("tandem-window-layout", WAIT);
    ana = room.ana;
    bo = room.bo;
  }

  @AfterEach
  void closeAll() throws Exception {
    room.close();
  }

  /** The window laid out, then {@code node} asking for a layout: does the room's root need one? */
  private boolean rootNeedsLayoutAfterRequestFrom(Node node) {
    Parent root = (Parent) ana.room().root();
    ana.scene().getRoot().layout();
    assertThat(root.isNeedsLayout()).as("laid out before the request").isFalse();
    ((Parent) node).requestLayout();
    boolean needs = root.isNeedsLayout();
    ana.scene().getRoot().layout();
    return needs;
  }

  @Test
  void theEditorTheOverlayTheStatusBarAndTheSidePanelLayOutOnTheirOwn() {
    Fx.run(() -> {
      assertThat(rootNeedsLayoutAfterRequestFrom(ana.room().area())).as("the editor").isFalse();
      assertThat(rootNeedsLayoutAfterRequestFrom(ana.room().cursors().overlay())).as("the cursor overlay").isFalse();
      // From a label that is always in the bar: an unmanaged node (the pending label while empty) is
      // a layout root of its own, and a request from it would pass whatever the bar did.
      assertThat(rootNeedsLayoutAfterRequestFrom(ana.scene().lookup("#status-people"))).as("the status bar").isFalse();
      assertThat(rootNeedsLayoutAfterRequestFrom(ana.scene().lookup("#participants"))).as("the side panel").isFalse();
      // The check can fail: the formatting tool bar is not behind a boundary.
      assertThat(rootNeedsLayoutAfterRequestFrom(ana.scene().lookup("#fmt-bold"))).as("the tool bar").isTrue();
    });
  }

  /**
   * The count of edits not yet on the server comes and goes with every keystroke (and the round
   * trip with every acknowledgement): the status bar and what it holds keep their height either
   * way, so that the window's content keeps its bounds and only the changed part of the window is
   * painted again (docs/benchmarks.md, "Keystroke pass 8": an empty label is taller than one with
   * text and stuck out below the window; this test failed on the code before).
   */
  @Test
  void theStatusBarKeepsItsHeightWhetherEditsArePendingOrNot() {
    Fx.run(() -> {
      var vm = ana.room().viewModel();
      Node bar = ana.scene().lookup(".status-bar");
      Parent root = ana.scene().getRoot();
      vm.pendingTextProperty().set("2 edits not yet on the server");
      vm.rttTextProperty().set("RTT 9 ms");
      root.layout();
      double withText = bar.getBoundsInLocal().getHeight();
      double windowWithText = root.getBoundsInLocal().getHeight();
      javafx.scene.control.Label pending = (javafx.scene.control.Label) ana.scene().lookup("#status-pending");
      assertThat(pending.isVisible()).isTrue();
      assertThat(pending.getWidth()).isPositive();
      vm.pendingTextProperty().set("");
      vm.rttTextProperty().set("");
      root.layout();
      assertThat(bar.getBoundsInLocal().getHeight()).as("the status bar and its labels, nothing pending").isEqualTo(withText);
      assertThat(root.getBoundsInLocal().getHeight()).as("the window's content").isEqualTo(windowWithText);
      assertThat(pending.isVisible()).isFalse();
    });
  }

  @Test
  void typedAndRemoteTextStillShowsAndTheBarsFollow() {
    Fx.run(() -> {
      ana.room().area().requestFocus();
      Keys.type(ana.room().area(), KeyCode.A, "a");
      // Laid out in the key's own turn, through the boundary.
      assertThat(Keys.paragraphOnScreen(ana.room().area(), "a")).isEqualTo("a");
    });
    await().atMost(WAIT).until(() -> Fx.call(() -> bo.room().area().getText().equals("a")));
    Fx.run(() -> bo.room().area().insertText(0, "Bo "));
    await().atMost(WAIT).until(() -> Fx.call(() -> "Bo a".equals(Keys.paragraphOnScreen(ana.room().area(), "Bo"))));
    // The status bar and the side panel still show what changes in them, at their full size.
    await().atMost(WAIT).until(() -> Fx.call(() -> {
      Node people = ana.scene().lookup("#status-people");
      Node side = ana.scene().lookup("#participants");
      return people instanceof javafx.scene.control.Label l && l.getText().contains("2")
          && l.getWidth() > 0 && side.getLayoutBounds().getWidth() > 100
          && ana.room().area().getWidth() > 400;
    }));
  }
}
