package dev.tandem.app.editor;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.Range;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.util.Duration;
import org.fxmisc.richtext.GenericStyledArea;
import org.fxmisc.richtext.model.TwoDimensional.Bias;

/**
 * Everyone else's carets and selections, drawn on a transparent pane over the area, in each
 * person's colour with a name label that fades after a few seconds without movement.
 *
 * <p>Positions come from the session (OT-transformed presence) and are moved here through every
 * later change, local or remote ({@link #map}); RichTextFX's own extra carets shift wrongly, so they
 * are not used. Drawing happens after each layout pulse, from character bounds on screen.
 */
public final class RemoteCursors {
  private static final Duration LABEL_VISIBLE = Duration.seconds(4);

  private final GenericStyledArea<Attributes, String, Attributes> area;
  private final Pane overlay = new Pane();
  private final Map<String, Cursor> cursors = new LinkedHashMap<>();

  private final class Cursor {
    PeerInfo peer;
    List<Range> ranges = List.of();
    final Label label = new Label();
    final PauseTransition fade = new PauseTransition(LABEL_VISIBLE);
    final List<Rectangle> shapes = new ArrayList<>();

    Cursor(PeerInfo peer) {
      this.peer = peer;
      label.getStyleClass().add("remote-name");
      label.setStyle("-fx-background-color: " + peer.user().color() + ";");
      label.setManaged(false);
      fade.setOnFinished(e -> label.setVisible(false));
    }
  }

  public RemoteCursors(GenericStyledArea<Attributes, String, Attributes> area) {
    this.area = area;
    overlay.setMouseTransparent(true);
    overlay.setPickOnBounds(false);
    overlay.getStyleClass().add("remote-cursors");
    overlay.sceneProperty().addListener((o, old, scene) -> {
      if (scene != null) {
        scene.addPostLayoutPulseListener(this::redraw);
      }
    });
  }

  public Pane overlay() {
    return overlay;
  }

  /** The peer's selections now (current local coordinates); empty = none. */
  public void show(PeerInfo peer, List<Range> ranges) {
    Cursor c = cursors.computeIfAbsent(peer.clientId(), id -> new Cursor(peer));
    c.peer = peer;
    c.ranges = List.copyOf(ranges);
    c.label.setText(peer.user().name());
    c.label.setVisible(true);
    c.fade.playFromStart();
    overlay.requestLayout();
  }

  public void remove(String clientId) {
    Cursor c = cursors.remove(clientId);
    if (c != null) {
      c.fade.stop();
      overlay.getChildren().removeAll(c.shapes);
      overlay.getChildren().remove(c.label);
    }
  }

  /** Moves every stored position through a change applied to the document. */
  public void map(Delta change) {
    for (Cursor c : cursors.values()) {
      c.ranges = c.ranges.stream().map(r -> new Range(change.transformPosition(r.anchor(), false),
          change.transformPosition(r.head(), false))).toList();
    }
    overlay.requestLayout();
  }

  /** The peer's first range, for tests and tooltips. */
  public Optional<Range> rangeOf(String clientId) {
    Cursor c = cursors.get(clientId);
    return c == null || c.ranges.isEmpty() ? Optional.empty() : Optional.of(c.ranges.getFirst());
  }

  /** Where a peer's caret is drawn, in overlay coordinates (for tests). */
  public Optional<Bounds> caretBounds(String clientId) {
    Cursor c = cursors.get(clientId);
    return c == null || c.shapes.isEmpty() ? Optional.empty() : Optional.of(c.shapes.getLast().getBoundsInParent());
  }

  private void redraw() {
    for (Cursor c : cursors.values()) {
      overlay.getChildren().removeAll(c.shapes);
      c.shapes.clear();
      Color color = Color.web(c.peer.user().color());
      for (Range r : c.ranges) {
        int from = Math.min(Math.min(r.anchor(), r.head()), area.getLength());
        int to = Math.min(Math.max(r.anchor(), r.head()), area.getLength());
        if (from < to) {
          drawSelection(c, from, to, color);
        }
        caretBox(Math.min(r.head(), area.getLength())).ifPresent(b -> {
          Rectangle caret = new Rectangle(b.getMinX() - 1, b.getMinY(), 2, b.getHeight());
          caret.setFill(color);
          c.shapes.add(caret);
          c.label.resizeRelocate(b.getMinX() - 1, b.getMinY() - 16, c.label.prefWidth(-1), 16);
        });
      }
      overlay.getChildren().addAll(0, c.shapes.subList(0, Math.max(0, c.shapes.size() - 1)));
      if (!c.shapes.isEmpty()) {
        overlay.getChildren().add(c.shapes.getLast());
      }
      if (!overlay.getChildren().contains(c.label)) {
        overlay.getChildren().add(c.label);
      }
      c.label.toFront();
      c.label.setOpacity(c.ranges.isEmpty() ? 0 : 1);
    }
  }

  private void drawSelection(Cursor c, int from, int to, Color color) {
    int p0 = area.offsetToPosition(from, Bias.Forward).getMajor();
    int p1 = area.offsetToPosition(to, Bias.Backward).getMajor();
    for (int p = p0; p <= p1; p++) {
      int start = Math.max(from, area.getAbsolutePosition(p, 0));
      int end = Math.min(to, area.getAbsolutePosition(p, area.getParagraphLength(p)));
      if (start >= end) {
        continue;
      }
      area.getCharacterBoundsOnScreen(start, end).map(overlay::screenToLocal).ifPresent(b -> {
        Rectangle box = new Rectangle(b.getMinX(), b.getMinY(), b.getWidth(), b.getHeight());
        box.setFill(color.deriveColor(0, 1, 1, 0.25));
        c.shapes.add(box);
      });
    }
  }

  /** The box of the character after {@code pos}, or the end of the one before; in overlay coordinates. */
  private Optional<Bounds> caretBox(int pos) {
    int len = area.getLength();
    if (pos < len && area.getText(pos, pos + 1).charAt(0) != '\n') {
      return area.getCharacterBoundsOnScreen(pos, pos + 1).map(overlay::screenToLocal);
    }
    if (pos > 0 && area.getText(pos - 1, pos).charAt(0) != '\n') {
      return area.getCharacterBoundsOnScreen(pos - 1, pos).map(overlay::screenToLocal)
          .map(b -> new javafx.geometry.BoundingBox(b.getMaxX(), b.getMinY(), 0, b.getHeight()));
    }
    int p = area.offsetToPosition(pos, Bias.Forward).getMajor();
    return area.getParagraphBoundsOnScreen(p).map(overlay::screenToLocal)
        .map(b -> new javafx.geometry.BoundingBox(b.getMinX(), b.getMinY(), 0, Math.max(16, b.getHeight())));
  }
}
