package dev.tandem.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.ot.Delta;
import dev.tandem.protocol.ClientMessage.Chat;
import dev.tandem.protocol.ClientMessage.Hello;
import dev.tandem.protocol.ClientMessage.Presence;
import dev.tandem.protocol.ClientMessage.Remove;
import dev.tandem.protocol.ClientMessage.RotateKeys;
import dev.tandem.protocol.ClientMessage.Submit;
import dev.tandem.protocol.Values.Range;
import dev.tandem.protocol.Values.User;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Frames of {@link ClientMessage}s: decoded by servers, encoded by clients. Stateless and
 * thread-safe. Unknown extra fields are ignored (forward compatibility); everything else that is
 * off throws {@link ProtocolException}.
 */
final class ClientCodec {
  private ClientCodec() {}

  static String encode(ClientMessage message) {
    ObjectNode o = Frames.start(message.type());
    switch (message) {
      case Hello h -> {
        o.put("v", h.v()).put("room", h.room()).put("key", h.key()).put("clientId", h.clientId());
        o.set("user", Frames.user(h.user()));
        h.since().ifPresent(s -> o.put("since", s));
        if (h.acksInOps()) {
          o.put("acksInOps", true);
        }
        if (h.pending()) {
          o.put("pending", true);
        }
      }
      case Submit s -> {
        o.put("base", s.base()).put("seq", s.seq());
        o.set("delta", DeltaJson.toTree(s.delta()));
      }
      case Presence p -> o.put("base", p.base()).set("ranges", Frames.ranges(p.ranges()));
      case Chat c -> o.put("text", c.text());
      case RotateKeys r -> {
        ArrayNode roles = o.putArray("roles");
        // Role order, so the frame is deterministic.
        EnumSet.copyOf(r.roles()).forEach(role -> roles.add(role.wire()));
      }
      case Remove r -> o.put("clientId", r.clientId());
    }
    return Frames.write(o);
  }

  /**
   * @throws ProtocolException INVALID_JSON, BAD_FRAME, UNKNOWN_TYPE, BAD_DELTA or
   *     UNSUPPORTED_VERSION; for an {@code op} whose seq was readable, the exception carries it
   */
  static ClientMessage decode(String frame) {
    if (frame != null && frame.startsWith(OP_PREFIX)) {
      Submit op = PlainOpDecoder.decode(frame);
      if (op == null) {
        op = StreamingOpDecoder.decode(frame);
      }
      if (op != null) {
        return op;
      }
    }
    return decodeTree(frame);
  }

  /** How every client encodes an {@code op} frame; only such frames try the streaming path. */
  private static final String OP_PREFIX = "{\"type\":\"op\",";

  /** {@link #decode} through a Jackson tree only: every frame, and every error message. */
  static ClientMessage decodeTree(String frame) {
    FrameReader r = FrameReader.parse(frame);
    return switch (r.type()) {
      case "hello" -> hello(r);
      case "op" -> submit(r);
      case "presence" -> {
        long base = r.longInt("base", 0);
        List<Range> ranges = r.ranges("ranges");
        yield r.build(() -> new Presence(base, ranges));
      }
      case "chat" -> {
        String text = r.string("text");
        yield r.build(() -> new Chat(text));
      }
      case "rotate-keys" -> {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String s : r.strings("roles")) {
          roles.add(Role.fromWire(s).orElseThrow(
              () -> r.bad("rotate-keys.roles: unknown role \"" + s + "\" (edit, view or admin)")));
        }
        yield r.build(() -> new RotateKeys(roles));
      }
      case "remove" -> {
        String clientId = r.id("clientId");
        yield r.build(() -> new Remove(clientId));
      }
      default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE,
          "unknown client message type \"" + r.type() + "\"");
    };
  }

  private static Hello hello(FrameReader r) {
    // The version first: a future hello may differ in every other field.
    int v = r.intField("v", 0);
    if (v != Protocol.PROTOCOL_VERSION) {
      throw new ProtocolException(ErrorCode.UNSUPPORTED_VERSION,
          "protocol version " + v + " is not supported; this server speaks " + Protocol.PROTOCOL_VERSION);
    }
    String room = r.string("room");
    String key = r.string("key");
    String clientId = r.id("clientId");
    User user = r.user("user");
    OptionalLong since = r.optionalLongInt("since", 0);
    boolean acksInOps = r.has("acksInOps") && r.bool("acksInOps");
    boolean pending = r.has("pending") && r.bool("pending");
    return r.build(() -> new Hello(v, room, key, clientId, user, since, acksInOps, pending));
  }

  private static Submit submit(FrameReader r) {
    long seq = r.longInt("seq", 1);
    try {
      long base = r.longInt("base", 0);
      Delta delta = DeltaJson.fromTree(r.node("delta"));
      return r.build(() -> new Submit(base, seq, delta));
    } catch (ProtocolException e) {
      throw e.withSeq(seq);
    }
  }
}
