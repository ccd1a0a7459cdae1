package dev.tandem.app.view;

import javafx.geometry.Insets;
import javafx.scene.layout.Region;

/**
 * Holds one node that fills it, as a layout root: a layout request from inside that node (the
 * editor asks for one on every keystroke and every remote change, the remote-cursor overlay on
 * every redraw, the side panel and the status bar whenever a "typing…" hint or a count changes)
 * stops at the node instead of travelling up to the window's root.
 *
 * <p>Why: JavaFX's {@code Parent.requestLayout} clears the size caches of every ancestor up to the
 * nearest layout root and has each of them lay out its children again, which recomputes the
 * minimum and preferred sizes of the whole window (tool bar, banners, side panel, status bar). In
 * the keystroke probe that was about a fifth of the FX thread's CPU per key (docs/benchmarks.md,
 * "Keystroke pass 7"). An unmanaged node is a layout root: its requests only mark the branch
 * above it, so the layout pass walks down to it without laying out the ancestors again.
 *
 * <p>Contract: the content always has this region's size less its insets (set here, in
 * {@link #layoutChildren}, whenever this region is laid out: when it is resized or its own layout
 * is asked for). Its minimum and preferred sizes are the content's, read when the ancestors ask
 * (they no longer do on every request from inside): a change of the content's preferred size
 * alone does not make the ancestors lay out again. So it suits content whose size the window
 * decides (the editor fills the space it is given) or whose size its text does not change (the
 * side panel has a fixed width, the status bar one line of fixed-size text). FX thread only.
 */
final class LayoutBoundary extends Region {
  private final Region content;

  LayoutBoundary(Region content) {
    this.content = content;
    content.setManaged(false);
    getChildren().add(content);
  }

  @Override
  protected void layoutChildren() {
    Insets in = getInsets();
    content.resizeRelocate(in.getLeft(), in.getTop(),
        Math.max(0, getWidth() - in.getLeft() - in.getRight()),
        Math.max(0, getHeight() - in.getTop() - in.getBottom()));
  }

  @Override
  protected double computeMinWidth(double height) {
    Insets in = getInsets();
    return in.getLeft() + content.minWidth(-1) + in.getRight();
  }

  @Override
  protected double computeMinHeight(double width) {
    Insets in = getInsets();
    return in.getTop() + content.minHeight(-1) + in.getBottom();
  }

  @Override
  protected double computePrefWidth(double height) {
    Insets in = getInsets();
    return in.getLeft() + content.prefWidth(-1) + in.getRight();
  }

  @Override
  protected double computePrefHeight(double width) {
    Insets in = getInsets();
    return in.getTop() + content.prefHeight(-1) + in.getBottom();
  }
}
