package dev.tandem.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.app.testing.Fx;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import org.junit.jupiter.api.Test;

/**
 * Every formatting command on a real area bound to a session: what the area shows and what the
 * session's document (the bridge's) becomes.
 */
class FormatterTest extends BridgeWindowTest {
  private static final Attributes ME = Attributes.of(Formats.AUTHOR, "me");
  private Formatter formatter;

  private void load(String text) {
    Fx.run(() -> {
      formatter = new Formatter(area);
      bridge.load(Delta.document(text));
    });
  }

  private Delta document() {
    return Fx.call(bridge::document);
  }

  private Attributes inlineAt(int position) {
    return Fx.call(() -> area.getStyleOfChar(position));
  }

  @Test
  void inlineFormatsToggleOverTheSelection() {
    load("Hello world\n");
    Fx.run(() -> {
      area.selectRange(0, 5);
      formatter.toggleInline(Formats.BOLD);
    });
    assertThat(document()).isEqualTo(Delta.builder().insert("Hello", Attributes.of(Formats.BOLD, true))
        .insert(" world\n").build());
    assertThat(Fx.call(() -> formatter.inlineAtCaret().get(Formats.BOLD))).isEqualTo(true);
    // Part of the selection on already: all on. Then all on: all off.
    Fx.run(() -> {
      area.selectRange(3, 8);
      formatter.toggleInline(Formats.BOLD);
    });
    assertThat(document()).isEqualTo(Delta.builder().insert("Hello wo", Attributes.of(Formats.BOLD, true))
        .insert("rld\n").build());
    Fx.run(() -> {
      area.selectRange(0, 8);
      formatter.toggleInline(Formats.BOLD);
    });
    assertThat(document()).isEqualTo(Delta.document("Hello world\n"));
    for (String key : new String[] {Formats.ITALIC, Formats.UNDERLINE, Formats.STRIKE, Formats.CODE}) {
      Fx.run(() -> {
        area.selectRange(6, 11);
        formatter.toggleInline(key);
      });
      assertThat(inlineAt(7).get(key)).as(key).isEqualTo(true);
    }
    assertThat(document()).isEqualTo(Delta.builder().insert("Hello ").insert("world", Attributes.builder()
        .put(Formats.ITALIC, true).put(Formats.UNDERLINE, true).put(Formats.STRIKE, true).put(Formats.CODE, true)
        .build()).insert("\n").build());
  }

  @Test
  void aLinkIsSetOnTheSelectionAndABlankUrlRemovesIt() {
    load("see the docs\n");
    Fx.run(() -> {
      area.selectRange(8, 12);
      formatter.setLink(" https://example.org/docs ");
    });
    assertThat(document()).isEqualTo(Delta.builder().insert("see the ")
        .insert("docs", Attributes.of(Formats.LINK, "https://example.org/docs")).insert("\n").build());
    Fx.run(() -> formatter.setLink(""));
    assertThat(document()).isEqualTo(Delta.document("see the docs\n"));
    Fx.run(() -> {
      area.selectRange(2, 2);
      formatter.setLink("https://example.org");
    });
    assertThat(document()).as("nothing selected: nothing to link").isEqualTo(Delta.document("see the docs\n"));
  }

  @Test
  void headingsListsQuotesAndCodeBlocksApplyToEveryParagraphTouched() {
    load("one\ntwo\nthree\n");
    Fx.run(() -> {
      area.moveTo(1);
      formatter.setHeader(2);
    });
    assertThat(document()).isEqualTo(Delta.builder().insert("one").insert("\n", Attributes.of(Formats.HEADER, 2))
        .insert("two\nthree\n").build());
    Fx.run(() -> formatter.setHeader(3));
    assertThat(Fx.call(() -> Styles.headerLevel(formatter.blockAtCaret()))).isEqualTo(3);
    Fx.run(() -> formatter.setHeader(3)); // the same level again: body text
    assertThat(document()).isEqualTo(Delta.document("one\ntwo\nthree\n"));

    Fx.run(() -> {
      area.selectRange(1, 6); // "one" and "two"
      formatter.toggleList("ordered");
    });
    Attributes ordered = Attributes.of(Formats.LIST, "ordered");
    assertThat(document()).isEqualTo(Delta.builder().insert("one").insert("\n", ordered).insert("two")
        .insert("\n", ordered).insert("three\n").build());
    Fx.run(() -> formatter.toggleList("bullet")); // another kind replaces it
    assertThat(Fx.call(() -> area.getParagraph(1).getParagraphStyle())).isEqualTo(Attributes.of(Formats.LIST, "bullet"));
    Fx.run(() -> formatter.toggleList("bullet"));
    assertThat(document()).isEqualTo(Delta.document("one\ntwo\nthree\n"));

    Fx.run(() -> {
      area.selectRange(5, 9); // "two" and "three"
      formatter.toggleBlock(Formats.BLOCKQUOTE);
    });
    Attributes quote = Attributes.of(Formats.BLOCKQUOTE, true);
    assertThat(document()).isEqualTo(Delta.builder().insert("one\ntwo").insert("\n", quote).insert("three")
        .insert("\n", quote).build());
    // A code block is a block of its own: it replaces the quote; a heading replaces the code block.
    Fx.run(() -> formatter.toggleBlock(Formats.CODE_BLOCK));
    Attributes code = Attributes.of(Formats.CODE_BLOCK, true);
    assertThat(document()).isEqualTo(Delta.builder().insert("one\ntwo").insert("\n", code).insert("three")
        .insert("\n", code).build());
    Fx.run(() -> formatter.setHeader(1));
    assertThat(document()).isEqualTo(Delta.builder().insert("one\ntwo").insert("\n", Attributes.of(Formats.HEADER, 1))
        .insert("three").insert("\n", Attributes.of(Formats.HEADER, 1)).build());
  }

  @Test
  void withNothingSelectedAnInlineFormatWaitsForTheNextTypedText() {
    load("ab\n");
    Fx.run(() -> {
      area.moveTo(1);
      formatter.toggleInline(Formats.BOLD);
    });
    assertThat(document()).as("nothing changes yet").isEqualTo(Delta.document("ab\n"));
    assertThat(Fx.call(() -> formatter.inlineAtCaret())).isEqualTo(Attributes.of(Formats.BOLD, true));
    Fx.run(() -> formatter.toggleInline(Formats.ITALIC));
    assertThat(Fx.call(() -> formatter.typingStyle()))
        .isEqualTo(Attributes.of(Formats.BOLD, true).with(Formats.ITALIC, true));
    Fx.run(() -> formatter.toggleInline(Formats.ITALIC)); // toggled twice: off again
    assertThat(Fx.call(() -> formatter.typingStyle())).isEqualTo(Attributes.of(Formats.BOLD, true));

    // Someone else's edit before the caret moves it, and the pending style with it.
    Fx.run(() -> {
      Delta remote = Delta.builder().insert("Z").build();
      formatter.map(remote);
      bridge.applyRemote(remote);
    });
    assertThat(Fx.call(area::getCaretPosition)).isEqualTo(2);
    assertThat(Fx.call(() -> formatter.typingStyle())).isEqualTo(Attributes.of(Formats.BOLD, true));

    // What typing does: the text goes in with the typing style (Authorship sets it per key).
    Fx.run(() -> {
      area.setTextInsertionStyle(formatter.typingStyle().with(Formats.AUTHOR, "me"));
      area.replaceSelection("X");
      area.setTextInsertionStyle(null);
    });
    assertThat(document()).isEqualTo(Delta.builder().insert("Za").insert("X", Attributes.of(Formats.BOLD, true)
        .with(Formats.AUTHOR, "me")).insert("b\n").build());
    assertThat(Fx.call(() -> formatter.inlineAtCaret().get(Formats.BOLD))).as("the bold X is before the caret").isEqualTo(true);

    // Moving the caret drops a pending style.
    Fx.run(() -> {
      area.moveTo(1);
      formatter.toggleInline(Formats.UNDERLINE);
      area.moveTo(0);
    });
    assertThat(Fx.call(() -> formatter.typingStyle())).isEqualTo(Attributes.EMPTY);
    assertThat(Fx.call(() -> formatter.inlineAtCaret().get(Formats.UNDERLINE))).isNull();
  }

  @Test
  void boldOffWithNothingSelectedInsideBoldText() {
    load("ab\n");
    Fx.run(() -> {
      area.selectRange(0, 2);
      formatter.toggleInline(Formats.BOLD);
      area.moveTo(1);
      formatter.toggleInline(Formats.BOLD); // inside bold text: the next typed text is not bold
    });
    assertThat(Fx.call(() -> formatter.typingStyle().get(Formats.BOLD))).isNull();
    Fx.run(() -> {
      area.setTextInsertionStyle(formatter.typingStyle().with(Formats.AUTHOR, "me"));
      area.replaceSelection("-");
      area.setTextInsertionStyle(null);
    });
    Attributes bold = Attributes.of(Formats.BOLD, true);
    assertThat(document()).isEqualTo(Delta.builder().insert("a", bold).insert("-", ME).insert("b", bold)
        .insert("\n").build());
  }
}
