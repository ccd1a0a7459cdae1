package dev.tandem.app.view;

import dev.tandem.app.editor.AuthorTints;
import dev.tandem.app.editor.Formatter;
import dev.tandem.app.viewmodel.RoomViewModel;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Formats;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.sync.SyncSession;
import java.util.HashMap;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import javafx.scene.input.KeyEvent;
import org.fxmisc.richtext.StyledTextArea;

/**
 * Who wrote what, in the editor: "Show authors" ({@link AuthorTints}, following the view-model's
 * switch and the people present) and our own author on the text we type.
 */
final class Authorship {
  private final StyledTextArea<Attributes, Attributes> area;
  private final Formatter formatter;
  private final AuthorTints tints;
  private final RoomViewModel vm;

  Authorship(StyledTextArea<Attributes, Attributes> area, Formatter formatter, AuthorTints tints, RoomViewModel vm) {
    this.area = area;
    this.formatter = formatter;
    this.tints = tints;
    this.vm = vm;
    // Typed text: our own author, set only for the key being handled (see claimTypedText).
    area.addEventFilter(KeyEvent.KEY_TYPED, e -> claimTypedText());
    area.addEventHandler(KeyEvent.KEY_TYPED, e -> area.setTextInsertionStyle(null));
    tints.setRepaint(() -> area.lookupAll(".paragraph-text").forEach(n -> ((Parent) n).requestLayout()));
    tints.setShowing(vm.showAuthorsProperty().get());
    vm.showAuthorsProperty().addListener((o, was, on) -> tints.setShowing(on));
    vm.peers().addListener((ListChangeListener<PeerInfo>) c -> updateColours());
  }

  /** The session exists now: our own client id gets our colour. */
  void sessionStarted() {
    updateColours();
  }

  /** Present people's colours; anyone else's text is neutral. */
  private void updateColours() {
    Map<String, String> colours = new HashMap<>();
    for (PeerInfo p : vm.peers()) {
      colours.put(p.clientId(), p.user().color());
    }
    SyncSession s = vm.session();
    if (s != null) {
      colours.put(s.clientId(), vm.me().color());
    }
    tints.setColours(colours);
  }

  /**
   * Typed text takes the formatting where it is typed (or the one just toggled there with nothing
   * selected, {@link Formatter#typingStyle}) but always our own {@code author}: without
   * this the area would copy the neighbouring text's author (the document has ours: the bridge
   * stamps it). Set just before a typed key is handled and cleared after it, so that other
   * inserts keep RichTextFX's rule (the style at the insertion point); the bridge corrects those.
   */
  private void claimTypedText() {
    SyncSession s = vm.session();
    if (s == null) {
      return;
    }
    area.setTextInsertionStyle(formatter.typingStyle().with(Formats.AUTHOR, s.clientId()));
  }
}
