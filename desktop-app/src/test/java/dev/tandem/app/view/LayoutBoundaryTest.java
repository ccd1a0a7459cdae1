package dev.tandem.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.app.testing.Fx;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;

/**
 * {@link LayoutBoundary} in a real scene on the Headless platform: its content fills it, and a
 * layout request from inside the content lays out the content but no ancestor.
 */
class LayoutBoundaryTest {

  /** A VBox that counts its own layout passes (the window's layout above the editor). */
  private static final class CountingVBox extends VBox {
    int layouts;

    CountingVBox(javafx.scene.Node... children) {
      super(children);
    }

    @Override
    protected void layoutChildren() {
      layouts++;
      super.layoutChildren();
    }
  }

  /** A pane inside the content that counts its layout passes (the editor's own layout). */
  private static final class CountingPane extends Pane {
    int layouts;

    @Override
    protected void layoutChildren() {
      layouts++;
      super.layoutChildren();
    }
  }

  private record Window(Stage stage, CountingVBox ancestor, LayoutBoundary boundary, StackPane content, CountingPane inner) {}

  private static Window show(boolean bounded) {
    CountingPane inner = new CountingPane();
    StackPane content = new StackPane(inner);
    LayoutBoundary boundary = bounded ? new LayoutBoundary(content) : null;
    javafx.scene.layout.Region inTheWindow = bounded ? boundary : content;
    VBox.setVgrow(inTheWindow, Priority.ALWAYS);
    CountingVBox ancestor = new CountingVBox(new Label("tool bar"), inTheWindow);
    Stage stage = new Stage();
    stage.setScene(new Scene(ancestor, 400, 300));
    stage.show();
    ancestor.layout();
    return new Window(stage, ancestor, boundary, content, inner);
  }

  @Test
  void theContentFillsTheBoundaryLessItsInsetsAndFollowsItsSize() {
    Fx.run(() -> {
      Window w = show(true);
      try {
        double labelHeight = w.ancestor().getChildren().getFirst().getLayoutBounds().getHeight();
        assertThat(w.content().getWidth()).isEqualTo(400);
        assertThat(w.content().getHeight()).isEqualTo(300 - labelHeight);
        assertThat(w.content().isManaged()).isFalse();

        w.boundary().setPadding(new Insets(5, 6, 7, 8));
        w.ancestor().layout();
        assertThat(w.content().getLayoutX()).isEqualTo(8);
        assertThat(w.content().getLayoutY()).isEqualTo(5);
        assertThat(w.content().getWidth()).isEqualTo(400 - 8 - 6);
        assertThat(w.content().getHeight()).isEqualTo(300 - labelHeight - 5 - 7);

        w.ancestor().resize(500, 360);
        w.ancestor().layout();
        assertThat(w.content().getWidth()).isEqualTo(500 - 8 - 6);
        assertThat(w.content().getHeight()).isEqualTo(360 - labelHeight - 5 - 7);
      } finally {
        w.stage().close();
      }
    });
  }

  @Test
  void aRequestFromInsideLaysOutTheContentButNoAncestor() {
    Fx.run(() -> {
      Window w = show(true);
      try {
        int ancestorBefore = w.ancestor().layouts;
        int innerBefore = w.inner().layouts;
        w.inner().requestLayout(); // what the editor does on every keystroke
        assertThat(w.ancestor().isNeedsLayout()).as("only the branch above is marked").isFalse();
        w.ancestor().layout();     // the window's layout pass (KeyTurnLayout, or the pulse)
        assertThat(w.inner().layouts).as("the content was laid out").isEqualTo(innerBefore + 1);
        assertThat(w.ancestor().layouts).as("the ancestor was not").isEqualTo(ancestorBefore);
      } finally {
        w.stage().close();
      }
    });
  }

  @Test
  void withoutTheBoundaryTheSameRequestLaysOutTheAncestorToo() {
    // The reason for the class: JavaFX passes a managed node's request up to the window's root.
    Fx.run(() -> {
      Window w = show(false);
      try {
        int ancestorBefore = w.ancestor().layouts;
        w.inner().requestLayout();
        assertThat(w.ancestor().isNeedsLayout()).isTrue();
        w.ancestor().layout();
        assertThat(w.ancestor().layouts).isEqualTo(ancestorBefore + 1);
      } finally {
        w.stage().close();
      }
    });
  }
}
