package dev.tandem.app.editor;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Formats;
import java.util.Map;

/**
 * How Delta attributes live in the area. The area's segment style is the inline attributes of a
 * run, {@code author} included (for "Show authors", {@link AuthorTints}); its paragraph style is
 * the block attributes of the {@code '\n'} that ends the paragraph. Both are plain
 * {@link Attributes}. Typed text takes our own author through the area's text insertion style
 * (set by the view around each typed key), so the area shows what the document holds.
 */
public final class Styles {
  private Styles() {}

  /** Inline attributes as the area stores them: block keys removed. */
  public static Attributes inline(Attributes attributes) {
    if (attributes.isEmpty()) {
      return attributes;
    }
    Attributes.Builder b = Attributes.builder();
    for (Map.Entry<String, Object> e : attributes.asMap().entrySet()) {
      if (!Formats.isBlock(e.getKey()) && e.getValue() != null) {
        b.put(e.getKey(), e.getValue());
      }
    }
    return b.build();
  }

  /** Block attributes of a paragraph's closing '\n'. */
  public static Attributes block(Attributes attributes) {
    if (attributes.isEmpty()) {
      return attributes;
    }
    Attributes.Builder b = Attributes.builder();
    for (Map.Entry<String, Object> e : attributes.asMap().entrySet()) {
      if (Formats.isBlock(e.getKey()) && e.getValue() != null) {
        b.put(e.getKey(), e.getValue());
      }
    }
    return b.build();
  }

  /** The header level 1–3, or 0. Numbers may arrive as Integer, Long or Double from JSON. */
  public static int headerLevel(Attributes block) {
    return block.get(Formats.HEADER) instanceof Number n ? n.intValue() : 0;
  }

  public static boolean isOn(Attributes attributes, String key) {
    return Boolean.TRUE.equals(attributes.get(key));
  }
}
