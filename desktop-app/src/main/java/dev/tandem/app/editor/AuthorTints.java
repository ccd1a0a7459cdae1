package dev.tandem.app.editor;

import java.util.HashMap;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * "Show authors": the background tint of text by its {@code author} attribute (the client id the
 * server stamps on every insert). Each present participant's text takes their colour, lightened;
 * text by anyone no longer here takes a neutral grey. Off: no tint at all.
 *
 * <p>One observable paint per author, shared by every text node of that author (the area binds
 * them as it creates nodes, see {@link RichArea}), so switching the tint or someone's colour
 * changes no document and re-creates no node: it sets a handful of properties, then
 * {@code repaint} asks the visible paragraphs to lay out again (RichTextFX draws text backgrounds
 * during a paragraph's layout). Bindings from text nodes are weak: discarded nodes are collected.
 * FX thread only.
 */
public final class AuthorTints {
  /** Text by someone no longer in the room. */
  public static final Color ABSENT = Color.web("#9e9e9e");
  /** How strongly a colour shows behind text. */
  private static final double OPACITY = 0.30;

  private final Map<String, ObjectProperty<Paint>> tints = new HashMap<>();
  private Map<String, String> colours = Map.of();
  private boolean showing;
  private Runnable repaint = () -> {};

  /** Called after the tints changed (the view re-lays out the visible paragraphs). */
  public void setRepaint(Runnable repaint) {
    this.repaint = repaint;
  }

  /** The tint of {@code author}'s text; null while authors are not shown. */
  public ObservableValue<Paint> tintOf(String author) {
    return tints.computeIfAbsent(author, a -> new SimpleObjectProperty<>(paintFor(a)));
  }

  public boolean isShowing() {
    return showing;
  }

  public void setShowing(boolean on) {
    if (on != showing) {
      showing = on;
      refresh();
    }
  }

  /** The colours ({@code #rrggbb}) of everyone present, by client id, ourselves included. */
  public void setColours(Map<String, String> byClientId) {
    Map<String, String> copy = Map.copyOf(byClientId);
    if (!copy.equals(colours)) {
      colours = copy;
      if (showing) {
        refresh();
      }
    }
  }

  /** The paint {@code author}'s text has now (null when not showing). */
  public Paint paintFor(String author) {
    if (!showing) {
      return null;
    }
    String c = colours.get(author);
    Color base = c == null ? ABSENT : Color.web(c);
    return Color.color(base.getRed(), base.getGreen(), base.getBlue(), OPACITY);
  }

  private void refresh() {
    tints.forEach((author, paint) -> paint.set(paintFor(author)));
    repaint.run();
  }
}
