package dev.tandem.app.prefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;

/** What the preferences keep for hosting: the port, and the keys of the rooms hosted here. */
class HostingPreferencesTest {
  private static final String ROOM = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String EDIT = "bbbbbbbbbbbbbbbbbbbbbbbbbq";
  private static final String VIEW = "cccccccccccccccccccccccccq";
  private static final String ADMIN = "dddddddddddddddddddddddddq";
  private final Preferences node = new MemoryPreferences();
  private final UserPreferences prefs = new UserPreferences(node);

  @Test
  void theHostingPortIsFixedUntilChosenAndOnlyAnUnprivilegedPortIsTaken() {
    assertThat(prefs.hostPort()).isEqualTo(UserPreferences.DEFAULT_HOST_PORT);
    prefs.setHostPort(9100);
    assertThat(new UserPreferences(node).hostPort()).isEqualTo(9100);
    assertThatThrownBy(() -> prefs.setHostPort(80)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> prefs.setHostPort(70000)).isInstanceOf(IllegalArgumentException.class);
    node.putInt("hostPort", 0); // written by hand, or by something else
    assertThat(prefs.hostPort()).isEqualTo(UserPreferences.DEFAULT_HOST_PORT);
  }

  @Test
  void aHostedRoomsKeysComeBackAndADamagedEntryIsForgottenNotFatal() {
    prefs.setHostedRoom(new HostedRoomKeys(ROOM, EDIT, VIEW, ADMIN));
    prefs.setLastHostedRoom(ROOM);
    assertThat(prefs.hostedRoom(ROOM)).contains(new HostedRoomKeys(ROOM, EDIT, VIEW, ADMIN));
    assertThat(prefs.lastHostedRoom()).contains(new HostedRoomKeys(ROOM, EDIT, VIEW, ADMIN));
    assertThat(prefs.hostedRoom(ROOM).orElseThrow().toString()).doesNotContain(EDIT).doesNotContain(ADMIN);

    prefs.setHostedRoom(new HostedRoomKeys(ROOM, null, null, ADMIN));
    assertThat(prefs.hostedRoom(ROOM).orElseThrow().editKey()).isNull();
    prefs.setHostedRoom(prefs.hostedRoom(ROOM).orElseThrow().withShareKeys(EDIT, VIEW));
    assertThat(prefs.hostedRoom(ROOM)).contains(new HostedRoomKeys(ROOM, EDIT, VIEW, ADMIN));

    node.put("hosted." + ROOM, "not keys");
    assertThat(prefs.hostedRoom(ROOM)).isEmpty();
    assertThat(prefs.lastHostedRoom()).isEmpty();
  }

  @Test
  void aHostedRoomsKeysGoWhenItsLastRecentEntryGoesUnlessItIsTheLastHostedOne() {
    String first = "tandem://127.0.0.1:7477/" + ROOM + "?key=" + ADMIN;
    String last = "eeeeeeeeeeeeeeeeeeeeeeeeeq";
    prefs.setHostedRoom(new HostedRoomKeys(ROOM, EDIT, VIEW, ADMIN));
    prefs.setHostedRoom(new HostedRoomKeys(last, EDIT, VIEW, ADMIN));
    prefs.setLastHostedRoom(last);
    prefs.addRecentRoom(first);
    prefs.addRecentRoom("tandem://127.0.0.1:7477/" + last + "?key=" + ADMIN);
    prefs.removeRecentRoom("tandem://127.0.0.1:7477/" + last + "?key=" + ADMIN);
    assertThat(prefs.hostedRoom(last)).as("the last hosted room stays reopenable").isPresent();
    prefs.addRecentRoom("tandem://10.0.0.9:7477/" + ROOM + "?key=" + ADMIN); // the same room, now elsewhere
    prefs.removeRecentRoom(first);
    assertThat(prefs.hostedRoom(ROOM)).as("another entry still names the room").isPresent();
    for (int i = 0; i < 8; i++) {
      prefs.addRecentRoom("tandem://192.168.1.20:7070/ffffffffffffffffffffffff" + (char) ('a' + i) + "q?key=" + EDIT);
    }
    assertThat(prefs.recentRooms()).hasSize(8).noneMatch(l -> l.contains(ROOM));
    assertThat(prefs.hostedRoom(ROOM)).as("pushed out of recent rooms: forgotten").isEmpty();
  }
}
