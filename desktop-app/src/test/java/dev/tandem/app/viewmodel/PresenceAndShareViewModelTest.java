package dev.tandem.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.app.testing.FakeClock;
import dev.tandem.app.testing.RecordingSession;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.Role;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.ChangeOrigin;
import dev.tandem.sync.Outcome;
import dev.tandem.sync.RoomLink;
import dev.tandem.sync.SyncError;
import dev.tandem.sync.SyncSession.State;
import dev.tandem.sync.SyncStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RoomViewModel's presence and sharing without the FX toolkit: typing hints, join/leave notices,
 * the reconnect countdown, the "Connecting…" gate, and the owner's key rotation and removal.
 */
class PresenceAndShareViewModelTest {
  private static final String ROOM = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String LINK = "tandem://127.0.0.1:9/" + ROOM + "?key=aaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String BO_ID = "bbbbbbbbbbbbbbbbbbbbbbbbba";
  private static final String CY_ID = "cccccccccccccccccccccccccq";
  private static final String NEW_EDIT = "dddddddddddddddddddddddddq";
  private static final String NEW_VIEW = "eeeeeeeeeeeeeeeeeeeeeeeeea";
  private static final PeerInfo BO = new PeerInfo(BO_ID, new User("Bo", "#1e88e5"), Role.EDIT);
  private static final PeerInfo CY = new PeerInfo(CY_ID, new User("Cy", "#43a047"), Role.VIEW);

  private final FakeClock clock = new FakeClock();
  private RecordingSession session;
  private RoomViewModel vm;

  @BeforeEach
  void setUp() {
    session = new RecordingSession();
    vm = new RoomViewModel(new RoomRequest(RoomLink.parse(LINK), LINK, null, false),
        new User("Ana", "#e91e63"), (link, user, listener) -> session, clock);
    vm.connect();
  }

  private static SyncStatus status(State state, Role role) {
    return new SyncStatus(state, 0, Optional.empty(), 5, Optional.of(role), false, false);
  }

  private static Delta insertBy(String author, String text) {
    return Delta.builder().retain(3).insert(text, Attributes.of(Formats.AUTHOR, author)).build();
  }

  private Participant row(String id) {
    return vm.participants().participants().stream().filter(p -> p.clientId().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aPeerIsTypingForAFewSecondsAfterItsLastInsert() {
    vm.onPeerJoined(BO);
    vm.onPeerJoined(CY);
    vm.onStatus(status(State.OPEN, Role.EDIT));
    vm.onChange(insertBy(BO_ID, "x"), ChangeOrigin.REMOTE);
    assertThat(row(BO_ID).typing()).isTrue();
    assertThat(row(BO_ID).label()).isEqualTo("Bo — typing…");
    assertThat(row(CY_ID).typing()).isFalse();
    assertThat(row(CY_ID).label()).isEqualTo("Cy (reading)");
    clock.advance(Duration.ofSeconds(2));
    vm.onChange(insertBy(BO_ID, "y"), ChangeOrigin.REMOTE); // still typing: the window restarts
    clock.advance(Duration.ofSeconds(2));
    vm.tick();
    assertThat(row(BO_ID).typing()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    vm.tick();
    assertThat(row(BO_ID).typing()).isFalse();
    // a deletion names no author; our own undo is not someone typing
    vm.onChange(Delta.builder().retain(2).delete(1).build(), ChangeOrigin.REMOTE);
    vm.onChange(insertBy(BO_ID, "z"), ChangeOrigin.UNDO);
    assertThat(row(BO_ID).typing()).isFalse();
  }

  @Test
  void joinsAndLeavesAreAnnouncedButNotTheWelcomeListOrAReconnect() {
    vm.onPeerJoined(BO); // in the first welcome: already there
    vm.onStatus(status(State.OPEN, Role.EDIT));
    assertThat(vm.participants().noticeProperty().get()).isEmpty();
    vm.onPeerJoined(CY);
    assertThat(vm.participants().noticeProperty().get()).isEqualTo("Cy joined");
    assertThat(vm.peopleTextProperty().get()).isEqualTo("3 people here");
    clock.advance(ParticipantsViewModel.NOTICE_TIME);
    vm.tick();
    assertThat(vm.participants().noticeProperty().get()).isEmpty();

    // our socket drops: the session reports everyone gone, then RECONNECTING; then the welcome
    vm.onPeerLeft(BO);
    vm.onPeerLeft(CY);
    vm.onStatus(status(State.RECONNECTING, Role.EDIT));
    vm.tick();
    assertThat(vm.participants().noticeProperty().get()).isEmpty();
    vm.onPeerJoined(BO);
    vm.onPeerJoined(CY);
    vm.onStatus(status(State.OPEN, Role.EDIT));
    vm.tick();
    assertThat(vm.participants().noticeProperty().get()).isEmpty();
    assertThat(vm.participants().participants()).hasSize(2);

    // a real leave
    vm.onPeerLeft(CY);
    vm.tick();
    assertThat(vm.participants().noticeProperty().get()).isEqualTo("Cy left");
    assertThat(vm.peopleTextProperty().get()).isEqualTo("2 people here");

    // the session stops for good (removed, keys changed): nobody is known to be here
    vm.onStatus(status(State.FAILED, Role.EDIT));
    assertThat(vm.participants().participants()).isEmpty();
    assertThat(vm.peers()).isEmpty();
    assertThat(vm.peopleTextProperty().get()).isEqualTo("Just you");
  }

  @Test
  void theSameNoticeWhileItStillShowsIsHeardAgain() {
    vm.onStatus(status(State.OPEN, Role.EDIT));
    java.util.List<String> heard = new java.util.ArrayList<>();
    vm.participants().noticeProperty().addListener((o, was, now) -> heard.add(now));
    vm.onPeerJoined(CY);
    vm.onPeerLeft(CY); // a leave is held until the next tick...
    vm.onPeerJoined(CY); // ...and Cy is back before it: "Cy joined" again, while it still shows
    assertThat(heard.stream().filter(n -> !n.isEmpty())).containsExactly("Cy joined", "Cy joined");
    assertThat(vm.participants().noticeProperty().get()).isEqualTo("Cy joined");
  }

  @Test
  void theStatusCountsDownToTheNextAttempt() {
    vm.onStatus(status(State.OPEN, Role.EDIT));
    Instant at = clock.instant().plusMillis(4_200);
    vm.onStatus(new SyncStatus(State.RECONNECTING, 2, Optional.empty(), 5, Optional.of(Role.EDIT),
        false, false, Optional.of(at)));
    assertThat(vm.statusTextProperty().get()).isEqualTo("Reconnecting in 5 s…");
    assertThat(vm.pendingTextProperty().get()).isEqualTo("2 edits not yet on the server");
    clock.advance(Duration.ofMillis(1_200));
    vm.tick();
    assertThat(vm.statusTextProperty().get()).isEqualTo("Reconnecting in 3 s…");
    clock.advance(Duration.ofMillis(2_999));
    vm.tick();
    assertThat(vm.statusTextProperty().get()).isEqualTo("Reconnecting in 1 s…");
    clock.advance(Duration.ofMillis(1));
    vm.tick();
    assertThat(vm.statusTextProperty().get()).as("the attempt is due").isEqualTo("Reconnecting…");
    // the attempt is under way: no countdown
    vm.onStatus(status(State.RECONNECTING, Role.EDIT));
    assertThat(vm.statusTextProperty().get()).isEqualTo("Reconnecting…");
    vm.onStatus(status(State.CLOSED, Role.EDIT));
    assertThat(vm.statusTextProperty().get()).isEqualTo("Offline");
  }

  @Test
  void theEditorWaitsForTheFirstDocument() {
    assertThat(vm.hasDocumentProperty().get()).isFalse();
    vm.onStatus(SyncStatus.initial());
    assertThat(vm.hasDocumentProperty().get()).isFalse();
    vm.onStatus(new SyncStatus(State.RECONNECTING, 0, Optional.empty(), 0, Optional.empty(), false, false));
    assertThat(vm.hasDocumentProperty().get()).as("refused connection, no welcome yet").isFalse();
    vm.onStatus(status(State.OPEN, Role.EDIT));
    assertThat(vm.hasDocumentProperty().get()).isTrue();
    vm.onStatus(status(State.RECONNECTING, Role.EDIT));
    assertThat(vm.hasDocumentProperty().get()).as("offline edits are fine once it had a document").isTrue();

    RoomViewModel restored = new RoomViewModel(new RoomRequest(RoomLink.parse(LINK), LINK, null, false),
        new User("Ana", "#e91e63"), (link, user, listener) -> new RecordingSession(), clock);
    restored.connect();
    restored.onStatus(new SyncStatus(State.CONNECTING, 3, Optional.empty(), 12, Optional.empty(), false, false));
    assertThat(restored.hasDocumentProperty().get()).as("restored from the journal").isTrue();
  }

  @Test
  void onlyTheOwnerSeesOwnerActionsAndRotationShowsNewLinksInTheSameForm() {
    vm.onStatus(status(State.OPEN, Role.EDIT));
    assertThat(vm.share().ownerProperty().get()).isFalse();
    vm.onStatus(status(State.OPEN, Role.ADMIN));
    assertThat(vm.share().ownerProperty().get()).isTrue();
    assertThat(vm.roleProperty().get()).isEqualTo(Role.ADMIN);

    vm.share().rotateKeys();
    assertThat(session.rotations).containsExactly(Set.of(Role.EDIT, Role.VIEW));
    assertThat(vm.share().rotatingProperty().get()).isTrue();
    vm.onKeysRotated(Map.of(Role.EDIT, NEW_EDIT, Role.VIEW, NEW_VIEW));
    assertThat(vm.share().rotatingProperty().get()).isFalse();
    ShareViewModel.NewLinks links = vm.share().rotatedProperty().get();
    assertThat(links.editLink()).isEqualTo("tandem://127.0.0.1:9/" + ROOM + "?key=" + NEW_EDIT);
    assertThat(links.viewLink()).isEqualTo("tandem://127.0.0.1:9/" + ROOM + "?key=" + NEW_VIEW);
    assertThat(vm.share().editLinkProperty().get()).isEqualTo(links.editLink());
    assertThat(RoomLink.parse(links.viewLink()).key()).isEqualTo(NEW_VIEW);
    assertThat(links.toString()).doesNotContain(NEW_EDIT);
  }

  @Test
  void webLinksStayWebLinks() {
    RoomLink link = RoomLink.parse("https://tandem.example:8443/r/" + ROOM + "#key=aaaaaaaaaaaaaaaaaaaaaaaaaa");
    assertThat(ShareViewModel.linkWithKey("https://tandem.example:8443/r/" + ROOM + "#key=x", link, NEW_EDIT))
        .isEqualTo("https://tandem.example:8443/r/" + ROOM + "#key=" + NEW_EDIT);
  }

  @Test
  void appLinksToATlsServerKeepTheirTlsParameter() {
    String opened = "tandem://tandem.example:8443/" + ROOM + "?key=aaaaaaaaaaaaaaaaaaaaaaaaaa&tls=1";
    RoomLink link = RoomLink.parse(opened);
    String rotated = ShareViewModel.linkWithKey(opened, link, NEW_EDIT);
    assertThat(rotated).isEqualTo("tandem://tandem.example:8443/" + ROOM + "?key=" + NEW_EDIT + "&tls=1");
    assertThat(RoomLink.parse(rotated).webSocketUrl()).isEqualTo("wss://tandem.example:8443/rooms/" + ROOM);
  }

  @Test
  void removingSomeoneIsConfirmedByName() {
    vm.onPeerJoined(BO);
    vm.onStatus(status(State.OPEN, Role.ADMIN));
    vm.share().remove(row(BO_ID));
    assertThat(session.removals).containsExactly(BO_ID);
    vm.onParticipantRemoved(BO_ID);
    vm.onPeerLeft(BO);
    vm.tick();
    assertThat(vm.participants().noticeProperty().get()).isEqualTo("Bo was removed from the room");
    assertThat(vm.participants().participants()).isEmpty();
  }

  @Test
  void refusedOwnerActionsAreSentences() {
    vm.onPeerJoined(BO);
    vm.onStatus(status(State.OPEN, Role.EDIT));
    session.adminOutcome = Outcome.NOT_ADMIN;
    vm.share().rotateKeys();
    assertThat(vm.errorProperty().get()).isEqualTo("Only the room's owner can change the room's keys.");
    assertThat(vm.share().rotatingProperty().get()).isFalse();
    session.adminOutcome = Outcome.NOT_CONNECTED;
    vm.share().remove(row(BO_ID));
    assertThat(vm.errorProperty().get()).startsWith("You're offline, so Tandem can't remove people now.");
    vm.onError(new SyncError(ErrorCode.UNKNOWN_PEER.wire(), "no such peer", false));
    assertThat(vm.errorProperty().get()).isEqualTo("That person had already left the room.");
  }

  @Test
  void aRoomWeJustCreatedShowsItsLinksAndCopiesTheEditLink() {
    String admin = "tandem://127.0.0.1:9/" + ROOM + "?key=fffffffffffffffffffffffffq";
    String edit = "tandem://127.0.0.1:9/" + ROOM + "?key=" + NEW_EDIT;
    String view = "tandem://127.0.0.1:9/" + ROOM + "?key=" + NEW_VIEW;
    java.util.List<String> clipboard = new java.util.ArrayList<>();
    RoomViewModel hosted = new RoomViewModel(new RoomRequest(RoomLink.parse(admin), edit, view, true),
        new User("Ana", "#e91e63"), (link, user, listener) -> new RecordingSession(), clock);
    hosted.share().useClipboard(clipboard::add);
    assertThat(hosted.share().createdProperty().get()).as("before the session").isNull();
    hosted.connect();
    assertThat(hosted.share().createdProperty().get()).isEqualTo(new ShareViewModel.NewLinks(edit, view));
    assertThat(clipboard).containsExactly(edit);
    assertThat(hosted.share().copiedProperty().get()).isEqualTo("Edit link copied");
    hosted.share().copyViewLink();
    assertThat(clipboard).containsExactly(edit, view);
    assertThat(hosted.share().copiedProperty().get()).isEqualTo("Read-only link copied");
    // After a rotation those links are dead: their banner goes, the new links' one comes.
    hosted.onKeysRotated(Map.of(Role.EDIT, "gggggggggggggggggggggggggq", Role.VIEW, "hhhhhhhhhhhhhhhhhhhhhhhhha"));
    assertThat(hosted.share().createdProperty().get()).isNull();
    assertThat(hosted.share().copiedProperty().get()).isEmpty();
    hosted.share().copyEditLink();
    assertThat(clipboard.getLast()).endsWith("?key=gggggggggggggggggggggggggq");
  }

  @Test
  void aRoomWeJoinedCopiesNothingByItself() {
    java.util.List<String> clipboard = new java.util.ArrayList<>();
    RoomViewModel joined = new RoomViewModel(new RoomRequest(RoomLink.parse(LINK), LINK, null, false),
        new User("Ana", "#e91e63"), (link, user, listener) -> new RecordingSession(), clock);
    joined.share().useClipboard(clipboard::add);
    joined.connect();
    assertThat(joined.share().createdProperty().get()).isNull();
    assertThat(clipboard).isEmpty();
    joined.share().copyViewLink(); // unknown: we joined with the edit link
    assertThat(clipboard).isEmpty();
    joined.share().copyEditLink();
    assertThat(clipboard).containsExactly(LINK);
  }
}
