package dev.tandem.app.editor;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * The change that turns one document slice into another (both inserts only): the common text
 * prefix and suffix are kept (reformatted where attributes differ), the middle is replaced.
 * {@code author} is ignored when comparing and stamped on inserted text, as the server does.
 */
final class SliceDiff {
  private SliceDiff() {}

  static Delta diff(Delta before, Delta after, String author) {
    List<Run> a = runs(before);
    List<Run> b = runs(after);
    String at = text(a);
    String bt = text(b);
    int max = Math.min(at.length(), bt.length());
    int prefix = 0;
    while (prefix < max && at.charAt(prefix) == bt.charAt(prefix)) {
      prefix++;
    }
    // Never end the prefix between a high and a low surrogate.
    if (prefix > 0 && prefix < max && Character.isHighSurrogate(at.charAt(prefix - 1))) {
      prefix--;
    }
    int suffix = 0;
    while (suffix < max - prefix
        && at.charAt(at.length() - 1 - suffix) == bt.charAt(bt.length() - 1 - suffix)) {
      suffix++;
    }
    if (suffix > 0 && suffix < max - prefix && Character.isLowSurrogate(at.charAt(at.length() - suffix))) {
      suffix--;
    }
    Delta.Builder out = Delta.builder();
    retainDiff(out, a, b, 0, 0, prefix);
    int deleted = at.length() - prefix - suffix;
    if (deleted > 0) {
      out.delete(deleted);
    }
    for (Run r : clip(b, prefix, bt.length() - suffix)) {
      Attributes attrs = author == null ? r.attributes : r.attributes.with(dev.tandem.ot.Formats.AUTHOR, author);
      out.insert(r.text, attrs);
    }
    retainDiff(out, a, b, at.length() - suffix, bt.length() - suffix, suffix);
    return out.build();
  }

  private static void retainDiff(Delta.Builder out, List<Run> a, List<Run> b, int aFrom, int bFrom, int length) {
    List<Run> ar = clip(a, aFrom, aFrom + length);
    List<Run> br = clip(b, bFrom, bFrom + length);
    int i = 0;
    int j = 0;
    int ai = 0;
    int bj = 0;
    while (i < ar.size() && j < br.size()) {
      Run x = ar.get(i);
      Run y = br.get(j);
      int n = Math.min(x.text.length() - ai, y.text.length() - bj);
      out.retain(n, Attributes.diff(x.attributes, y.attributes));
      ai += n;
      bj += n;
      if (ai == x.text.length()) {
        i++;
        ai = 0;
      }
      if (bj == y.text.length()) {
        j++;
        bj = 0;
      }
    }
  }

  private record Run(String text, Attributes attributes) {}

  private static List<Run> runs(Delta slice) {
    List<Run> out = new ArrayList<>();
    for (Op op : slice) {
      if (!(op instanceof Op.Insert insert)) {
        throw new IllegalArgumentException("not a document slice: " + slice);
      }
      out.add(new Run(insert.text(), insert.attributes().without(dev.tandem.ot.Formats.AUTHOR)));
    }
    return out;
  }

  private static String text(List<Run> runs) {
    StringBuilder sb = new StringBuilder();
    runs.forEach(r -> sb.append(r.text));
    return sb.toString();
  }

  private static List<Run> clip(List<Run> runs, int from, int to) {
    List<Run> out = new ArrayList<>();
    int pos = 0;
    for (Run r : runs) {
      int a = Math.max(from, pos);
      int b = Math.min(to, pos + r.text.length());
      if (a < b) {
        out.add(new Run(r.text.substring(a - pos, b - pos), r.attributes));
      }
      pos += r.text.length();
    }
    return out;
  }
}
