package dev.tandem.bench.load;

/**
 * Reads the two frames a typing client receives by the thousand, {@code ack} and {@code ops},
 * straight from their UTF-8 bytes, keeping only what a length-tracking client needs: the ack's
 * seq and rev; each op's rev and shape (retain and delete lengths, inserted lengths in UTF-16
 * units; attributes and ids skipped, they change no length). It is a real JSON scanner for that
 * subset (strings with escapes, numbers, nested values skipped whatever they hold), not a
 * pattern match; anything else — another type, an unexpected shape, a fractional number, a
 * malformed frame — makes {@link #scan} return {@link Kind#OTHER} and the caller decodes the frame
 * with {@code MessageCodec}.
 *
 * <p>Why: each committed op reaches 31 of the 32 clients, so the generator reads each op ~31 times
 * while the server encodes it once; a Jackson parser per frame made the generator the larger CPU
 * user of the two on a machine they share.
 *
 * <p>The same frame many times: the server encodes a durable batch's {@code ops} frame once and
 * sends those bytes to every participant, so the generator's clients receive byte-identical
 * frames. The scanner keeps copies of the last {@link #SLOTS} distinct frames it read, each with
 * its results, and when a frame equals one of them byte for byte it returns those results instead
 * of reading it again. Several, not one: the one driver thread reads the 32 sockets in the order
 * the selector reports them, and a socket that already holds the next batch's frame too reads
 * both, so the frames of two or three batches interleave (with one slot each interleaving read
 * both frames anew). Every client still handles every op (its revision checks, its own ack, the
 * length), only the JSON is read once per distinct frame rather than once per recipient.
 *
 * <p>Not thread-safe: one per thread; the results are valid until the next {@link #scan}.
 */
final class ServerFrameScanner {
  enum Kind { ACK, OPS, OTHER }

  /** Op shape kinds in {@link #shapeKind}. */
  static final byte RETAIN = 0;
  static final byte INSERT = 1;
  static final byte DELETE = 2;

  /** Thrown (preallocated, no stack) when the frame is not of the handled subset. */
  private static final RuntimeException NOT_FAST = new RuntimeException("not a fast frame", null, false, false) { };

  private byte[] b;
  private int p;
  private int end;

  long ackSeq;
  long ackRev;
  /** Ops of an {@code ops} frame: count, revs, and shapes as [shapeStart[i], shapeStart[i + 1]). */
  int opCount;
  long[] opRev;
  int[] shapeStart;
  /** Each op's seq, and its clientId as the raw bytes [clientIdFrom[i], clientIdTo[i]) of the scanned frame (no escapes). */
  long[] opSeq;
  int[] clientIdFrom;
  int[] clientIdTo;
  byte[] shapeKind;
  int[] shapeLength;
  private int shapeCount;

  /** Distinct frames remembered with their results. */
  static final int SLOTS = 4;
  private final Slot[] slots = new Slot[SLOTS];
  private long uses;
  /** Frames scanned, and those answered from a slot without reading them again. */
  long scans;
  long repeats;

  /**
   * A frame read before, copied (the result fields refer to positions in it), with its kind and
   * results: the scanner's result fields are this slot's while it is the current one.
   */
  private static final class Slot {
    byte[] frame = new byte[4096];
    int length = -1;
    long lastUse;
    Kind kind;
    long ackSeq;
    long ackRev;
    int opCount;
    long[] opRev = new long[64];
    int[] shapeStart = new int[65];
    long[] opSeq = new long[64];
    int[] clientIdFrom = new int[64];
    int[] clientIdTo = new int[64];
    byte[] shapeKind = new byte[256];
    int[] shapeLength = new int[256];
  }

  ServerFrameScanner() {
    for (int i = 0; i < SLOTS; i++) {
      slots[i] = new Slot();
    }
    load(slots[0]);
  }

  Kind scan(byte[] bytes, int offset, int length) {
    scans++;
    Slot oldest = slots[0];
    for (Slot s : slots) {
      if (s.length == length && java.util.Arrays.equals(s.frame, 0, length, bytes, offset, offset + length)) {
        repeats++;
        s.lastUse = ++uses;
        load(s);
        return s.kind;
      }
      if (s.lastUse < oldest.lastUse) {
        oldest = s;
      }
    }
    Slot s = oldest;
    if (s.frame.length < length) {
      s.frame = new byte[Math.max(length, s.frame.length * 2)];
    }
    System.arraycopy(bytes, offset, s.frame, 0, length);
    s.length = length;
    s.lastUse = ++uses;
    load(s);
    b = s.frame;
    p = 0;
    end = length;
    Kind kind;
    try {
      kind = frame();
    } catch (RuntimeException notFast) {
      kind = Kind.OTHER;
    }
    s.kind = kind;
    s.ackSeq = ackSeq;
    s.ackRev = ackRev;
    s.opCount = opCount;
    // the arrays may have grown while reading
    s.opRev = opRev;
    s.shapeStart = shapeStart;
    s.opSeq = opSeq;
    s.clientIdFrom = clientIdFrom;
    s.clientIdTo = clientIdTo;
    s.shapeKind = shapeKind;
    s.shapeLength = shapeLength;
    return kind;
  }

  /** Makes {@code s}'s results the scanner's. */
  private void load(Slot s) {
    b = s.frame;
    ackSeq = s.ackSeq;
    ackRev = s.ackRev;
    opCount = s.opCount;
    opRev = s.opRev;
    shapeStart = s.shapeStart;
    opSeq = s.opSeq;
    clientIdFrom = s.clientIdFrom;
    clientIdTo = s.clientIdTo;
    shapeKind = s.shapeKind;
    shapeLength = s.shapeLength;
  }

  private Kind frame() {
    expect('{');
    if (!key().equals("type")) {
      return Kind.OTHER;
    }
    expect(':');
    String type = stringValue();
    if (type.equals("ack")) {
      ackSeq = -1;
      ackRev = -1;
      while (next('}')) {
        String k = key();
        expect(':');
        switch (k) {
          case "seq" -> ackSeq = ackSeq == -1 ? integer() : fail();
          case "rev" -> ackRev = ackRev == -1 ? integer() : fail();
          default -> throw NOT_FAST;
        }
      }
      return ackSeq > 0 && ackRev > 0 && atEnd() ? Kind.ACK : Kind.OTHER;
    }
    if (!type.equals("ops")) {
      return Kind.OTHER;
    }
    opCount = 0;
    shapeCount = 0;
    boolean sawOps = false;
    while (next('}')) {
      String k = key();
      expect(':');
      if (k.equals("ops") && !sawOps) {
        sawOps = true;
        expect('[');
        for (boolean go = first(']'); go; go = next(']')) {
          op();
        }
      } else {
        throw NOT_FAST;
      }
    }
    return sawOps && opCount > 0 && atEnd() ? Kind.OPS : Kind.OTHER;
  }

  /** One committed op: {@code {"rev":…, …, "delta":{"ops":[…]}}}. */
  private void op() {
    expect('{');
    if (opCount + 1 >= opRev.length) {
      opRev = java.util.Arrays.copyOf(opRev, opRev.length * 2);
      opSeq = java.util.Arrays.copyOf(opSeq, opRev.length);
      clientIdFrom = java.util.Arrays.copyOf(clientIdFrom, opRev.length);
      clientIdTo = java.util.Arrays.copyOf(clientIdTo, opRev.length);
      shapeStart = java.util.Arrays.copyOf(shapeStart, opRev.length + 1);
    }
    long rev = -1;
    long seq = -1;
    int idFrom = -1;
    int idTo = -1;
    int seen = 0; // bits: rev, clientId, seq, delta; each exactly once, nothing else
    shapeStart[opCount] = shapeCount;
    for (boolean go = first('}'); go; go = next('}')) {
      String k = key();
      expect(':');
      int bit = switch (k) {
        case "rev" -> 1;
        case "clientId" -> 2;
        case "seq" -> 4;
        case "delta" -> 8;
        default -> throw NOT_FAST;
      };
      if ((seen & bit) != 0) {
        throw NOT_FAST;
      }
      seen |= bit;
      switch (k) {
        case "rev" -> rev = integer();
        case "clientId" -> {
          ws();
          idFrom = p + 1;
          stringLength();
          idTo = p - 1;
          for (int i = idFrom; i < idTo; i++) {
            if (b[i] == '\\') {
              throw NOT_FAST; // ids need no escapes; an escaped one is left to the decoder
            }
          }
        }
        case "seq" -> seq = integer();
        default -> delta();
      }
    }
    if (rev < 1 || seq < 1 || seen != 15) {
      throw NOT_FAST;
    }
    opSeq[opCount] = seq;
    clientIdFrom[opCount] = idFrom;
    clientIdTo[opCount] = idTo;
    opRev[opCount++] = rev;
    shapeStart[opCount] = shapeCount;
  }

  private void delta() {
    expect('{');
    boolean sawOps = false;
    for (boolean go = first('}'); go; go = next('}')) {
      String k = key();
      expect(':');
      if (!k.equals("ops") || sawOps) {
        throw NOT_FAST;
      }
      sawOps = true;
      expect('[');
      for (boolean more = first(']'); more; more = next(']')) {
        component();
      }
    }
    if (!sawOps) {
      throw NOT_FAST;
    }
  }

  /** {@code {"insert":"…"|"retain":n|"delete":n, "attributes":{…}?}}. */
  private void component() {
    expect('{');
    byte kind = -1;
    int length = 0;
    for (boolean go = first('}'); go; go = next('}')) {
      String k = key();
      expect(':');
      switch (k) {
        case "insert" -> {
          kind = kind < 0 ? INSERT : fail();
          length = stringLength();
        }
        case "retain" -> {
          kind = kind < 0 ? RETAIN : fail();
          length = positiveInt();
        }
        case "delete" -> {
          kind = kind < 0 ? DELETE : fail();
          length = positiveInt();
        }
        case "attributes" -> skipValue();
        default -> throw NOT_FAST;
      }
    }
    if (kind < 0 || length < 1) {
      throw NOT_FAST;
    }
    if (shapeCount == shapeKind.length) {
      shapeKind = java.util.Arrays.copyOf(shapeKind, shapeCount * 2);
      shapeLength = java.util.Arrays.copyOf(shapeLength, shapeCount * 2);
    }
    shapeKind[shapeCount] = kind;
    shapeLength[shapeCount++] = length;
  }

  /** True when op {@code i}'s clientId is {@code id} (ASCII bytes), from the last {@link #scan}'s frame. */
  boolean clientIdIs(int i, byte[] id) {
    int from = clientIdFrom[i];
    return clientIdTo[i] - from == id.length
        && java.util.Arrays.equals(b, from, clientIdTo[i], id, 0, id.length);
  }

  private static byte fail() {
    throw NOT_FAST;
  }

  // ---- the JSON subset ----

  /** Skips whitespace; past the frame's end nothing is left to read (the buffer may hold more frames). */
  private void ws() {
    while (p < end && (b[p] == ' ' || b[p] == '\n' || b[p] == '\r' || b[p] == '\t')) {
      p++;
    }
    if (p >= end) {
      throw NOT_FAST;
    }
  }

  private void expect(char c) {
    ws();
    if (b[p] != c) {
      throw NOT_FAST;
    }
    p++;
  }

  /** After an opening bracket: false (and consumed) if {@code close} follows at once. */
  private boolean first(char close) {
    ws();
    if (b[p] == close) {
      p++;
      return false;
    }
    return true;
  }

  /** After a member: true (comma consumed) if another follows, false once {@code close} was consumed. */
  private boolean next(char close) {
    ws();
    if (b[p] == ',') {
      p++;
      return true;
    }
    if (b[p] == close) {
      p++;
      return false;
    }
    throw NOT_FAST;
  }

  private boolean atEnd() {
    while (p < end && (b[p] == ' ' || b[p] == '\n' || b[p] == '\r' || b[p] == '\t')) {
      p++;
    }
    return p == end;
  }

  /** An object key made of plain ASCII (no escapes), as an interned-size String. */
  private String key() {
    ws();
    if (b[p] != '"') {
      throw NOT_FAST;
    }
    int start = ++p;
    while (b[p] != '"') {
      if (b[p] == '\\' || b[p] < 0) {
        throw NOT_FAST;
      }
      p++;
    }
    String k = keyName(start, p - start);
    p++;
    return k;
  }

  /** The handful of names this scanner branches on, without allocating; others as "". */
  private String keyName(int start, int length) {
    String candidate = switch (length) {
      case 3 -> b[start] == 's' ? "seq" : b[start] == 'r' ? "rev" : b[start] == 'o' ? "ops" : "";
      case 4 -> "type";
      case 5 -> "delta";
      case 6 -> b[start] == 'i' ? "insert" : b[start] == 'r' ? "retain" : b[start] == 'd' ? "delete" : "";
      case 8 -> "clientId";
      case 10 -> "attributes";
      default -> "";
    };
    return candidate.isEmpty() || matches(candidate, start) ? candidate : "";
  }

  private boolean matches(String s, int start) {
    for (int i = 0; i < s.length(); i++) {
      if (b[start + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** A short string value of plain ASCII (the frame type). */
  private String stringValue() {
    ws();
    if (b[p] != '"') {
      throw NOT_FAST;
    }
    int start = ++p;
    while (b[p] != '"') {
      if (b[p] == '\\' || b[p] < 0) {
        throw NOT_FAST;
      }
      p++;
    }
    String s = new String(b, start, p - start, java.nio.charset.StandardCharsets.ISO_8859_1);
    p++;
    return s;
  }

  /** Skips a string value and returns its length in UTF-16 code units. */
  private int stringLength() {
    ws();
    if (b[p] != '"') {
      throw NOT_FAST;
    }
    p++;
    int units = 0;
    while (true) {
      int c = b[p] & 0xFF;
      if (c == '"') {
        p++;
        return units;
      }
      if (c == '\\') {
        p++;
        switch (b[p]) {
          case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> p++;
          case 'u' -> { // one backslash-u escape (four hex digits) is one UTF-16 unit (a pair is written as two escapes)
            for (int i = 1; i <= 4; i++) {
              if (Character.digit(b[p + i], 16) < 0) {
                throw NOT_FAST;
              }
            }
            p += 5;
          }
          default -> throw NOT_FAST;
        }
        units++;
      } else if (c < 0x20) {
        throw NOT_FAST; // control characters must be escaped
      } else if (c < 0x80) {
        p++;
        units++;
      } else if (c >= 0xF0) {
        continuation(3);
        units += 2; // outside the BMP: a surrogate pair
      } else if (c >= 0xE0) {
        continuation(2);
        units++;
      } else if (c >= 0xC0) {
        continuation(1);
        units++;
      } else {
        throw NOT_FAST; // a continuation byte where a character should start
      }
    }
  }

  /** Steps over a UTF-8 lead byte and its {@code count} continuation bytes, checking them. */
  private void continuation(int count) {
    for (int i = 1; i <= count; i++) {
      if ((b[p + i] & 0xC0) != 0x80) {
        throw NOT_FAST;
      }
    }
    p += count + 1;
  }

  private long integer() {
    ws();
    boolean negative = b[p] == '-';
    if (negative) {
      p++;
    }
    int start = p;
    long value = 0;
    while (p < end && b[p] >= '0' && b[p] <= '9') {
      value = value * 10 + (b[p++] - '0');
    }
    int digits = p - start;
    if (digits == 0 || digits > 18 || digits > 1 && b[start] == '0' || p < end && (b[p] == '.' || b[p] == 'e' || b[p] == 'E')) {
      throw NOT_FAST;
    }
    return negative ? -value : value;
  }

  private int positiveInt() {
    long v = integer();
    if (v < 1 || v > Integer.MAX_VALUE) {
      throw NOT_FAST;
    }
    return (int) v;
  }

  private void skipValue() {
    ws();
    switch (b[p]) {
      case '"' -> stringLength();
      case '{' -> {
        p++;
        for (boolean go = first('}'); go; go = next('}')) {
          key();
          expect(':');
          skipValue();
        }
      }
      case '[' -> {
        p++;
        for (boolean go = first(']'); go; go = next(']')) {
          skipValue();
        }
      }
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        integer();
      }
    }
  }

  private void literal(String word) {
    if (!matches(word, p)) {
      throw NOT_FAST;
    }
    p += word.length();
  }
}
