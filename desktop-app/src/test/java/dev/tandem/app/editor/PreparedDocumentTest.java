package dev.tandem.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.app.testing.BridgeWindow;
import dev.tandem.app.testing.Fx;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A document prepared off the FX thread (a file just opened into a new room) is what the bridge's
 * next load of that document uses; any other document is loaded as usual. Real area, Headless.
 */
class PreparedDocumentTest {
  private static final Attributes H2 = Attributes.of(Formats.HEADER, 2L);
  private static final Attributes BOLD = Attributes.of(Formats.BOLD, true);

  private BridgeWindow window;

  @BeforeEach
  void setUp() {
    window = BridgeWindow.show();
  }

  @AfterEach
  void tearDown() {
    window.close();
  }

  /** About 330,000 characters (more than the bulk threshold), headings and bold runs. */
  private static Delta document(String word) {
    Delta.Builder b = Delta.builder();
    for (int i = 0; i < 10_000; i++) {
      b.insert(word + " " + i + " ").insert("bold", BOLD).insert(" text to fill it up");
      b.insert("\n", i % 100 == 0 ? H2 : Attributes.EMPTY);
    }
    return b.build();
  }

  /** The change a session delivers for a document it starts from: from "\n" to {@code doc}. */
  private static Delta restore(Delta doc) {
    return Delta.builder().addAll(doc).delete(1).build();
  }

  @Test
  void theFirstLoadOfTheExpectedDocumentUsesWhatWasPrepared() {
    Delta doc = document("line");
    assertThat(PreparedDocument.worthPreparing(doc)).isTrue();
    PreparedDocument prepared = CompletableFuture.supplyAsync(() -> PreparedDocument.of(doc)).join();
    Fx.run(() -> window.bridge.expect(CompletableFuture.completedFuture(prepared)));
    Fx.run(() -> window.bridge.applyRemote(restore(doc)));
    assertThat(window.bridge.document()).isEqualTo(doc);
    assertThat(Fx.call(() -> window.area.getText())).isEqualTo(doc.plainText().substring(0, doc.length() - 1));
    // The area holds the prepared paragraphs themselves (not rebuilt), with their styles.
    assertThat(Fx.call(() -> window.area.getParagraph(5))).isSameAs(prepared.piece().getParagraphs().get(5));
    assertThat(Fx.call(() -> window.area.getParagraph(0).getParagraphStyle())).isEqualTo(H2);
    assertThat(Fx.call(() -> window.area.getParagraph(100).getParagraphStyle())).isEqualTo(H2);
    assertThat(Fx.call(() -> window.area.getParagraph(101).getParagraphStyle())).isEqualTo(Attributes.EMPTY);
    int bold = Fx.call(() -> window.area.getText().indexOf("bold"));
    assertThat(Fx.call(() -> window.area.getStyleOfChar(bold + 1))).isEqualTo(BOLD);
    // Typing afterwards is a local edit on that document.
    Fx.run(() -> window.area.insertText(0, "!"));
    assertThat(window.session.last()).isEqualTo(Delta.builder().insert("!", Attributes.of(Formats.AUTHOR, "me")).build());
  }

  @Test
  void anotherDocumentIsLoadedAsUsualAndThePreparedOneIsDropped() {
    Delta expected = document("line");
    Delta arrived = document("other");
    PreparedDocument prepared = PreparedDocument.of(expected);
    Fx.run(() -> window.bridge.expect(CompletableFuture.completedFuture(prepared)));
    Fx.run(() -> window.bridge.applyRemote(restore(arrived)));
    assertThat(window.bridge.document()).isEqualTo(arrived);
    assertThat(Fx.call(() -> window.area.getParagraph(5))).isNotSameAs(prepared.piece().getParagraphs().get(5));
    assertThat(Fx.call(() -> window.area.getParagraph(5).getText())).startsWith("other 5 ");
  }

  @Test
  void aPreparationThatFailedIsBuiltOnTheFxThreadInstead() {
    Delta doc = document("line");
    Fx.run(() -> window.bridge.expect(CompletableFuture.failedFuture(new OutOfMemoryError("test"))));
    Fx.run(() -> window.bridge.applyRemote(restore(doc)));
    assertThat(window.bridge.document()).isEqualTo(doc);
  }
}
