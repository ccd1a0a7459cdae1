package dev.tandem.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.app.host.LocalHost;
import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.app.session.FailureMessages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StartViewModel without the FX toolkit: link validation, recent rooms, hosting failures. */
class StartViewModelTest {
  private static final String ROOM = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String KEY = "bbbbbbbbbbbbbbbbbbbbbbbbbq";

  @TempDir Path temp;
  private Preferences node;
  private UserPreferences prefs;
  private final List<RoomRequest> opened = new ArrayList<>();
  private StartViewModel vm;

  @BeforeEach
  void setUp() {
    node = Preferences.userRoot().node("dev/tandem/test/" + UUID.randomUUID());
    prefs = new UserPreferences(node);
    vm = new StartViewModel(prefs, new LocalHost(temp.resolve("rooms"), "127.0.0.1", "127.0.0.1"),
        Runnable::run, Runnable::run, opened::add);
  }

  @AfterEach
  void tearDown() throws Exception {
    node.removeNode();
  }

  @Test
  void aFileOpensIntoANewHostedRoomWhoseDocumentItIs() throws Exception {
    LocalHost host = new LocalHost(temp.resolve("rooms2"), "127.0.0.1", "127.0.0.1");
    try {
      StartViewModel files = new StartViewModel(prefs, host, Runnable::run, Runnable::run, opened::add);
      Path md = Files.writeString(temp.resolve("plan.md"), "# Plan\n\nStep *one*\n");
      files.openFileIntoNewRoom(md);
      assertThat(files.errorProperty().get()).isEmpty();
      assertThat(files.busyProperty().get()).isFalse();
      assertThat(opened).hasSize(1);
      assertThat(opened.getFirst().hosted()).isTrue();
      // A real session joining the room gets the file's document in its welcome.
      java.util.concurrent.CompletableFuture<dev.tandem.ot.Delta> doc = new java.util.concurrent.CompletableFuture<>();
      try (var session = dev.tandem.sync.SyncSession.connect(opened.getFirst().link(),
          new dev.tandem.protocol.Values.User("T", "#123456"), dev.tandem.sync.SyncConfig.builder().build(),
          new dev.tandem.sync.SyncListener() {
            private dev.tandem.ot.Delta d = dev.tandem.ot.Delta.document("\n");

            @Override
            public void onChange(dev.tandem.ot.Delta change, dev.tandem.sync.ChangeOrigin origin) {
              d = d.compose(change);
              doc.complete(d);
            }
          })) {
        assertThat(doc.get(15, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(dev.tandem.ot.Delta.builder()
            .insert("Plan").insert("\n", dev.tandem.ot.Attributes.of(dev.tandem.ot.Formats.HEADER, 1L))
            .insert("Step ").insert("one", dev.tandem.ot.Attributes.of(dev.tandem.ot.Formats.ITALIC, true)).insert("\n").build());
        // The host's own session starts from what it read: exactly the room's document at revision 0.
        assertThat(opened.getFirst().known()).isEqualTo(new dev.tandem.sync.KnownDocument(0, doc.get()));
      }
    } finally {
      host.close();
    }
  }

  @Test
  void aFileThatCannotBeOpenedIsASentenceAndHostsNothing() throws Exception {
    vm.openFileIntoNewRoom(temp.resolve("nope.md"));
    assertThat(vm.errorProperty().get()).contains("\"nope.md\" doesn't exist");
    Path binary = Files.write(temp.resolve("img.html"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
    vm.openFileIntoNewRoom(binary);
    assertThat(vm.errorProperty().get()).contains("binary");
    assertThat(vm.busyProperty().get()).isFalse();
    assertThat(vm.busyTextProperty().get()).isEmpty();
    assertThat(opened).isEmpty();
  }

  @Test
  void badLinksAreASentenceAndOpenNothing() {
    for (String bad : new String[] {"", "   ", "tandem://nowhere/not-a-room", "hello",
        "https://example.com/", "tandem://127.0.0.1:9/" + ROOM, "ftp://127.0.0.1/r/" + ROOM + "#key=" + KEY}) {
      vm.join(bad);
      assertThat(vm.errorProperty().get()).as(bad).isEqualTo(FailureMessages.BAD_LINK);
    }
    vm.join(null);
    assertThat(vm.errorProperty().get()).isEqualTo(FailureMessages.BAD_LINK);
    assertThat(opened).isEmpty();
    assertThat(vm.recentRooms()).isEmpty();
  }

  @Test
  void bothLinkFormsOpenTheRoomAndAreRemembered() {
    vm.join("tandem://nowhere/not-a-room");
    String app = "tandem://192.168.1.20:7070/" + ROOM + "?key=" + KEY;
    vm.join("  " + app + "\n");
    assertThat(vm.errorProperty().get()).as("a good link clears the old error").isEmpty();
    String web = "https://tandem.example:8443/r/" + ROOM + "#key=" + KEY;
    vm.linkTextProperty().set(web);
    vm.join();
    assertThat(opened).hasSize(2);
    assertThat(opened.get(0).link().host()).isEqualTo("192.168.1.20");
    assertThat(opened.get(0).link().port()).isEqualTo(7070);
    assertThat(opened.get(0).link().roomId()).isEqualTo(ROOM);
    assertThat(opened.get(0).hosted()).isFalse();
    assertThat(opened.get(1).link().host()).isEqualTo("tandem.example");
    assertThat(opened.get(1).link().key()).isEqualTo(KEY);
    assertThat(vm.recentRooms()).containsExactly(web, app);
    assertThat(prefs.recentRooms()).containsExactly(web, app);
    vm.join(app);
    assertThat(vm.recentRooms()).as("most recent first, no duplicates").containsExactly(app, web);
  }

  @Test
  void nameChangesAreSavedButNotBlankOnes() {
    vm.nameProperty().set("Ana");
    vm.nameProperty().set("  ");
    assertThat(prefs.name()).isEqualTo("Ana");
  }

  @Test
  void recentLinksToOneRoomSayWhatTheyAllow() {
    String edit = "tandem://127.0.0.1:9/" + ROOM + "?key=" + KEY;
    String view = "tandem://127.0.0.1:9/" + ROOM + "?key=cccccccccccccccccccccccccq";
    vm.join(edit);
    vm.join(view);
    assertThat(vm.describeRecent(edit)).as("role not known before the room opened once")
        .isEqualTo("Room · aaaaaaaa… on 127.0.0.1:9");
    prefs.setRecentRoomRole(edit, "edit");
    prefs.setRecentRoomRole(view, "view");
    assertThat(vm.describeRecent(edit)).isEqualTo("Can edit · aaaaaaaa… on 127.0.0.1:9");
    assertThat(vm.describeRecent(view)).isEqualTo("Read-only · aaaaaaaa… on 127.0.0.1:9");
    assertThat(vm.describeRecent(view)).doesNotContain("ccccc").doesNotContain(KEY);
  }

  @Test
  void theHostJoinsItsOwnRoomAsOwner() {
    LocalHost host = new LocalHost(temp.resolve("hosted"), "127.0.0.1", "127.0.0.1");
    try {
      StartViewModel hosting = new StartViewModel(prefs, host, Runnable::run, Runnable::run, opened::add);
      hosting.newRoom();
      assertThat(opened).hasSize(1);
      RoomRequest r = opened.getFirst();
      assertThat(r.hosted()).isTrue();
      String joinedKey = r.link().key();
      assertThat(dev.tandem.sync.RoomLink.parse(r.editLink()).key()).isNotEqualTo(joinedKey);
      assertThat(dev.tandem.sync.RoomLink.parse(r.viewLink()).key()).isNotEqualTo(joinedKey);
      String recent = hosting.recentRooms().getFirst();
      assertThat(dev.tandem.sync.RoomLink.parse(recent).key()).isEqualTo(joinedKey);
      assertThat(hosting.describeRecent(recent)).startsWith("Your room (owner) · ");
    } finally {
      host.close();
    }
  }

  @Test
  void hostingThatCannotStartIsASentence() throws Exception {
    Path notADirectory = Files.writeString(temp.resolve("file"), "x");
    StartViewModel broken = new StartViewModel(prefs, new LocalHost(notADirectory.resolve("rooms"), "127.0.0.1", "127.0.0.1"),
        Runnable::run, Runnable::run, opened::add);
    broken.newRoom();
    assertThat(opened).isEmpty();
    assertThat(broken.busyProperty().get()).isFalse();
    assertThat(broken.errorProperty().get()).startsWith("Tandem couldn't start hosting a room on this computer")
        .doesNotContain("\tat ");
  }

  @Test
  void aServerThatDidNotStartAtLaunchIsSaidOnTheStartScreenInWords() throws Exception {
    LocalHost first = new LocalHost(temp.resolve("shared"), "127.0.0.1", "127.0.0.1");
    LocalHost second = new LocalHost(temp.resolve("shared"), "127.0.0.1", "127.0.0.1");
    try {
      first.createRoom();
      Exception atLaunch = org.junit.jupiter.api.Assertions.assertThrows(
          dev.tandem.app.host.HostingFailedException.class, second::startIfHostedBefore);
      vm.hostingFailedAtLaunch(new dev.tandem.app.host.HostClosedException());
      assertThat(vm.errorProperty().get()).as("quitting: nothing to say").isEmpty();
      vm.hostingFailedAtLaunch(atLaunch);
      assertThat(vm.errorProperty().get())
          .startsWith("Tandem couldn't start hosting a room on this computer: another copy of Tandem is hosting rooms from")
          .endsWith("Until it can, links to the rooms you host don't reach this computer.")
          .doesNotContain("Exception");
      vm.join("not a link");
      vm.hostingFailedAtLaunch(atLaunch);
      assertThat(vm.errorProperty().get()).as("what the screen says already stays").isEqualTo(FailureMessages.BAD_LINK);
    } finally {
      second.close();
      first.close();
    }
  }
}
