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
  void aTandemLinkWithTlsConnectsWithWss() {
    RoomLink link = RoomLink.parse("tandem://example.org:8443/" + room + "?key=" + key + "&tls=1");
    assertThat(link).isEqualTo(new RoomLink("example.org", 8443, true, room, key));
    assertThat(link.webSocketUrl()).isEqualTo("wss://example.org:8443/rooms/" + room);
    // parameter order does not matter; a missing port is 443 with TLS, 80 without
    assertThat(RoomLink.parse("tandem://example.org/" + room + "?tls=1&key=" + key))
        .isEqualTo(new RoomLink("example.org", 443, true, room, key));
    assertThat(RoomLink.parse("tandem://example.org/" + room + "?key=" + key + "&tls=0"))
        .isEqualTo(new RoomLink("example.org", 80, false, room, key));
    assertThatThrownBy(() -> RoomLink.parse("tandem://example.org/" + room + "?key=" + key + "&tls=yes"))
        .hasMessageContaining("tls parameter");
  }

  @Test
  void formatsBothFormsBackWithTheirTransport() {
    RoomLink secure = new RoomLink("example.org", 8443, true, room, key);
    RoomLink plain = new RoomLink("10.0.0.5", 7070, false, room, key);
    assertThat(secure.appLink()).isEqualTo("tandem://example.org:8443/" + room + "?key=" + key + "&tls=1");
    assertThat(secure.webLink()).isEqualTo("https://example.org:8443/r/" + room + "#key=" + key);
    assertThat(plain.appLink()).isEqualTo("tandem://10.0.0.5:7070/" + room + "?key=" + key);
    assertThat(plain.webLink()).isEqualTo("http://10.0.0.5:7070/r/" + room + "#key=" + key);
    for (RoomLink link : new RoomLink[] {secure, plain}) {
      assertThat(RoomLink.parse(link.appLink())).isEqualTo(link);
      assertThat(RoomLink.parse(link.webLink())).isEqualTo(link);
    }
    String other = Ids.random();
    assertThat(secure.withKey(other)).isEqualTo(new RoomLink("example.org", 8443, true, room, other));
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
