package dev.tandem.protocol;

import dev.tandem.ot.Delta;
import java.util.Objects;

/**
 * Small value types shared by several messages. Constructors check what the codec cannot express
 * in types (non-null, ranges); the codec turns their {@link IllegalArgumentException} into
 * {@link ErrorCode#BAD_FRAME}.
 */
public final class Values {
  private Values() {}

  /** A participant as others see them. {@code color} is {@code #rrggbb}. */
  public record User(String name, String color) {
    public User {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(color, "color");
      if (name.isEmpty() || name.length() > 64) {
        throw new IllegalArgumentException("user.name must have 1 to 64 characters, has " + name.length());
      }
      if (!color.matches("#[0-9a-fA-F]{6}")) {
        throw new IllegalArgumentException("user.color must look like #rrggbb, was \"" + color + "\"");
      }
    }
  }

  /**
   * A selection: {@code anchor} where it started, {@code head} where the caret is; equal for a
   * bare caret. UTF-16 positions in the document at the message's revision.
   */
  public record Range(int anchor, int head) {
    public Range {
      if (anchor < 0 || head < 0) {
        throw new IllegalArgumentException("range positions must be ≥ 0, were " + anchor + ", " + head);
      }
    }
  }

  /**
   * An op as committed: applied to the document at revision {@code rev - 1} it produced
   * revision {@code rev}. {@code (clientId, seq)} identifies it for ever.
   */
  public record CommittedOp(long rev, String clientId, long seq, Delta delta) {
    public CommittedOp {
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(delta, "delta");
      if (rev < 1 || seq < 1) {
        throw new IllegalArgumentException("rev and seq must be ≥ 1, were " + rev + ", " + seq);
      }
    }
  }

  /** Someone in the room. */
  public record PeerInfo(String clientId, User user, Role role) {
    public PeerInfo {
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(role, "role");
    }
  }

  /** Whether a {@code peer} message announces an arrival or a departure. */
  public enum PeerState {
    JOINED("joined"),
    LEFT("left");

    private final String wire;

    PeerState(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  /**
   * The room's limits, sent in {@code welcome} so a client can stay inside them.
   *
   * @param maxFrameBytes largest frame the server reads (UTF-8 bytes); bigger ones close with 1009
   * @param maxDocLength largest document, in UTF-16 code units
   * @param maxClients most simultaneous connections in the room
   * @param maxFramesPerSecond sustained frames per second per connection (bursts up to 4× are allowed)
   * @param maxChatLength longest chat text, in UTF-16 code units
   */
  public record Limits(long maxFrameBytes, int maxDocLength, int maxClients, int maxFramesPerSecond,
      int maxChatLength) {
    /** The defaults of docs/protocol.md. */
    public static final Limits DEFAULTS = new Limits(1 << 20, 10_000_000, 50, 50, 4_000);

    public Limits {
      if (maxFrameBytes < 1 || maxDocLength < 1 || maxClients < 1 || maxFramesPerSecond < 1
          || maxChatLength < 1) {
        throw new IllegalArgumentException("limits must be ≥ 1");
      }
    }
  }
}
