package dev.tandem.app.editor;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Formats;
import javafx.scene.control.IndexRange;
import org.fxmisc.richtext.GenericStyledArea;
import org.fxmisc.richtext.model.StyleSpans;

/**
 * Formatting commands on the area. They only change the area; the {@link EditorBridge} sees the
 * change and sends it like any other local edit. Inline formats apply to the selection; block
 * formats to every paragraph the selection touches.
 *
 * <p>An inline format toggled with nothing selected applies to what is typed next at the caret,
 * as in every editor: it is kept as a pending typing style until the caret moves (typing moves it,
 * and the typed text then carries the style itself). Remote changes move the pending position
 * along with the caret ({@link #map}). FX thread only.
 */
public final class Formatter {
  private final GenericStyledArea<Attributes, String, Attributes> area;
  /** The inline style for text typed at {@link #pendingAt}, or null: none toggled there. */
  private Attributes pending;
  private int pendingAt = -1;

  public Formatter(GenericStyledArea<Attributes, String, Attributes> area) {
    this.area = area;
    area.caretPositionProperty().addListener((o, was, now) -> {
      if (pending != null && now != pendingAt) {
        pending = null;
      }
    });
  }

  /**
   * The inline style typed text takes: the pending one toggled at the caret, else that of the
   * text before the caret (RichTextFX's rule). {@code author} is the caller's to set.
   */
  public Attributes typingStyle() {
    if (pending != null) {
      return pending;
    }
    int pos = area.getSelection().getStart();
    return area.getLength() == 0 ? Attributes.EMPTY : area.getStyleAtPosition(Math.min(pos, area.getLength()));
  }

  /** A change was applied to the document around the caret (someone else's edit): keeps the pending style with it. */
  public void map(dev.tandem.ot.Delta change) {
    if (pending != null) {
      pendingAt = change.transformPosition(pendingAt, false);
    }
  }

  /** Inline attributes at the caret: the pending typing style, of the character before it, or of the selection's first. */
  public Attributes inlineAtCaret() {
    if (pending != null) {
      return pending;
    }
    IndexRange sel = area.getSelection();
    if (area.getLength() == 0) {
      return Attributes.EMPTY;
    }
    int pos = sel.getLength() > 0 ? sel.getStart() + 1 : area.getCaretPosition();
    return area.getStyleAtPosition(Math.max(0, Math.min(pos, area.getLength())));
  }

  public Attributes blockAtCaret() {
    return area.getParagraph(area.getCurrentParagraph()).getParagraphStyle();
  }

  /**
   * Bold, italic, underline, strike, code: on for the whole selection unless it is all on already.
   * With nothing selected, toggles it for the text typed next at the caret.
   */
  public void toggleInline(String key) {
    IndexRange sel = area.getSelection();
    if (sel.getLength() == 0) {
      Attributes now = typingStyle();
      pending = Boolean.TRUE.equals(now.get(key)) ? now.without(key) : now.with(key, true);
      pendingAt = area.getCaretPosition();
      return;
    }
    StyleSpans<Attributes> spans = area.getStyleSpans(sel);
    boolean allOn = spans.stream().allMatch(s -> Boolean.TRUE.equals(s.getStyle().get(key)));
    area.setStyleSpans(sel.getStart(),
        spans.mapStyles(a -> allOn ? a.without(key) : a.with(key, true)));
  }

  /** Sets the link of the selection; a blank url removes it. */
  public void setLink(String url) {
    IndexRange sel = area.getSelection();
    if (sel.getLength() == 0) {
      return;
    }
    String u = url == null ? "" : url.strip();
    area.setStyleSpans(sel.getStart(), area.getStyleSpans(sel)
        .mapStyles(a -> u.isEmpty() ? a.without(Formats.LINK) : a.with(Formats.LINK, u)));
  }

  /** Heading 1–3, or 0 for body text; pressing the current level again returns to body text. */
  public void setHeader(int level) {
    boolean same = Styles.headerLevel(blockAtCaret()) == level;
    forEachParagraph(block -> level == 0 || same ? block.without(Formats.HEADER)
        : block.without(Formats.CODE_BLOCK).with(Formats.HEADER, level));
  }

  /** "bullet" or "ordered"; again removes the list. */
  public void toggleList(String kind) {
    boolean same = kind.equals(blockAtCaret().get(Formats.LIST));
    forEachParagraph(block -> same ? block.without(Formats.LIST)
        : block.without(Formats.CODE_BLOCK).with(Formats.LIST, kind));
  }

  /** Block quote or code block. */
  public void toggleBlock(String key) {
    boolean on = Styles.isOn(blockAtCaret(), key);
    forEachParagraph(block -> on ? block.without(key)
        : key.equals(Formats.CODE_BLOCK)
            ? Attributes.of(Formats.CODE_BLOCK, true)
            : block.with(key, true));
  }

  private void forEachParagraph(java.util.function.UnaryOperator<Attributes> change) {
    IndexRange sel = area.getSelection();
    int first = area.offsetToPosition(sel.getStart(), org.fxmisc.richtext.model.TwoDimensional.Bias.Forward).getMajor();
    int last = area.offsetToPosition(sel.getEnd(), org.fxmisc.richtext.model.TwoDimensional.Bias.Forward).getMajor();
    for (int p = first; p <= last; p++) {
      Attributes before = area.getParagraph(p).getParagraphStyle();
      Attributes after = change.apply(before);
      if (!after.equals(before)) {
        area.setParagraphStyle(p, after);
      }
    }
  }
}
