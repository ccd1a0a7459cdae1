package dev.tandem.ot;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable map of formatting attributes, with the semantics of Quill's {@code AttributeMap}.
 *
 * <p>Values are JSON scalars: {@link String}, {@link Boolean}, {@link Long}, {@link Double}, or
 * {@code null}. A {@code null} value means "remove this attribute" and is only meaningful on a
 * {@linkplain Op.Retain retain}. Integral numbers are stored as {@code Long} (an integral
 * {@code Double} such as {@code 1.0} becomes {@code 1L}) so that equality matches JSON equality.
 * Keys are kept in sorted order, which makes {@code equals}, {@code hashCode}, {@code toString}
 * and the JSON form canonical.
 *
 * <p>The four static functions mirror Quill's names and never mutate their arguments:
 * <ul>
 *   <li>{@link #compose}: {@code compose(a, b)} is "a, then b"; b's values win.</li>
 *   <li>{@link #diff}: {@code compose(a, diff(a, b), false) = b} (for a, b without nulls).</li>
 *   <li>{@link #invert}: {@code compose(compose(base, attr, false), invert(attr, base), false) = base}.</li>
 *   <li>{@link #transform}: {@code transform(a, b, p)} is b rewritten to apply after a; when a has
 *       priority ({@code p = true}) a's keys win, otherwise b overwrites.</li>
 * </ul>
 */
public final class Attributes {

  /** The empty map. Quill's {@code undefined}. */
  public static final Attributes EMPTY = new Attributes(new TreeMap<>());

  /** Sorted, never mutated after construction; may hold null values (meaning "remove"). */
  private final TreeMap<String, Object> map;
  private final int hash;
  /**
   * Whether some value is null ("remove"), computed once: every {@link Op.Insert} and every
   * builder insert asks, so a scan of the map per call would cost more than the insert itself.
   */
  private final boolean hasRemovals;

  private Attributes(TreeMap<String, Object> map) {
    this.map = map;
    this.hash = map.hashCode();
    this.hasRemovals = map.containsValue(null);
  }

  /** One attribute. */
  public static Attributes of(String key, Object value) {
    return builder().put(key, value).build();
  }

  /** Two attributes. */
  public static Attributes of(String k1, Object v1, String k2, Object v2) {
    return builder().put(k1, v1).put(k2, v2).build();
  }

  /** A copy of {@code values}, validated. {@code null} values are kept (they mean "remove"). */
  public static Attributes of(Map<String, ?> values) {
    Builder b = builder();
    values.forEach(b::put);
    return b.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public boolean isEmpty() {
    return map.isEmpty();
  }

  public int size() {
    return map.size();
  }

  /** True when the key is present, even with a {@code null} ("remove") value. */
  public boolean containsKey(String key) {
    return map.containsKey(key);
  }

  /** The value, or {@code null} when absent or when present as "remove". */
  public Object get(String key) {
    return map.get(key);
  }

  /** Sorted keys. */
  public Set<String> keys() {
    return Collections.unmodifiableSet(map.keySet());
  }

  /** A read-only, sorted view. May contain null values. */
  public Map<String, Object> asMap() {
    return Collections.unmodifiableMap(map);
  }

  /** True when some value is {@code null}, i.e. this map removes an attribute. */
  public boolean hasRemovals() {
    return hasRemovals;
  }

  /** A copy with {@code key} set to {@code value} ({@code null} = remove). */
  public Attributes with(String key, Object value) {
    return builder().putAll(this).put(key, value).build();
  }

  /** A copy without {@code key}. */
  public Attributes without(String key) {
    if (!map.containsKey(key)) {
      return this;
    }
    TreeMap<String, Object> copy = new TreeMap<>(map);
    copy.remove(key);
    return wrap(copy);
  }

  /**
   * Quill's {@code AttributeMap.compose(a, b, keepNull)}: b applied on top of a. Keys of b win;
   * keys only in a are kept. With {@code keepNull = false} b's {@code null} ("remove") values are
   * dropped from the result, as when formatting inserted text; with {@code keepNull = true} they
   * stay, as when composing two retains.
   */
  public static Attributes compose(Attributes a, Attributes b, boolean keepNull) {
    if (a.isEmpty() && (keepNull || !b.hasRemovals())) {
      return b;
    }
    if (b.isEmpty()) {
      // Nothing to apply: a, removals included (they survive whatever keepNull says, as below).
      // The common case of a plain retain over formatted text: no map copied per run.
      return a;
    }
    TreeMap<String, Object> result = new TreeMap<>(b.map);
    if (!keepNull) {
      result.values().removeIf(Objects::isNull);
    }
    for (Map.Entry<String, Object> e : a.map.entrySet()) {
      // a's removals survive too: "remove bold, then add italic" is both.
      if (!b.map.containsKey(e.getKey())) {
        result.put(e.getKey(), e.getValue());
      }
    }
    return wrap(result);
  }

  /**
   * Quill's {@code AttributeMap.diff(a, b)}: what turns a into b. Keys whose values differ map to
   * b's value, or to {@code null} when b lacks the key. Law: {@code compose(a, diff(a, b), false) = b}.
   */
  public static Attributes diff(Attributes a, Attributes b) {
    TreeMap<String, Object> result = new TreeMap<>();
    for (Map.Entry<String, Object> e : a.map.entrySet()) {
      if (!b.map.containsKey(e.getKey()) || !Objects.equals(e.getValue(), b.map.get(e.getKey()))) {
        result.put(e.getKey(), b.map.get(e.getKey()));
      }
    }
    for (Map.Entry<String, Object> e : b.map.entrySet()) {
      if (!a.map.containsKey(e.getKey())) {
        result.put(e.getKey(), e.getValue());
      }
    }
    return wrap(result);
  }

  /**
   * Quill's {@code AttributeMap.invert(attr, base)}: the attributes that undo applying {@code attr}
   * to text formatted with {@code base}. For every key of attr whose value differs from base's,
   * the result restores base's value, or removes the key ({@code null}) when base lacks it.
   * Law: {@code compose(compose(base, attr, false), invert(attr, base), false) = base}.
   */
  public static Attributes invert(Attributes attr, Attributes base) {
    TreeMap<String, Object> result = new TreeMap<>();
    for (Map.Entry<String, Object> e : attr.map.entrySet()) {
      String key = e.getKey();
      boolean same = base.map.containsKey(key) && Objects.equals(e.getValue(), base.map.get(key));
      if (!same) {
        result.put(key, base.map.get(key));
      }
    }
    return wrap(result);
  }

  /**
   * Quill's {@code AttributeMap.transform(a, b, priority)}: b rewritten to apply after a, where a
   * and b were made concurrently on the same text. Without priority b simply overwrites a; with
   * priority (a happened first) b keeps only the keys a does not set.
   */
  public static Attributes transform(Attributes a, Attributes b, boolean priority) {
    if (a.isEmpty() || b.isEmpty()) {
      return b;
    }
    if (!priority) {
      return b;
    }
    TreeMap<String, Object> result = new TreeMap<>();
    for (Map.Entry<String, Object> e : b.map.entrySet()) {
      if (!a.map.containsKey(e.getKey())) {
        result.put(e.getKey(), e.getValue());
      }
    }
    return wrap(result);
  }

  private static Attributes wrap(TreeMap<String, Object> map) {
    return map.isEmpty() ? EMPTY : new Attributes(map);
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof Attributes other && hash == other.hash && map.equals(other.map));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Compact form, e.g. {@code {bold=true, link="https://x"}}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, Object> e : map.entrySet()) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(e.getKey()).append('=');
      Object v = e.getValue();
      sb.append(v instanceof String s
          ? '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"'
          : String.valueOf(v));
    }
    return sb.append('}').toString();
  }

  /** Mutable builder; validates keys and normalizes values. Not thread-safe. */
  public static final class Builder {
    private TreeMap<String, Object> map = new TreeMap<>();

    private Builder() {}

    /**
     * Sets a key. {@code value} must be a String, Boolean, a Number ({@code Integer}, {@code Long},
     * {@code Short}, {@code Byte} become Long; a finite {@code Float} or {@code Double} becomes
     * Double, or Long when integral) or {@code null} (remove).
     *
     * @throws IllegalArgumentException on an empty key or a value of another type
     */
    public Builder put(String key, Object value) {
      if (key == null || key.isEmpty()) {
        throw new IllegalArgumentException("attribute key must be a non-empty string");
      }
      map.put(key, normalize(key, value));
      return this;
    }

    public Builder putAll(Attributes attributes) {
      map.putAll(attributes.map);
      return this;
    }

    public Attributes build() {
      TreeMap<String, Object> built = map;
      map = new TreeMap<>(built);
      return wrap(built);
    }

    private static Object normalize(String key, Object value) {
      return switch (value) {
        case null -> null;
        case String s -> s;
        case Boolean b -> b;
        case Long l -> l;
        case Integer i -> (long) i;
        case Short s -> (long) s;
        case Byte b -> (long) b;
        case Double d -> normalizeDouble(key, d);
        case Float f -> normalizeDouble(key, f.doubleValue());
        default -> throw new IllegalArgumentException("attribute '" + key
            + "' must be a string, boolean, number or null, not " + value.getClass().getSimpleName());
      };
    }

    private static Object normalizeDouble(String key, double d) {
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("attribute '" + key + "' must be a finite number, not " + d);
      }
      if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
        return (long) d;
      }
      return d;
    }
  }
}
