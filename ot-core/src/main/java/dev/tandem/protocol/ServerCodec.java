package dev.tandem.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.ot.Delta;
import dev.tandem.protocol.ServerMessage.Ack;
import dev.tandem.protocol.ServerMessage.Chat;
import dev.tandem.protocol.ServerMessage.Error;
import dev.tandem.protocol.ServerMessage.Keys;
import dev.tandem.protocol.ServerMessage.Ops;
import dev.tandem.protocol.ServerMessage.Peer;
import dev.tandem.protocol.ServerMessage.Presence;
import dev.tandem.protocol.ServerMessage.Removed;
import dev.tandem.protocol.ServerMessage.Welcome;
import dev.tandem.protocol.Values.CommittedOp;
import dev.tandem.protocol.Values.Limits;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.PeerState;
import dev.tandem.protocol.Values.Range;
import dev.tandem.protocol.Values.User;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Frames of {@link ServerMessage}s: encoded by servers, decoded by clients. Stateless and
 * thread-safe. Unknown extra fields are ignored (forward compatibility).
 */
final class ServerCodec {
  private ServerCodec() {}

  /** Upper bound on list sizes a client accepts in one frame; frames are ≤ 1 MiB anyway. */
  private static final int MAX_LIST = 1 << 20;

  static String encode(ServerMessage message) {
    ObjectNode o = Frames.start(message.type());
    switch (message) {
      case Welcome w -> {
        o.put("rev", w.rev());
        w.doc().ifPresent(d -> o.set("doc", DeltaJson.toTree(d)));
        w.ops().ifPresent(ops -> o.set("ops", Frames.committedOps(ops)));
        o.set("you", Frames.peer(w.you()));
        ArrayNode peers = o.putArray("peers");
        w.peers().forEach(p -> peers.add(Frames.peer(p)));
        ArrayNode chat = o.putArray("chat");
        w.chat().forEach(c -> chat.add(chatFields(c, chat.objectNode())));
        Limits l = w.limits();
        o.putObject("limits").put("maxFrameBytes", l.maxFrameBytes()).put("maxDocLength", l.maxDocLength())
            .put("maxClients", l.maxClients()).put("maxFramesPerSecond", l.maxFramesPerSecond())
            .put("maxChatLength", l.maxChatLength());
      }
      case Ack a -> o.put("seq", a.seq()).put("rev", a.rev());
      case Ops ops -> o.set("ops", Frames.committedOps(ops.ops()));
      case Presence p -> o.put("clientId", p.clientId()).put("rev", p.rev()).set("ranges", Frames.ranges(p.ranges()));
      case Peer p -> {
        o.put("clientId", p.clientId());
        o.set("user", Frames.user(p.user()));
        o.put("role", p.role().wire()).put("state", p.state().wire());
      }
      case Chat c -> chatFields(c, o);
      case Error e -> {
        o.put("code", e.code().wire()).put("message", e.message()).put("fatal", e.fatal());
        e.seq().ifPresent(s -> o.put("seq", s));
      }
      case Keys k -> {
        // Role order, so the frame is deterministic.
        new EnumMap<>(k.keys()).forEach((role, key) -> o.put(role.wire(), key));
      }
      case Removed r -> o.put("clientId", r.clientId());
    }
    return Frames.write(o);
  }

  private static ObjectNode chatFields(Chat c, ObjectNode o) {
    o.put("id", c.id()).put("clientId", c.clientId());
    o.set("user", Frames.user(c.user()));
    return o.put("text", c.text()).put("ts", c.ts());
  }

  /** @throws ProtocolException INVALID_JSON, BAD_FRAME, UNKNOWN_TYPE or BAD_DELTA */
  static ServerMessage decode(String frame) {
    FrameReader r = FrameReader.parse(frame);
    return switch (r.type()) {
      case "welcome" -> welcome(r);
      case "ack" -> {
        long seq = r.longInt("seq", 1);
        long rev = r.longInt("rev", 1);
        yield r.build(() -> new Ack(seq, rev));
      }
      case "ops" -> {
        List<CommittedOp> ops = r.objects("ops", MAX_LIST, ServerCodec::committedOp);
        yield r.build(() -> new Ops(ops));
      }
      case "presence" -> {
        String clientId = r.string("clientId");
        long rev = r.longInt("rev", 0);
        List<Range> ranges = r.ranges("ranges");
        yield r.build(() -> new Presence(clientId, rev, ranges));
      }
      case "peer" -> {
        PeerInfo p = peerInfo(r);
        String state = r.string("state");
        PeerState ps = switch (state) {
          case "joined" -> PeerState.JOINED;
          case "left" -> PeerState.LEFT;
          default -> throw r.bad("peer.state must be \"joined\" or \"left\", got \"" + state + "\"");
        };
        yield r.build(() -> new Peer(p.clientId(), p.user(), p.role(), ps));
      }
      case "chat" -> chat(r);
      case "error" -> {
        String wire = r.string("code");
        ErrorCode code = ErrorCode.fromWire(wire)
            .orElseThrow(() -> r.bad("error.code \"" + wire + "\" is not a known error code"));
        String message = r.string("message");
        boolean fatal = r.bool("fatal");
        OptionalLong seq = r.optionalLongInt("seq", 1);
        yield r.build(() -> new Error(code, message, fatal, seq));
      }
      case "keys" -> {
        Map<Role, String> keys = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
          if (r.has(role.wire())) {
            keys.put(role, r.string(role.wire()));
          }
        }
        yield r.build(() -> new Keys(keys));
      }
      case "removed" -> {
        String clientId = r.string("clientId");
        yield r.build(() -> new Removed(clientId));
      }
      default -> throw new ProtocolException(ErrorCode.UNKNOWN_TYPE,
          "unknown server message type \"" + r.type() + "\"");
    };
  }

  private static Welcome welcome(FrameReader r) {
    long rev = r.longInt("rev", 0);
    Optional<Delta> doc = r.has("doc") ? Optional.of(DeltaJson.fromTree(r.node("doc"))) : Optional.empty();
    Optional<List<CommittedOp>> ops = r.has("ops")
        ? Optional.of(r.objects("ops", MAX_LIST, ServerCodec::committedOp)) : Optional.empty();
    PeerInfo you = peerInfo(r.object("you"));
    List<PeerInfo> peers = r.objects("peers", MAX_LIST, ServerCodec::peerInfo);
    List<Chat> chat = r.objects("chat", MAX_LIST, ServerCodec::chat);
    FrameReader l = r.object("limits");
    long maxFrameBytes = l.longInt("maxFrameBytes", 1);
    int maxDocLength = l.intField("maxDocLength", 1);
    int maxClients = l.intField("maxClients", 1);
    int maxFramesPerSecond = l.intField("maxFramesPerSecond", 1);
    int maxChatLength = l.intField("maxChatLength", 1);
    Limits limits = l.build(() -> new Limits(maxFrameBytes, maxDocLength, maxClients, maxFramesPerSecond, maxChatLength));
    return r.build(() -> new Welcome(rev, doc, ops, you, peers, chat, limits));
  }

  private static CommittedOp committedOp(FrameReader r) {
    long rev = r.longInt("rev", 1);
    String clientId = r.string("clientId");
    long seq = r.longInt("seq", 1);
    Delta delta = DeltaJson.fromTree(r.node("delta"));
    return r.build(() -> new CommittedOp(rev, clientId, seq, delta));
  }

  private static PeerInfo peerInfo(FrameReader r) {
    String clientId = r.string("clientId");
    User user = r.user("user");
    String roleWire = r.string("role");
    Role role = Role.fromWire(roleWire)
        .orElseThrow(() -> r.bad("role must be edit, view or admin, got \"" + roleWire + "\""));
    return r.build(() -> new PeerInfo(clientId, user, role));
  }

  private static Chat chat(FrameReader r) {
    String id = r.string("id");
    String clientId = r.string("clientId");
    User user = r.user("user");
    String text = r.string("text");
    long ts = r.longInt("ts", 0);
    return r.build(() -> new Chat(id, clientId, user, text, ts));
  }
}
