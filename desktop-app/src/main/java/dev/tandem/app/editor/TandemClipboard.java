package dev.tandem.app.editor;

import dev.tandem.app.files.HtmlWriter;
import dev.tandem.app.files.KnownFormats;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import dev.tandem.protocol.DeltaJson;
import java.util.HashMap;
import java.util.Map;
import javafx.scene.control.IndexRange;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DataFormat;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import org.fxmisc.richtext.GenericStyledArea;

/**
 * Copy, cut and paste for the editor, replacing RichTextFX's own (which would paste its private
 * format or plain text through the area's typing path).
 *
 * <ul>
 *   <li>Copy puts three forms on the clipboard: plain text, HTML (for other programs) and
 *       {@link #DELTA}: the selection as a Delta slice in Quill's JSON (inserts only; each
 *       {@code '\n'} with its paragraph's block attributes; never {@code author}).</li>
 *   <li>Paste of a {@link #DELTA} inserts the formatted slice, cleaned of anything the editor does
 *       not know, as ONE local change through {@link EditorBridge#applyLocal} (so one op for the
 *       session and one undo step). Pasted paragraphs take the copied block formats; the paragraph
 *       the paste ends in keeps its own.</li>
 *   <li>Paste of anything else inserts its plain text only — no foreign styles — with the inline
 *       formats of the text at the caret (as typing would, links excepted) and, for each line
 *       break, the block format of the paragraph pasted into; also one local change.</li>
 * </ul>
 * Thread: FX thread (key handlers and the clipboard are FX-only).
 */
public final class TandemClipboard {
  /** Tandem's own clipboard format: a Delta slice as JSON. */
  public static final DataFormat DELTA = dataFormat("application/x-tandem-delta+json");

  /** The clipboard as this class uses it; the system clipboard in the app, a map in unit tests. */
  public interface Port {
    void put(Map<DataFormat, Object> content);

    Object get(DataFormat format);

    /** The system clipboard. */
    static Port system() {
      return new Port() {
        @Override
        public void put(Map<DataFormat, Object> content) {
          Clipboard.getSystemClipboard().setContent(content);
        }

        @Override
        public Object get(DataFormat format) {
          Clipboard c = Clipboard.getSystemClipboard();
          return c.hasContent(format) ? c.getContent(format) : null;
        }
      };
    }
  }

  private final GenericStyledArea<Attributes, String, Attributes> area;
  private final EditorBridge bridge;
  private final Port clipboard;

  public TandemClipboard(GenericStyledArea<Attributes, String, Attributes> area, EditorBridge bridge, Port clipboard) {
    this.area = area;
    this.bridge = bridge;
    this.clipboard = clipboard;
  }

  /** Takes over the copy/cut/paste keys of the area (Ctrl/Cmd+C/X/V, Ctrl+Insert, Shift+Insert/Delete). */
  public void install() {
    area.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
  }

  private static final KeyCombination COPY = KeyCombination.valueOf("Shortcut+C");
  private static final KeyCombination COPY2 = KeyCombination.valueOf("Shortcut+Insert");
  private static final KeyCombination CUT = KeyCombination.valueOf("Shortcut+X");
  private static final KeyCombination CUT2 = KeyCombination.valueOf("Shift+Delete");
  private static final KeyCombination PASTE = KeyCombination.valueOf("Shortcut+V");
  private static final KeyCombination PASTE2 = KeyCombination.valueOf("Shift+Insert");

  private void onKey(KeyEvent e) {
    if (COPY.match(e) || COPY2.match(e) || e.getCode() == KeyCode.COPY) {
      copy();
    } else if (CUT.match(e) || CUT2.match(e) || e.getCode() == KeyCode.CUT) {
      cut();
    } else if (PASTE.match(e) || PASTE2.match(e) || e.getCode() == KeyCode.PASTE) {
      paste();
    } else {
      return;
    }
    e.consume();
  }

  /** Puts the selection on the clipboard; nothing when the selection is empty. */
  public void copy() {
    IndexRange sel = area.getSelection();
    if (sel.getLength() == 0) {
      return;
    }
    Delta slice = DocumentSlices.read(area, sel.getStart(), sel.getEnd());
    Map<DataFormat, Object> content = new HashMap<>();
    content.put(DataFormat.PLAIN_TEXT, slice.plainText());
    content.put(DataFormat.HTML, HtmlWriter.write(slice, "Tandem"));
    content.put(DELTA, DeltaJson.write(slice));
    clipboard.put(content);
  }

  public void cut() {
    if (!area.isEditable() || area.getSelection().getLength() == 0) {
      return;
    }
    copy();
    IndexRange sel = area.getSelection();
    bridge.applyLocal(Delta.builder().retain(sel.getStart()).delete(sel.getLength()).build(), sel.getStart());
  }

  /** Pastes over the selection: Tandem's format when present and valid, else plain text. */
  public void paste() {
    if (!area.isEditable()) {
      return;
    }
    Delta slice = tandemSlice();
    if (slice == null) {
      Object text = clipboard.get(DataFormat.PLAIN_TEXT);
      if (!(text instanceof String s) || s.isEmpty()) {
        return;
      }
      slice = plainSlice(s);
    }
    if (slice.length() == 0) {
      return;
    }
    IndexRange sel = area.getSelection();
    Delta.Builder change = Delta.builder().retain(sel.getStart());
    change.addAll(slice);
    change.delete(sel.getLength());
    bridge.applyLocal(change.build(), sel.getStart() + slice.length());
  }

  /** The clipboard's Tandem slice, cleaned; null when absent or not a valid slice. */
  private Delta tandemSlice() {
    if (!(clipboard.get(DELTA) instanceof String json)) {
      return null;
    }
    try {
      return KnownFormats.clean(DeltaJson.parse(json));
    } catch (RuntimeException malformed) {
      // Another program's (or a damaged) clipboard entry under our name: fall back to plain text.
      return null;
    }
  }

  /** Plain text with the inline formats at the caret and the current paragraph's block format on line breaks. */
  private Delta plainSlice(String text) {
    String s = text.replace("\r\n", "\n").replace('\r', '\n');
    int caret = area.getSelection().getStart();
    Attributes inline = area.getLength() == 0 ? Attributes.EMPTY
        : Styles.inline(area.getStyleAtPosition(caret)).without(Formats.LINK);
    Attributes block = area.getParagraph(area.offsetToPosition(caret,
        org.fxmisc.richtext.model.TwoDimensional.Bias.Forward).getMajor()).getParagraphStyle();
    Delta.Builder b = Delta.builder();
    int start = 0;
    for (int i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', start)) {
      b.insert(s.substring(start, i), inline);
      b.insert("\n", block);
      start = i + 1;
    }
    b.insert(s.substring(start), inline);
    return KnownFormats.clean(b.build());
  }

  private static DataFormat dataFormat(String mime) {
    DataFormat existing = DataFormat.lookupMimeType(mime);
    return existing != null ? existing : new DataFormat(mime);
  }
}
