package dev.tandem.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.PropertyCheck;
import dev.tandem.protocol.Values.CommittedOp;
import dev.tandem.protocol.Values.Limits;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.PeerState;
import dev.tandem.protocol.Values.Range;
import dev.tandem.protocol.Values.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Decoding never fails with anything but {@link ProtocolException}: every field of a sample of
 * every message, at every depth, replaced by every JSON kind; and random text edits of frames.
 */
class MessageCodecRobustnessTest {
  static final String A = Ids.random();
  static final User U = new User("Ana", "#123456");
  static final Delta D = Delta.builder().retain(1).insert("x", Attributes.of("bold", true)).delete(2).build();

  static final List<String> CLIENT_FRAMES = List.of(
      MessageCodec.encode(new ClientMessage.Hello(1, A, A, A, U, OptionalLong.of(3))),
      MessageCodec.encode(new ClientMessage.Submit(2, 3, D)),
      MessageCodec.encode(new ClientMessage.Presence(2, List.of(new Range(1, 2)))),
      MessageCodec.encode(new ClientMessage.Chat("hi")),
      MessageCodec.encode(new ClientMessage.RotateKeys(Set.of(Role.EDIT))),
      MessageCodec.encode(new ClientMessage.Remove(A)));

  static final List<String> SERVER_FRAMES = List.of(
      MessageCodec.encode(ServerMessage.Welcome.snapshot(1, Delta.document("a\n"), new PeerInfo(A, U, Role.EDIT),
          List.of(new PeerInfo(A, U, Role.VIEW)), List.of(new ServerMessage.Chat("i", A, U, "t", 5)), Limits.DEFAULTS)),
      MessageCodec.encode(ServerMessage.Welcome.catchUp(1, List.of(new CommittedOp(1, A, 1, D)),
          new PeerInfo(A, U, Role.EDIT), List.of(), List.of(), Limits.DEFAULTS)),
      MessageCodec.encode(new ServerMessage.Ack(1, 2)),
      MessageCodec.encode(new ServerMessage.Ops(List.of(new CommittedOp(1, A, 1, D)))),
      MessageCodec.encode(new ServerMessage.Presence(A, 1, List.of(new Range(0, 0)))),
      MessageCodec.encode(new ServerMessage.Peer(A, U, Role.ADMIN, PeerState.JOINED)),
      MessageCodec.encode(new ServerMessage.Chat("i", A, U, "t", 5)),
      MessageCodec.encode(ServerMessage.Error.of(ErrorCode.INTERNAL, "x")),
      MessageCodec.encode(new ServerMessage.Keys(Map.of(Role.VIEW, A))),
      MessageCodec.encode(new ServerMessage.Removed(A)));

  static final List<String> REPLACEMENTS =
      List.of("null", "0", "-1", "1.5", "1e400", "9007199254740993", "\"\"", "\"s\"", "true", "[]", "[{}]", "{}");

  @Test void everyFieldReplacedByEveryKind() throws Exception {
    int decoded = 0;
    for (String frame : CLIENT_FRAMES) {
      decoded += mutateAll(frame, MessageCodec::decodeClient);
    }
    for (String frame : SERVER_FRAMES) {
      decoded += mutateAll(frame, MessageCodec::decodeServer);
    }
    assertThat(decoded).isGreaterThan(1000);
  }

  /** For each value node and container in the frame, decodes the frame with it replaced. */
  private static int mutateAll(String frame, Function<String, ?> decode) throws Exception {
    JsonNode root = Json.MAPPER.readTree(frame);
    List<JsonNode> parents = new ArrayList<>();
    collect(root, parents);
    int count = 0;
    for (JsonNode parent : parents) {
      List<Object> slots = new ArrayList<>();
      if (parent instanceof ObjectNode o) {
        o.fieldNames().forEachRemaining(slots::add);
      } else {
        for (int i = 0; i < parent.size(); i++) {
          slots.add(i);
        }
      }
      for (Object slot : slots) {
        JsonNode original = slot instanceof String s ? parent.get(s) : parent.get((Integer) slot);
        for (String replacement : REPLACEMENTS) {
          JsonNode value = Json.MAPPER.readTree(replacement);
          set(parent, slot, value);
          decodeSafely(Json.MAPPER.writeValueAsString(root), decode);
          count++;
        }
        if (parent instanceof ObjectNode o) {
          o.remove((String) slot);
          decodeSafely(Json.MAPPER.writeValueAsString(root), decode);
          count++;
        }
        set(parent, slot, original);
        if (parent instanceof ObjectNode o) {
          // Restore the original field order for the next slot.
          ObjectNode copy = o.deepCopy();
          o.removeAll();
          copy.fieldNames().forEachRemaining(n -> o.set(n, copy.get(n)));
        }
      }
    }
    return count;
  }

  private static void set(JsonNode parent, Object slot, JsonNode value) {
    if (parent instanceof ObjectNode o) {
      o.set((String) slot, value);
    } else {
      ((ArrayNode) parent).set((Integer) slot, value);
    }
  }

  private static void collect(JsonNode node, List<JsonNode> containers) {
    if (node.isContainerNode()) {
      containers.add(node);
      node.forEach(child -> collect(child, containers));
    }
  }

  private static void decodeSafely(String frame, Function<String, ?> decode) {
    try {
      assertThat(decode.apply(frame)).isNotNull();
    } catch (ProtocolException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    } catch (RuntimeException e) {
      throw new AssertionError("decoding " + frame + " threw " + e, e);
    }
  }

  /** Random text edits of valid frames (seeded; a failure prints its seed and the frame). */
  @Test
  void randomTextEditsThrowOnlyProtocolException() {
    List<String> all = new ArrayList<>(CLIENT_FRAMES);
    all.addAll(SERVER_FRAMES);
    PropertyCheck.forAll("text edits decode safely", 2_000, PropertyCheck.baseSeed(), r -> {
      String frame = all.get(r.nextInt(all.size()));
      int at = r.nextInt(frame.length());
      char inserted = (char) r.nextInt(0x80);
      return r.nextBoolean() ? frame.substring(0, at) + frame.substring(at + 1)
          : frame.substring(0, at) + inserted + frame.substring(at);
    }, mutated -> {
      decodeSafely(mutated, MessageCodec::decodeClient);
      decodeSafely(mutated, MessageCodec::decodeServer);
    });
  }
}
