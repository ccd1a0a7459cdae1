package dev.tandem.ot;

import java.util.List;
import java.util.Map;

/**
 * Splits a change too large for one protocol message into a head that fits and the rest, so that
 * {@code head.compose(rest)} equals the change and {@code rest} applies to the document {@code
 * head} leaves. A client sends the head as one op and the rest as the next (docs/protocol.md §6,
 * "Large edits").
 *
 * <p>Sizes are {@link #estimatedBytes estimated} from above: the bytes of the change's JSON
 * ({@code DeltaJson}) in UTF-8, every character at its longest escape, plus a fixed allowance per
 * component. Pure and deterministic: the same change and budget always split the same way, so a
 * client replaying its journal rebuilds the very ops it sent.
 */
public final class ChangeSplit {
  /** Per component: braces, keys ({@code "insert"}, {@code "attributes"} …), quotes, commas, a length. */
  static final int COMPONENT_BYTES = 48;

  private ChangeSplit() {}

  /** A change split in two; {@code rest} is empty when the whole change fits. */
  public record Parts(Delta head, Delta rest) {}

  /** An upper bound of the UTF-8 size of {@code change}'s JSON array. */
  public static long estimatedBytes(Delta change) {
    return 2 + costs(change.ops());
  }

  /**
   * Splits {@code change} so that the head's {@link #estimatedBytes} stay within {@code budget}.
   * The head always changes the document (progress, so that splitting the rest again ends): it
   * holds at least the components up to the first that is not a plain retain, or the first
   * character of that insert (with its low surrogate), even when that alone is over the budget
   * (a component with enormous attributes; then the head is over it).
   *
   * <p>Every part fits a document the whole change fits, final newline included ({@link
   * FinalNewline}): a cut inside inserts that may reach the document's end (those after the
   * change's last retain, or right before a delete) gives the head their end, with the delete,
   * and the rest their beginning ({@link #splitFromEnd}); any other cut leaves the head short of
   * the document's end.
   */
  public static Parts split(Delta change, long budget) {
    List<Op> ops = change.ops();
    long used = 2;
    int headOutput = 0; // length of the document the head's components produce
    boolean changes = false; // the head changes the document: progress made
    Delta.Builder head = Delta.builder();
    boolean retains = change.baseLength() > 0;
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      if (op instanceof Op.Insert && (i == 0 || !(ops.get(i - 1) instanceof Op.Insert))) {
        int end = i; // the inserts at this place are ops[i, end)
        while (end < ops.size() && ops.get(end) instanceof Op.Insert) {
          end++;
        }
        Op.Delete replaced = end < ops.size() && ops.get(end) instanceof Op.Delete d ? d : null;
        int after = replaced != null ? end + 1 : end;
        if ((replaced != null || end == ops.size() && retains) && used + costs(ops.subList(i, after)) > budget) {
          return splitFromEnd(head, budget - used, headOutput, !changes, ops.subList(i, end), replaced,
              ops.subList(after, ops.size()));
        }
      }
      long cost = cost(op);
      if (used + cost <= budget || !changes && !(op instanceof Op.Insert)) {
        head.add(op);
        used += cost;
        headOutput += op instanceof Op.Delete ? 0 : op.length();
        changes |= !(op instanceof Op.Retain retain && retain.attributes().isEmpty());
        continue;
      }
      Delta.Builder rest = Delta.builder();
      if (op instanceof Op.Insert insert) {
        int chars = fittingChars(insert, budget - used, !changes, false);
        if (chars == insert.length()) { // only by the progress rule: one character or pair
          head.add(op);
          used += cost;
          headOutput += chars;
          changes = true;
          continue;
        }
        if (chars > 0) {
          head.insert(insert.text().substring(0, chars), insert.attributes());
          headOutput += chars;
          rest.retain(headOutput).insert(insert.text().substring(chars), insert.attributes());
          i++;
        } else {
          rest.retain(headOutput);
        }
      } else {
        rest.retain(headOutput);
      }
      rest.addAll(ops.subList(i, ops.size()));
      return new Parts(head.build(), rest.build());
    }
    return new Parts(change, Delta.EMPTY);
  }

  private static long costs(List<Op> ops) {
    long bytes = 0;
    for (Op op : ops) {
      bytes += cost(op);
    }
    return bytes;
  }

  /**
   * The cut inside inserts that replace text ({@code replaced}, the delete right after them) or
   * that come after the change's last retain, at {@code position} of the head's output. Either may
   * reach the document's end, where a part fits only if what it leaves last is a {@code "\n"}
   * ({@link FinalNewline}; the server checks each part on its own), and the whole change fits only
   * if those inserts end with one. So the head takes their <i>end</i> and the delete, and the rest
   * inserts their beginning at the same position, before it: head ∘ rest = the change, each part
   * fits wherever the change does, and the first part does not grow the document by what the
   * delete takes away (a replacement that keeps the length stays within {@code maxDocLength}).
   * With no room for any of their characters the head stops before them (progress made already).
   */
  private static Parts splitFromEnd(Delta.Builder head, long room, int position, boolean mustProgress,
      List<Op> inserts, Op.Delete replaced, List<Op> after) {
    long left = room - (replaced == null ? 0 : COMPONENT_BYTES);
    int whole = inserts.size(); // inserts[whole..] go into the head whole
    while (whole > 0 && cost(inserts.get(whole - 1)) <= left) {
      left -= cost(inserts.get(whole - 1));
      whole--;
    }
    int chars = 0; // of inserts[whole - 1], from its end
    if (whole > 0) {
      chars = fittingChars((Op.Insert) inserts.get(whole - 1), left, mustProgress && whole == inserts.size(), true);
    }
    Delta.Builder rest = Delta.builder().retain(position);
    if (whole == inserts.size() && chars == 0) { // none of them: the head stops before them
      rest.addAll(inserts);
      if (replaced != null) {
        rest.add(replaced);
      }
      return new Parts(head.build(), rest.addAll(after).build());
    }
    rest.addAll(inserts.subList(0, Math.max(0, whole - 1)));
    int tailLength = chars;
    if (whole > 0) {
      Op.Insert cut = (Op.Insert) inserts.get(whole - 1);
      String text = cut.text();
      if (chars > 0) {
        head.insert(text.substring(text.length() - chars), cut.attributes());
      }
      if (chars < text.length()) {
        rest.insert(text.substring(0, text.length() - chars), cut.attributes());
      }
    }
    for (Op op : inserts.subList(whole, inserts.size())) {
      head.add(op);
      tailLength += op.length();
    }
    if (replaced != null) {
      head.add(replaced);
    }
    return new Parts(head.build(), rest.retain(tailLength).addAll(after).build());
  }

  /**
   * How many characters of {@code insert}, counted from its start or ({@code fromEnd}) from its
   * end, fit in {@code room} bytes, never splitting a surrogate pair; at least one character (two
   * for a pair) when {@code mustProgress}.
   */
  private static int fittingChars(Op.Insert insert, long room, boolean mustProgress, boolean fromEnd) {
    String text = insert.text();
    int length = text.length();
    long left = room - COMPONENT_BYTES - attributesBytes(insert.attributes());
    int chars = 0;
    while (chars < length) {
      long next = charBytes(text.charAt(fromEnd ? length - 1 - chars : chars));
      if (next > left) {
        break;
      }
      left -= next;
      chars++;
    }
    if (chars == 0 && mustProgress) {
      chars = 1;
    }
    if (chars < length && chars > 0) {
      // The innermost character taken must not be half of a pair whose other half stays out.
      char innermost = text.charAt(fromEnd ? length - chars : chars - 1);
      if (fromEnd ? Character.isLowSurrogate(innermost) : Character.isHighSurrogate(innermost)) {
        chars = chars == 1 && mustProgress ? 2 : chars - 1; // keep the pair together
      }
    }
    return Math.min(chars, length);
  }

  private static long cost(Op op) {
    return switch (op) {
      case Op.Insert insert -> COMPONENT_BYTES + attributesBytes(insert.attributes()) + textBytes(insert.text());
      case Op.Retain retain -> COMPONENT_BYTES + attributesBytes(retain.attributes());
      case Op.Delete delete -> COMPONENT_BYTES;
    };
  }

  private static long attributesBytes(Attributes attributes) {
    long bytes = 0;
    for (Map.Entry<String, Object> e : attributes.asMap().entrySet()) {
      bytes += 6 + textBytes(e.getKey()) + (e.getValue() instanceof String s ? 2 + textBytes(s) : 24);
    }
    return bytes;
  }

  private static long textBytes(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      bytes += charBytes(text.charAt(i));
    }
    return bytes;
  }

  /**
   * At most what one UTF-16 unit takes in JSON text in UTF-8: a control character escaped as
   * {@code \\uXXXX} (6), a quote or backslash escaped (2), ASCII (1), two bytes below U+0800, a
   * surrogate half (a pair is 4 bytes of UTF-8, or two 6-byte escapes in ASCII-only JSON: 6 each),
   * three bytes otherwise.
   */
  private static long charBytes(char c) {
    if (c < 0x20) {
      return 6;
    }
    if (c == '"' || c == '\\') {
      return 2;
    }
    if (c < 0x80) {
      return 1;
    }
    if (c < 0x800) {
      return 2;
    }
    return Character.isSurrogate(c) ? 6 : 3;
  }
}
