package dev.tandem.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.protocol.Values.CommittedOp;
import dev.tandem.protocol.Values.Limits;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.PeerState;
import dev.tandem.protocol.Values.Range;
import dev.tandem.protocol.Values.User;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Round trip of every message type: decode(encode(m)) = m, and encode is stable. */
class MessageCodecTest {
  static final String ROOM = Ids.random();
  static final String ME = Ids.random();
  static final String OTHER = Ids.random();
  static final User ANA = new User("Ana", "#e91e63");
  static final User BO = new User("Bo", "#2196F3");
  static final Delta CHANGE = Delta.builder().retain(2).insert("x", Attributes.of("bold", true)).delete(1).build();

  private static void roundTrip(ClientMessage m) {
    String frame = MessageCodec.encode(m);
    assertThat(MessageCodec.decodeClient(frame)).as(frame).isEqualTo(m);
    assertThat(MessageCodec.encode(MessageCodec.decodeClient(frame))).isEqualTo(frame);
    assertThat(frame).startsWith("{\"type\":\"" + m.type() + "\"");
  }

  private static void roundTrip(ServerMessage m) {
    String frame = MessageCodec.encode(m);
    assertThat(MessageCodec.decodeServer(frame)).as(frame).isEqualTo(m);
    assertThat(MessageCodec.encode(MessageCodec.decodeServer(frame))).isEqualTo(frame);
    assertThat(frame).startsWith("{\"type\":\"" + m.type() + "\"");
  }

  @Test void hello() {
    roundTrip(new ClientMessage.Hello(1, ROOM, Ids.random(), ME, ANA, OptionalLong.empty()));
    roundTrip(new ClientMessage.Hello(1, ROOM, Ids.random(), ME, ANA, OptionalLong.of(42)));
    roundTrip(new ClientMessage.Hello(1, ROOM, Ids.random(), ME, ANA, OptionalLong.of(42), true));
  }

  @Test void helloAcksInOpsIsOptionalAndOnlyWrittenWhenTrue() {
    String base = "{\"type\":\"hello\",\"v\":1,\"room\":\"r\",\"key\":\"k\",\"clientId\":\""
        + ME + "\",\"user\":{\"name\":\"Ana\",\"color\":\"#e91e63\"}";
    assertThat(MessageCodec.encode(new ClientMessage.Hello(1, "r", "k", ME, ANA, OptionalLong.empty(), true)))
        .isEqualTo(base + ",\"acksInOps\":true}");
    assertThat(MessageCodec.encode(new ClientMessage.Hello(1, "r", "k", ME, ANA, OptionalLong.empty(), false)))
        .isEqualTo(base + "}");
    assertThat(((ClientMessage.Hello) MessageCodec.decodeClient(base + "}")).acksInOps()).isFalse();
    assertThat(((ClientMessage.Hello) MessageCodec.decodeClient(base + ",\"acksInOps\":null}")).acksInOps()).isFalse();
    assertThat(((ClientMessage.Hello) MessageCodec.decodeClient(base + ",\"acksInOps\":false}")).acksInOps()).isFalse();
    assertThat(((ClientMessage.Hello) MessageCodec.decodeClient(base + ",\"acksInOps\":true}")).acksInOps()).isTrue();
    assertThatThrownBy(() -> MessageCodec.decodeClient(base + ",\"acksInOps\":1}"))
        .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME));
  }

  @Test void helloPendingIsOptionalAndOnlyWrittenWhenTrue() {
    String base = "{\"type\":\"hello\",\"v\":1,\"room\":\"r\",\"key\":\"k\",\"clientId\":\""
        + ME + "\",\"user\":{\"name\":\"Ana\",\"color\":\"#e91e63\"},\"since\":3";
    var pending = new ClientMessage.Hello(1, "r", "k", ME, ANA, OptionalLong.of(3), true, true);
    assertThat(MessageCodec.encode(pending)).isEqualTo(base + ",\"acksInOps\":true,\"pending\":true}");
    roundTrip(pending);
    assertThat(MessageCodec.encode(new ClientMessage.Hello(1, "r", "k", ME, ANA, OptionalLong.of(3), false, false)))
        .isEqualTo(base + "}");
    assertThat(((ClientMessage.Hello) MessageCodec.decodeClient(base + "}")).pending()).isFalse();
    assertThat(((ClientMessage.Hello) MessageCodec.decodeClient(base + ",\"pending\":true}")).pending()).isTrue();
    assertThatThrownBy(() -> MessageCodec.decodeClient(base + ",\"pending\":\"yes\"}"))
        .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME));
  }

  @Test void helloExactFrame() {
    var h = new ClientMessage.Hello(1, "r", "k", ME, ANA, OptionalLong.of(7));
    assertThat(MessageCodec.encode(h)).isEqualTo("{\"type\":\"hello\",\"v\":1,\"room\":\"r\",\"key\":\"k\",\"clientId\":\""
        + ME + "\",\"user\":{\"name\":\"Ana\",\"color\":\"#e91e63\"},\"since\":7}");
    assertThat(h.toString()).doesNotContain("\"k\"").contains("<redacted>");
  }

  @Test void op() {
    roundTrip(new ClientMessage.Submit(0, 1, Delta.document("Hello\n")));
    roundTrip(new ClientMessage.Submit(17, 5, CHANGE));
  }

  @Test void clientPresence() {
    roundTrip(new ClientMessage.Presence(3, List.of(new Range(0, 4), new Range(9, 9))));
    roundTrip(new ClientMessage.Presence(3, List.of()));
  }

  @Test void clientChat() {
    roundTrip(new ClientMessage.Chat("hi 😀 \"there\""));
  }

  @Test void rotateKeys() {
    roundTrip(new ClientMessage.RotateKeys(Set.of(Role.EDIT, Role.VIEW)));
    roundTrip(new ClientMessage.RotateKeys(EnumSet.allOf(Role.class)));
  }

  @Test void remove() {
    roundTrip(new ClientMessage.Remove(OTHER));
  }

  @Test void welcomeSnapshot() {
    ServerMessage.Chat line = new ServerMessage.Chat("c1", OTHER, BO, "hello", 1_765_000_000_000L);
    roundTrip(ServerMessage.Welcome.snapshot(12, Delta.document("Hi\n"), new PeerInfo(ME, ANA, Role.EDIT),
        List.of(new PeerInfo(OTHER, BO, Role.VIEW)), List.of(line), Limits.DEFAULTS));
  }

  @Test void welcomeCatchUp() {
    roundTrip(ServerMessage.Welcome.catchUp(12,
        List.of(new CommittedOp(11, OTHER, 3, CHANGE), new CommittedOp(12, ME, 9, Delta.document("a"))),
        new PeerInfo(ME, ANA, Role.ADMIN), List.of(), List.of(), Limits.DEFAULTS));
    roundTrip(ServerMessage.Welcome.catchUp(12, List.of(), new PeerInfo(ME, ANA, Role.EDIT),
        List.of(), List.of(), Limits.DEFAULTS));
  }

  @Test void ack() {
    roundTrip(new ServerMessage.Ack(4, 99));
  }

  @Test void ops() {
    roundTrip(new ServerMessage.Ops(List.of(new CommittedOp(5, OTHER, 1, CHANGE))));
  }

  @Test void serverPresence() {
    roundTrip(new ServerMessage.Presence(OTHER, 8, List.of(new Range(3, 1))));
  }

  @Test void peer() {
    roundTrip(new ServerMessage.Peer(OTHER, BO, Role.EDIT, PeerState.JOINED));
    roundTrip(new ServerMessage.Peer(OTHER, BO, Role.VIEW, PeerState.LEFT));
  }

  @Test void serverChat() {
    roundTrip(new ServerMessage.Chat("m-1", OTHER, BO, "line\nbreak", 0));
  }

  @Test void error() {
    roundTrip(ServerMessage.Error.of(ErrorCode.FORBIDDEN, "viewers cannot edit"));
    roundTrip(new ServerMessage.Error(ErrorCode.LENGTH_MISMATCH, "change covers 9, document has 4",
        false, OptionalLong.of(3)));
    roundTrip(new ProtocolException(ErrorCode.BAD_BASE, "base 9 > head 4").toErrorMessage());
  }

  @Test void keys() {
    roundTrip(new ServerMessage.Keys(Map.of(Role.VIEW, Ids.random(), Role.EDIT, Ids.random())));
    assertThat(new ServerMessage.Keys(Map.of(Role.ADMIN, "secret")).toString()).doesNotContain("secret");
  }

  @Test void removed() {
    roundTrip(new ServerMessage.Removed(OTHER));
  }

  @Test void unknownExtraFieldsAreIgnored() {
    ClientMessage m = MessageCodec.decodeClient(
        "{\"type\":\"chat\",\"text\":\"hi\",\"future\":{\"x\":[1,2]},\"also\":null}");
    assertThat(m).isEqualTo(new ClientMessage.Chat("hi"));
    ServerMessage s = MessageCodec.decodeServer("{\"rev\":2,\"seq\":1,\"type\":\"ack\",\"extra\":true}");
    assertThat(s).isEqualTo(new ServerMessage.Ack(1, 2));
  }

  @Test void nullSinceMeansAbsent() {
    ClientMessage m = MessageCodec.decodeClient("{\"type\":\"hello\",\"v\":1,\"room\":\"r\",\"key\":\"k\",\"clientId\":\""
        + ME + "\",\"user\":{\"name\":\"A\",\"color\":\"#000000\"},\"since\":null}");
    assertThat(((ClientMessage.Hello) m).since()).isEmpty();
  }

  @Test void idsAreWellFormed() {
    for (int i = 0; i < 1000; i++) {
      assertThat(Ids.isValid(Ids.random())).isTrue();
    }
    assertThat(Ids.encode(new byte[16])).isEqualTo("aaaaaaaaaaaaaaaaaaaaaaaaaa");
    byte[] ones = new byte[16];
    java.util.Arrays.fill(ones, (byte) 0xff);
    assertThat(Ids.encode(ones)).isEqualTo("77777777777777777777777774");
    assertThat(Ids.isValid("7777777777777777777777777z")).isFalse();
    assertThat(Ids.isValid("AAAAAAAAAAAAAAAAAAAAAAAAAA")).isFalse();
    assertThat(Ids.isValid(null)).isFalse();
  }
}
