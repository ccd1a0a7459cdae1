package dev.tandem.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.protocol.Values.CommittedOp;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.Range;
import dev.tandem.protocol.Values.User;
import java.io.UncheckedIOException;
import java.util.List;

/** Encoding helpers shared by the two codecs: every frame starts with its {@code type}. */
final class Frames {
  private Frames() {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static ObjectNode start(String type) {
    ObjectNode o = NODES.objectNode();
    o.put("type", type);
    return o;
  }

  static String write(ObjectNode frame) {
    try {
      return Json.MAPPER.writeValueAsString(frame);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot happen: serializing a JSON tree", e);
    }
  }

  static ObjectNode user(User user) {
    return NODES.objectNode().put("name", user.name()).put("color", user.color());
  }

  static ArrayNode ranges(List<Range> ranges) {
    ArrayNode a = NODES.arrayNode();
    ranges.forEach(r -> a.addObject().put("anchor", r.anchor()).put("head", r.head()));
    return a;
  }

  static ObjectNode peer(PeerInfo p) {
    ObjectNode o = NODES.objectNode().put("clientId", p.clientId());
    o.set("user", user(p.user()));
    return o.put("role", p.role().wire());
  }

  static ArrayNode committedOps(List<CommittedOp> ops) {
    ArrayNode a = NODES.arrayNode();
    for (CommittedOp op : ops) {
      a.add(committedOp(op));
    }
    return a;
  }

  static ObjectNode committedOp(CommittedOp op) {
    ObjectNode o = NODES.objectNode().put("rev", op.rev()).put("clientId", op.clientId()).put("seq", op.seq());
    o.set("delta", DeltaJson.toTree(op.delta()));
    return o;
  }
}
