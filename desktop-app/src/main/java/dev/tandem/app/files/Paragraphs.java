package dev.tandem.app.files;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import dev.tandem.ot.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * A document as the writers see it: paragraphs of runs. A run is text without {@code '\n'} and
 * its inline attributes (without {@code author}, which no file carries); a paragraph's block
 * attributes are those of its closing {@code '\n'}. Adjacent runs with equal attributes are merged.
 */
final class Paragraphs {
  private Paragraphs() {}

  record Run(String text, Attributes attributes) {}

  record Paragraph(List<Run> runs, Attributes block) {
    String text() {
      StringBuilder sb = new StringBuilder();
      runs.forEach(r -> sb.append(r.text));
      return sb.toString();
    }

    boolean isEmpty() {
      return runs.isEmpty();
    }

    boolean is(String key) {
      return Boolean.TRUE.equals(block.get(key));
    }

    String list() {
      return block.get(Formats.LIST) instanceof String s && (s.equals("bullet") || s.equals("ordered")) ? s : null;
    }

    int header() {
      return block.get(Formats.HEADER) instanceof Number n && n.intValue() >= 1 && n.intValue() <= 3 ? n.intValue() : 0;
    }
  }

  /** The paragraphs of a document; text after the last '\n' (not a valid document) is a last paragraph. */
  static List<Paragraph> of(Delta document) {
    List<Paragraph> out = new ArrayList<>();
    List<Run> runs = new ArrayList<>();
    for (Op op : document) {
      if (!(op instanceof Op.Insert insert)) {
        throw new IllegalArgumentException("not a document (inserts only)");
      }
      String text = insert.text();
      Attributes inline = insert.attributes().without(Formats.AUTHOR);
      int start = 0;
      for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
        add(runs, text.substring(start, i), inline);
        out.add(new Paragraph(List.copyOf(runs), DocumentBuilder.blockOnly(insert.attributes())));
        runs.clear();
        start = i + 1;
      }
      add(runs, text.substring(start), inline);
    }
    if (!runs.isEmpty()) {
      out.add(new Paragraph(List.copyOf(runs), Attributes.EMPTY));
    }
    return out;
  }

  private static void add(List<Run> runs, String text, Attributes attributes) {
    if (text.isEmpty()) {
      return;
    }
    Attributes inline = DocumentBuilder.inlineOnly(attributes);
    if (!runs.isEmpty() && runs.getLast().attributes.equals(inline)) {
      Run last = runs.removeLast();
      runs.add(new Run(last.text + text, inline));
    } else {
      runs.add(new Run(text, inline));
    }
  }
}
