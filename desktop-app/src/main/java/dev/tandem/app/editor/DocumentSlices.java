package dev.tandem.app.editor;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Op;
import java.util.ArrayList;
import java.util.List;
import org.fxmisc.richtext.GenericStyledArea;
import org.fxmisc.richtext.model.Paragraph;
import org.fxmisc.richtext.model.ReadOnlyStyledDocument;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.StyledDocument;
import org.fxmisc.richtext.model.StyledSegment;
import org.fxmisc.richtext.model.TwoDimensional;

/**
 * Conversions between pieces of the Delta document and pieces of the area.
 *
 * <p>Coordinates: the area shows the document without its final {@code '\n'}; each area paragraph
 * separator is the document's {@code '\n'} at the same index, so a position means the same in both.
 * The document's final {@code '\n'} sits at {@code area.getLength()}.
 */
final class DocumentSlices {
  private DocumentSlices() {}

  /**
   * The area's content in {@code [from, to)} as a document delta (inserts only): runs with their
   * inline style, and a {@code '\n'} with its paragraph's style where a paragraph ends. {@code to}
   * may be {@code area.getLength() + 1} to include the document's final {@code '\n'}.
   */
  static Delta read(GenericStyledArea<Attributes, String, Attributes> area, int from, int to) {
    Delta.Builder out = Delta.builder();
    if (from >= to) {
      return out.build();
    }
    int paragraph = area.offsetToPosition(from, TwoDimensional.Bias.Forward).getMajor();
    int start = from - area.getAbsolutePosition(paragraph, 0);
    int pos = from;
    while (pos < to && paragraph < area.getParagraphs().size()) {
      Paragraph<Attributes, String, Attributes> p = area.getParagraph(paragraph);
      int offset = 0;
      for (StyledSegment<String, Attributes> seg : p.getStyledSegments()) {
        String text = seg.getSegment();
        int segStart = offset;
        int segEnd = offset + text.length();
        offset = segEnd;
        int a = Math.max(segStart, start);
        int b = Math.min(segEnd, start + (to - pos));
        if (a < b) {
          out.insert(text.substring(a - segStart, b - segStart), seg.getStyle());
        }
      }
      int taken = Math.max(0, Math.min(p.length(), start + (to - pos)) - start);
      pos += taken;
      if (pos < to) {
        out.insert("\n", p.getParagraphStyle());
        pos++;
      }
      paragraph++;
      start = 0;
    }
    return out.build();
  }

  /**
   * A rich-text piece for the area from a document slice. Paragraph styles are those of the
   * slice's newlines; the last paragraph of the piece takes {@code lastStyle}. (Where the piece
   * joins existing paragraphs the area decides the merged style; the bridge corrects it after.)
   */
  static StyledDocument<Attributes, String, Attributes> toArea(
      Delta slice, Attributes lastStyle, SegmentOps<String, Attributes> segOps) {
    List<Paragraph<Attributes, String, Attributes>> paragraphs = new ArrayList<>();
    List<String> segs = new ArrayList<>();
    List<Attributes> styles = new ArrayList<>();
    for (Op op : slice) {
      if (!(op instanceof Op.Insert insert)) {
        throw new IllegalArgumentException("not a document slice: " + slice);
      }
      Attributes inline = Styles.inline(insert.attributes());
      String text = insert.text();
      int start = 0;
      // indexOf, not a char loop: it is vectorised, and a file opened into a room is one 10 MB insert.
      for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
        if (i > start) {
          segs.add(text.substring(start, i));
          styles.add(inline);
        }
        paragraphs.add(paragraph(Styles.block(insert.attributes()), segs, styles, segOps));
        segs.clear();
        styles.clear();
        start = i + 1;
      }
      if (start < text.length()) {
        segs.add(text.substring(start));
        styles.add(inline);
      }
    }
    paragraphs.add(paragraph(lastStyle, segs, styles, segOps));
    return ReadOnlyStyledDocument.from(new ParagraphList(paragraphs));
  }

  private static Paragraph<Attributes, String, Attributes> paragraph(
      Attributes style, List<String> segs, List<Attributes> styles, SegmentOps<String, Attributes> segOps) {
    if (segs.isEmpty()) {
      return new Paragraph<>(style, segOps, segOps.createEmptySeg(), Attributes.EMPTY);
    }
    if (segs.size() == 1) {
      // The common case (a line of one style) without the list constructor's merging pass.
      return new Paragraph<>(style, segOps, segs.getFirst(), styles.getFirst());
    }
    List<StyledSegment<String, Attributes>> list = new ArrayList<>();
    for (int i = 0; i < segs.size(); i++) {
      list.add(new StyledSegment<>(segs.get(i), styles.get(i)));
    }
    return new Paragraph<>(style, segOps, list);
  }

  /** Carries a paragraph list into {@link ReadOnlyStyledDocument#from}, whose constructor is not public. */
  private record ParagraphList(List<Paragraph<Attributes, String, Attributes>> getParagraphs)
      implements StyledDocument<Attributes, String, Attributes> {
    @Override
    public int length() {
      return getParagraphs.stream().mapToInt(Paragraph::length).sum() + getParagraphs.size() - 1;
    }

    @Override
    public String getText() {
      return String.join("\n", getParagraphs.stream().map(Paragraph::getText).toList());
    }

    @Override
    public StyledDocument<Attributes, String, Attributes> concat(StyledDocument<Attributes, String, Attributes> that) {
      throw new UnsupportedOperationException();
    }

    @Override
    public StyledDocument<Attributes, String, Attributes> subSequence(int start, int end) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Position position(int major, int minor) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Position offsetToPosition(int offset, Bias bias) {
      throw new UnsupportedOperationException();
    }
  }
}
