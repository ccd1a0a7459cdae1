package dev.tandem.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.protocol.Ids;
import org.junit.jupiter.api.Test;

class RoomLinkTest {
  final String room = Ids.random();
  final String key = Ids.random();

  @Test
  void parsesTheTandemScheme() {
    RoomLink link = RoomLink.parse("tandem://example.org:7070/" + room + "?key=" + key);
    assertThat(link).isEqualTo(new RoomLink("example.org", 7070, false, room, key));
    assertThat(link.webSocketUrl()).isEqualTo("ws://example.org:7070/rooms/" + room);
  }

  @Test
  void parsesHttpsLinksWithTheKeyInTheFragment() {
    RoomLink link = RoomLink.parse("https://example.org/r/" + room + "#key=" + key);
    assertThat(link.secure()).isTrue();
    assertThat(link.port()).isEqualTo(443);
    assertThat(link.webSocketUrl()).isEqualTo("wss://example.org:443/rooms/" + room);
    assertThat(link.toString()).doesNotContain(key);
  }

  @Test
  void refusesWithClearMessages() {
    assertThatThrownBy(() -> RoomLink.parse("ftp://x/" + room)).hasMessageContaining("scheme");
    assertThatThrownBy(() -> RoomLink.parse("tandem://x:1/" + room)).hasMessageContaining("no key");
    assertThatThrownBy(() -> RoomLink.parse("tandem://x:1/nope?key=" + key)).hasMessageContaining("room id");
    assertThatThrownBy(() -> RoomLink.parse("tandem://x:1/" + room + "?key=short")).hasMessageContaining("malformed");
    assertThatThrownBy(() -> RoomLink.parse("https://x/" + room + "#key=" + key)).hasMessageContaining("/r/");
    assertThatThrownBy(() -> RoomLink.parse("tandem:///" + room + "?key=" + key)).hasMessageContaining("host");
  }
}
