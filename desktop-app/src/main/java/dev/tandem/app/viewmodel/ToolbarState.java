package dev.tandem.app.viewmodel;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Formats;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** What the formatting toolbar shows: the formats at the caret (or of the selection's start). */
public final class ToolbarState {
  public final BooleanProperty bold = new SimpleBooleanProperty();
  public final BooleanProperty italic = new SimpleBooleanProperty();
  public final BooleanProperty underline = new SimpleBooleanProperty();
  public final BooleanProperty strike = new SimpleBooleanProperty();
  public final BooleanProperty code = new SimpleBooleanProperty();
  public final BooleanProperty link = new SimpleBooleanProperty();
  /** 0 = body text, 1–3 = heading level. */
  public final IntegerProperty header = new SimpleIntegerProperty();
  /** "", "bullet" or "ordered". */
  public final StringProperty list = new SimpleStringProperty("");
  public final BooleanProperty quote = new SimpleBooleanProperty();
  public final BooleanProperty codeBlock = new SimpleBooleanProperty();

  public void update(Attributes inline, Attributes block) {
    bold.set(on(inline, Formats.BOLD));
    italic.set(on(inline, Formats.ITALIC));
    underline.set(on(inline, Formats.UNDERLINE));
    strike.set(on(inline, Formats.STRIKE));
    code.set(on(inline, Formats.CODE));
    link.set(inline.get(Formats.LINK) instanceof String);
    header.set(block.get(Formats.HEADER) instanceof Number n ? n.intValue() : 0);
    list.set(block.get(Formats.LIST) instanceof String s ? s : "");
    quote.set(on(block, Formats.BLOCKQUOTE));
    codeBlock.set(on(block, Formats.CODE_BLOCK));
  }

  private static boolean on(Attributes a, String key) {
    return Boolean.TRUE.equals(a.get(key));
  }
}
