package dev.tandem.app.editor;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.RichDocument;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.StyledDocument;

/**
 * What {@link EditorBridge#load} builds from a whole document before it touches the area — the
 * bridge's shadow tree and the area's piece (RichTextFX's paragraph tree) — built ahead, on any
 * thread. For a 10 MB file opened into a new room that is most of the load's work; building it in
 * the background while the room window is being made leaves the FX thread only the
 * {@code area.replace}. Pure data: nothing here touches the toolkit. Hand it to exactly one bridge
 * ({@link EditorBridge#expect}), which takes ownership of the shadow.
 */
public final class PreparedDocument {
  private final Delta document;
  private final RichDocument shadow;
  private final StyledDocument<Attributes, String, Attributes> piece;

  private PreparedDocument(Delta document, RichDocument shadow, StyledDocument<Attributes, String, Attributes> piece) {
    this.document = document;
    this.shadow = shadow;
    this.piece = piece;
  }

  /**
   * Builds both for {@code document} (inserts only, ending with {@code '\n'}). The piece's paragraphs
   * use RichTextFX's plain-text segment operations, which are stateless: the same as any
   * {@code StyledTextArea}'s.
   */
  public static PreparedDocument of(Delta document) {
    EditorBridge.requireDocument(document);
    RichDocument shadow = RichDocument.of(document);
    int len = document.length();
    return new PreparedDocument(document, shadow, DocumentSlices.toArea(document.slice(0, len - 1),
        Styles.block(shadow.attributesAt(len - 1)), SegmentOps.styledTextOps()));
  }

  /**
   * Whether preparing pays: only a document the bridge loads in bulk when it arrives as a change
   * (as a file opened into a new room does) goes through {@link EditorBridge#load}.
   */
  public static boolean worthPreparing(Delta document) {
    return document.length() >= EditorBridge.BULK_INSERT;
  }

  Delta document() {
    return document;
  }

  RichDocument shadow() {
    return shadow;
  }

  StyledDocument<Attributes, String, Attributes> piece() {
    return piece;
  }
}
