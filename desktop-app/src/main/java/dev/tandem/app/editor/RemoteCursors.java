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
import javafx.animation.FadeTransition;
import javafx.animation.PauseTransition;
import javafx.animation.SequentialTransition;
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
 * are not used. Drawing happens after a layout pulse, from character bounds on screen — only after
 * something that can move a caret on screen: a cursor or the text changed, the area scrolled or
 * was resized. (Redrawing after every pulse changed the overlay's children every time, which
 * dirtied the scene and asked for the next pulse: the editor never stopped laying out.)
 * FX thread only.
 */
public final class RemoteCursors {
  private static final Duration LABEL_VISIBLE = Duration.seconds(4);
  private static final Duration LABEL_FADE = Duration.millis(800);

  private final GenericStyledArea<Attributes, String, Attributes> area;
  private final Pane overlay = new Pane();
  private final Map<String, Cursor> cursors = new LinkedHashMap<>();
  /** Something that can move a drawn cursor changed since the last redraw. */
  private boolean dirty = true;
  /** A rectangle was added to the overlay during this redraw (the labels go back on top). */
  private boolean shapesAdded;
  /** One object, so that it can be removed from a scene it was added to. */
  private final Runnable redrawHook = this::redrawIfDirty;

  private final class Cursor {
    PeerInfo peer;
    List<Range> ranges = List.of();
    final Label label = new Label();
    /** Shows the name for a while after each movement, then fades it out (its opacity; see {@link #show}). */
    final SequentialTransition fade;
    /** Reused rectangles: selection boxes and carets; those past the used count are hidden. */
    final List<Rectangle> boxes = new ArrayList<>();
    final List<Rectangle> carets = new ArrayList<>();
    int caretsShown;
    /** The first caret's last measured box and what it depended on (see {@link #caretBoxCached}). */
    CaretKey caretKey;
    Bounds caretBox;

    Cursor(PeerInfo peer) {
      this.peer = peer;
      label.getStyleClass().add("remote-name");
      label.setStyle("-fx-background-color: " + peer.user().color() + ";");
      label.setManaged(false);
      FadeTransition out = new FadeTransition(LABEL_FADE, label);
      out.setToValue(0);
      fade = new SequentialTransition(new PauseTransition(LABEL_VISIBLE), out);
    }
  }

  /**
   * What a caret's box depends on: the paragraph's content (paragraphs are immutable values, so
   * identity says "unchanged"), the offset in it, and where the paragraph is on screen.
   */
  private record CaretKey(Object paragraph, int offset, Bounds paragraphOnScreen) {}

  public RemoteCursors(GenericStyledArea<Attributes, String, Attributes> area) {
    this.area = area;
    overlay.setMouseTransparent(true);
    overlay.setPickOnBounds(false);
    overlay.getStyleClass().add("remote-cursors");
    overlay.sceneProperty().addListener((o, old, scene) -> {
      if (old != null) {
        old.removePostLayoutPulseListener(redrawHook);
      }
      if (scene != null) {
        scene.addPostLayoutPulseListener(redrawHook);
      }
    });
    javafx.beans.value.ChangeListener<Object> moved = (o, was, now) -> markDirty();
    area.estimatedScrollXProperty().addListener(moved);
    area.estimatedScrollYProperty().addListener(moved);
    area.widthProperty().addListener(moved);
    area.heightProperty().addListener(moved);
    area.styleProperty().addListener(moved);
  }

  private void markDirty() {
    dirty = true;
    overlay.requestLayout(); // makes sure a pulse comes
  }

  private void redrawIfDirty() {
    if (dirty) {
      dirty = false;
      redraw();
    }
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
    c.fade.stop();
    c.label.setOpacity(1);
    c.fade.playFromStart();
    markDirty();
  }

  public void remove(String clientId) {
    Cursor c = cursors.remove(clientId);
    if (c != null) {
      c.fade.stop();
      overlay.getChildren().removeAll(c.boxes);
      overlay.getChildren().removeAll(c.carets);
      overlay.getChildren().remove(c.label);
    }
    markDirty();
  }

  /** Moves every stored position through a change applied to the document. */
  public void map(Delta change) {
    for (Cursor c : cursors.values()) {
      c.ranges = c.ranges.stream().map(r -> new Range(change.transformPosition(r.anchor(), false),
          change.transformPosition(r.head(), false))).toList();
    }
    markDirty();
  }

  /** The peer's first range, for tests and tooltips. */
  public Optional<Range> rangeOf(String clientId) {
    Cursor c = cursors.get(clientId);
    return c == null || c.ranges.isEmpty() ? Optional.empty() : Optional.of(c.ranges.getFirst());
  }

  /** Where a peer's caret is drawn, in overlay coordinates (for tests). */
  public Optional<Bounds> caretBounds(String clientId) {
    Cursor c = cursors.get(clientId);
    return c == null || c.caretsShown == 0 ? Optional.empty()
        : Optional.of(c.carets.getFirst().getBoundsInParent());
  }

  /**
   * Places every cursor's shapes. Only paragraphs on screen are measured (a caret far below costs
   * nothing), and the rectangles are reused: moving a caret changes four numbers, not the scene
   * graph.
   */
  private void redraw() {
    int first;
    int last;
    try {
      first = area.firstVisibleParToAllParIndex();
      last = area.lastVisibleParToAllParIndex();
    } catch (RuntimeException noneVisible) {
      first = 0;
      last = -1;
    }
    int len = area.getLength();
    for (Cursor c : cursors.values()) {
      Color color = Color.web(c.peer.user().color());
      Color tint = color.deriveColor(0, 1, 1, 0.25);
      int boxes = 0;
      int carets = 0;
      for (Range r : c.ranges) {
        int from = Math.min(Math.min(r.anchor(), r.head()), len);
        int to = Math.min(Math.max(r.anchor(), r.head()), len);
        if (from < to) {
          boxes = drawSelection(c, from, to, first, last, tint, boxes);
        }
        int head = Math.min(r.head(), len);
        int p = area.offsetToPosition(head, Bias.Forward).getMajor();
        if (p < first || p > last) {
          continue;
        }
        Optional<Bounds> box = carets == 0 ? caretBoxCached(c, head, p) : caretBox(head);
        if (box.isPresent()) {
          Bounds b = box.get();
          Rectangle caret = shape(c.carets, carets++, color);
          caret.setX(b.getMinX() - 1);
          caret.setY(b.getMinY());
          caret.setWidth(2);
          caret.setHeight(b.getHeight());
          if (carets == 1) {
            c.label.resizeRelocate(b.getMinX() - 1, b.getMinY() - 16, c.label.prefWidth(-1), 16);
          }
        }
      }
      hideFrom(c.boxes, boxes);
      hideFrom(c.carets, carets);
      c.caretsShown = carets;
      if (c.label.getParent() == null) {
        overlay.getChildren().add(c.label); // added last: above every shape so far
      }
      c.label.setVisible(carets > 0); // the fade owns its opacity
    }
    if (shapesAdded) {
      // New shapes went on top; the name labels stay above every shape. Only then: reordering the
      // overlay's children on every redraw changed the scene for nothing.
      shapesAdded = false;
      cursors.values().forEach(c -> c.label.toFront());
    }
  }

  /** The {@code i}-th rectangle of a pool, created (and added to the overlay) when needed. */
  private Rectangle shape(List<Rectangle> pool, int i, Color fill) {
    if (i == pool.size()) {
      Rectangle r = new Rectangle();
      r.setManaged(false);
      pool.add(r);
      overlay.getChildren().add(r);
      shapesAdded = true;
    }
    Rectangle r = pool.get(i);
    if (!fill.equals(r.getFill())) {
      r.setFill(fill);
    }
    r.setVisible(true);
    return r;
  }

  private static void hideFrom(List<Rectangle> pool, int used) {
    for (int i = used; i < pool.size(); i++) {
      pool.get(i).setVisible(false);
    }
  }

  /** Boxes for the visible part of a selection; returns the number of boxes now used. */
  private int drawSelection(Cursor c, int from, int to, int first, int last, Color tint, int used) {
    int p0 = Math.max(first, area.offsetToPosition(from, Bias.Forward).getMajor());
    int p1 = Math.min(last, area.offsetToPosition(to, Bias.Backward).getMajor());
    for (int p = p0; p <= p1; p++) {
      int start = Math.max(from, area.getAbsolutePosition(p, 0));
      int end = Math.min(to, area.getAbsolutePosition(p, area.getParagraphLength(p)));
      if (start >= end) {
        continue;
      }
      Optional<Bounds> bounds = area.getCharacterBoundsOnScreen(start, end).map(overlay::screenToLocal);
      if (bounds.isPresent()) {
        Bounds b = bounds.get();
        Rectangle box = shape(c.boxes, used++, tint);
        box.setX(b.getMinX());
        box.setY(b.getMinY());
        box.setWidth(b.getWidth());
        box.setHeight(b.getHeight());
      }
    }
    return used;
  }

  /**
   * {@link #caretBox}, measured again only when the caret's paragraph changed, moved on screen, or
   * the caret moved in it. Measuring a character's box lays out a range of text; typing elsewhere
   * (the common case with several people) leaves most carets where they were.
   */
  private Optional<Bounds> caretBoxCached(Cursor c, int pos, int paragraph) {
    Optional<Bounds> where = area.getParagraphBoundsOnScreen(paragraph);
    if (where.isEmpty()) {
      c.caretKey = null;
      return Optional.empty();
    }
    CaretKey key = new CaretKey(area.getParagraph(paragraph), pos - area.getAbsolutePosition(paragraph, 0), where.get());
    if (!key.equals(c.caretKey) || c.caretBox == null) {
      c.caretBox = caretBox(pos).orElse(null);
      c.caretKey = key;
    }
    return Optional.ofNullable(c.caretBox);
  }

  /**
   * The box of the character after {@code pos}, or the end of the one before; in overlay
   * coordinates. The neighbours are read from the paragraph ({@code area.getText(from, to)} would
   * slice the whole document's tree for one character, on every redraw of every caret).
   */
  private Optional<Bounds> caretBox(int pos) {
    var at = area.offsetToPosition(pos, Bias.Forward);
    int p = at.getMajor();
    int column = at.getMinor();
    int length = area.getParagraphLength(p); // a paragraph holds no '\n': past its end is the newline
    if (column < length) {
      return area.getCharacterBoundsOnScreen(pos, pos + 1).map(overlay::screenToLocal);
    }
    if (column > 0) {
      return area.getCharacterBoundsOnScreen(pos - 1, pos).map(overlay::screenToLocal)
          .map(b -> new javafx.geometry.BoundingBox(b.getMaxX(), b.getMinY(), 0, b.getHeight()));
    }
    return area.getParagraphBoundsOnScreen(p).map(overlay::screenToLocal)
        .map(b -> new javafx.geometry.BoundingBox(b.getMinX(), b.getMinY(), 0, Math.max(16, b.getHeight())));
  }
}
