package dev.tandem.app.editor;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Formats;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.text.TextFlow;
import org.fxmisc.richtext.StyledTextArea;
import org.fxmisc.richtext.TextExt;

/**
 * Makes the editor's area: a {@link StyledTextArea} whose paragraph style is the block attributes
 * and whose segment style is the inline attributes of the Delta document (see {@link Styles}).
 * Rendering is by CSS classes ({@code tandem.css}): {@code .h1}, {@code .quote}, {@code .code-block},
 * {@code .list-bullet} on the paragraph; {@code .bold}, {@code .code}, {@code .link} … on text;
 * the {@code author} of text becomes its background tint through {@link AuthorTints}.
 */
public final class RichArea {
  private RichArea() {}

  public static StyledTextArea<Attributes, Attributes> create() {
    return create(new AuthorTints());
  }

  /** An area whose text is tinted by author through {@code tints} (when they are showing). */
  public static StyledTextArea<Attributes, Attributes> create(AuthorTints tints) {
    StyledTextArea<Attributes, Attributes> area = new StyledTextArea<>(
        Attributes.EMPTY, RichArea::styleParagraph, Attributes.EMPTY,
        (text, inline) -> styleText(text, inline, tints));
    area.getStyleClass().add("tandem-editor");
    area.setWrapText(true);
    area.setParagraphGraphicFactory(line -> listMarker(area, line));
    return area;
  }

  static void styleParagraph(TextFlow flow, Attributes block) {
    List<String> classes = new ArrayList<>(List.of("paragraph-text"));
    int h = Styles.headerLevel(block);
    if (h >= 1 && h <= 3) {
      classes.add("h" + h);
    }
    if (Styles.isOn(block, Formats.BLOCKQUOTE)) {
      classes.add("quote");
    }
    if (Styles.isOn(block, Formats.CODE_BLOCK)) {
      classes.add("code-block");
    }
    if (block.get(Formats.LIST) instanceof String list) {
      classes.add("list-" + list);
    }
    flow.getStyleClass().setAll(classes);
    flow.setStyle(block.get(Formats.ALIGN) instanceof String align
        ? "-fx-text-alignment: " + align + ";" : "");
  }

  static void styleText(TextExt text, Attributes inline, AuthorTints tints) {
    List<String> classes = new ArrayList<>(List.of("text"));
    for (String key : List.of(Formats.BOLD, Formats.ITALIC, Formats.UNDERLINE, Formats.STRIKE, Formats.CODE)) {
      if (Styles.isOn(inline, key)) {
        classes.add(key);
      }
    }
    if (inline.get(Formats.LINK) instanceof String) {
      classes.add("link");
    }
    text.getStyleClass().setAll(classes);
    // Underline and strike-through are Text properties; CSS classes alone would need both combined.
    text.setUnderline(Styles.isOn(inline, Formats.UNDERLINE) || inline.get(Formats.LINK) instanceof String);
    text.setStrikethrough(Styles.isOn(inline, Formats.STRIKE));
    // Inline code keeps its own grey background (set by CSS, which a bound property would block).
    if (inline.get(Formats.AUTHOR) instanceof String author && !Styles.isOn(inline, Formats.CODE)) {
      text.backgroundColorProperty().bind(tints.tintOf(author));
    }
  }

  /** The bullet or number in front of a list paragraph (numbers count the run of ordered items above). */
  private static Node listMarker(StyledTextArea<Attributes, Attributes> area, int line) {
    if (line >= area.getParagraphs().size()) {
      return null;
    }
    Object list = area.getParagraph(line).getParagraphStyle().get(Formats.LIST);
    if (!(list instanceof String kind)) {
      return null;
    }
    String text;
    if (kind.equals("ordered")) {
      int n = 1;
      for (int i = line - 1; i >= 0 && "ordered".equals(area.getParagraph(i).getParagraphStyle().get(Formats.LIST)); i--) {
        n++;
      }
      text = n + ".";
    } else {
      text = "•";
    }
    Label marker = new Label(text);
    marker.getStyleClass().add("list-marker");
    marker.setPadding(new Insets(0, 6, 0, 14));
    marker.setMinWidth(34);
    return marker;
  }
}
