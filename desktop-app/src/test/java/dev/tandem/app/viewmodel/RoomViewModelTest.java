package dev.tandem.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.app.testing.RecordingSession;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.Role;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.ChatMessage;
import dev.tandem.sync.Outcome;
import dev.tandem.sync.RoomLink;
import dev.tandem.sync.SyncError;
import dev.tandem.sync.SyncSession.State;
import dev.tandem.sync.SyncStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RoomViewModel without the FX toolkit: a recording session, status and events fed by hand. */
class RoomViewModelTest {
  private static final String LINK = "tandem://127.0.0.1:9/aaaaaaaaaaaaaaaaaaaaaaaaaa?key=aaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final User ME = new User("Ana", "#e91e63");
  private static final User BO = new User("Bo", "#1e88e5");

  private RecordingSession session;
  private RoomViewModel vm;

  @BeforeEach
  void setUp() {
    session = new RecordingSession();
    vm = new RoomViewModel(new RoomRequest(RoomLink.parse(LINK), LINK, null, false), ME,
        (link, user, listener) -> session);
    vm.connect();
  }

  private static SyncStatus status(State state, int pending) {
    return new SyncStatus(state, pending, Optional.of(Duration.ofMillis(42)), 3, Optional.of(Role.EDIT), false, false);
  }

  private ChatMessage chatFrom(String clientId, User user, String text) {
    return new ChatMessage("m-" + text, clientId, user, text, Instant.EPOCH);
  }

  @Test
  void aRestoredDocumentIsEditableBeforeTheRoomIsOpen() {
    // A session started from the document we created the room with delivers it at once, as a
    // restore, and accepts edits on it while it is still connecting.
    assertThat(vm.hasDocumentProperty().get()).isFalse();
    vm.onChange(dev.tandem.ot.Delta.builder().insert("from the file\n").delete(1).build(),
        dev.tandem.sync.ChangeOrigin.REMOTE);
    assertThat(vm.hasDocumentProperty().get()).as("someone else's change says nothing").isFalse();
    vm.onChange(dev.tandem.ot.Delta.builder().insert("from the file\n").delete(1).build(),
        dev.tandem.sync.ChangeOrigin.RESTORE);
    assertThat(vm.hasDocumentProperty().get()).isTrue();
    assertThat(vm.stateProperty().get()).isEqualTo(State.CONNECTING);
  }

  @Test
  void statusTextFollowsTheSessionState() {
    assertThat(vm.statusTextProperty().get()).isEqualTo("Connecting…");
    vm.onStatus(status(State.OPEN, 0));
    assertThat(vm.statusTextProperty().get()).isEqualTo("Connected");
    assertThat(vm.rttTextProperty().get()).isEqualTo("RTT 42 ms");
    vm.onStatus(status(State.RECONNECTING, 0));
    assertThat(vm.statusTextProperty().get()).isEqualTo("Reconnecting…");
    assertThat(vm.rttTextProperty().get()).as("no stale round trip while disconnected").isEmpty();
    vm.onStatus(status(State.CLOSED, 0));
    assertThat(vm.statusTextProperty().get()).isEqualTo("Offline");
    vm.onStatus(status(State.FAILED, 0));
    assertThat(vm.statusTextProperty().get()).isEqualTo("Disconnected");
  }

  @Test
  void pendingEditsText() {
    vm.onStatus(status(State.RECONNECTING, 0));
    assertThat(vm.pendingTextProperty().get()).isEmpty();
    vm.onStatus(status(State.RECONNECTING, 1));
    assertThat(vm.pendingTextProperty().get()).isEqualTo("1 edit not yet on the server");
    assertThat(vm.pendingEditsProperty().get()).isEqualTo(1);
    vm.onStatus(status(State.RECONNECTING, 3));
    assertThat(vm.pendingTextProperty().get()).isEqualTo("3 edits not yet on the server");
    vm.onStatus(status(State.OPEN, 0));
    assertThat(vm.pendingTextProperty().get()).isEmpty();
  }

  @Test
  void historyDeliveredWithTheFirstWelcomeIsNotUnread() {
    // The session delivers welcome.chat before it reports OPEN: that is the room's history.
    vm.onChat(chatFrom("bo", BO, "said before we came"));
    vm.onStatus(status(State.OPEN, 0));
    assertThat(vm.unreadProperty().get()).isZero();
    assertThat(vm.chat()).hasSize(1);
    // Lines missed while reconnecting arrive with a later welcome: they are new to us.
    vm.onStatus(status(State.RECONNECTING, 0));
    vm.onChat(chatFrom("bo", BO, "said while we were away"));
    assertThat(vm.unreadProperty().get()).isEqualTo(1);
  }

  @Test
  void unreadCountsOthersMessagesWhileChatIsClosed() {
    vm.onStatus(status(State.OPEN, 0));
    vm.onChat(chatFrom("bo", BO, "hi"));
    vm.onChat(chatFrom("bo", BO, "there?"));
    assertThat(vm.unreadProperty().get()).isEqualTo(2);
    vm.onChat(chatFrom(session.clientId(), ME, "mine")); // our own line, echoed by the server
    assertThat(vm.unreadProperty().get()).isEqualTo(2);
    vm.chatOpenProperty().set(true);
    assertThat(vm.unreadProperty().get()).isZero();
    vm.onChat(chatFrom("bo", BO, "seen at once"));
    assertThat(vm.unreadProperty().get()).isZero();
    vm.chatOpenProperty().set(false);
    vm.onChat(chatFrom("bo", BO, "later"));
    assertThat(vm.unreadProperty().get()).isEqualTo(1);
    assertThat(vm.chat()).hasSize(5);
  }

  @Test
  void sendChatStripsAndIgnoresBlank() {
    vm.sendChat("  hello  ");
    vm.sendChat("   ");
    assertThat(session.chats).containsExactly("hello");
  }

  @Test
  void sendChatWhileOfflineSaysSo() {
    RecordingSession offline = new RecordingSession();
    offline.chatOutcome = Outcome.NOT_CONNECTED;
    RoomViewModel off = new RoomViewModel(new RoomRequest(RoomLink.parse(LINK), LINK, null, false), ME,
        (link, user, listener) -> offline);
    off.connect();
    off.sendChat("hello");
    assertThat(off.errorProperty().get()).startsWith("You're offline");
  }

  @Test
  void peopleText() {
    assertThat(vm.peopleTextProperty().get()).isEqualTo("Just you");
    PeerInfo bo = new PeerInfo("bo", BO, Role.EDIT);
    vm.onPeerJoined(bo);
    vm.onPeerJoined(bo); // again after a reconnect's welcome: still one
    assertThat(vm.peopleTextProperty().get()).isEqualTo("2 people here");
    vm.onPeerLeft(bo);
    assertThat(vm.peopleTextProperty().get()).isEqualTo("Just you");
  }

  @Test
  void aRoomThatNeverOpenedAndIsRetryingCantBeReached() {
    vm.onStatus(status(State.RECONNECTING, 0));
    assertThat(vm.errorProperty().get()).startsWith("Can't reach the room's computer at 127.0.0.1:9.");
    assertThat(vm.failedProperty().get()).isFalse();
    vm.onStatus(status(State.OPEN, 0));
    assertThat(vm.errorProperty().get()).isEmpty();
  }

  @Test
  void losingAnOpenRoomIsOnlyTheStatusBar() {
    vm.onStatus(status(State.OPEN, 0));
    vm.onStatus(status(State.RECONNECTING, 0));
    assertThat(vm.errorProperty().get()).isEmpty();
    assertThat(vm.statusTextProperty().get()).isEqualTo("Reconnecting…");
  }

  @Test
  void aRestartingServerMessageEndsWhenTheRoomIsBack() {
    vm.onStatus(status(State.OPEN, 0));
    vm.onError(new SyncError(ErrorCode.SHUTTING_DOWN.wire(), "bye", false));
    vm.onStatus(status(State.RECONNECTING, 0));
    assertThat(vm.errorProperty().get()).startsWith("The room's server is restarting.");
    vm.onStatus(status(State.OPEN, 0));
    assertThat(vm.errorProperty().get()).isEmpty();
  }

  @Test
  void aFatalErrorStaysAndStopsEditing() {
    vm.onError(new SyncError(ErrorCode.BAD_KEY.wire(), "no", true));
    vm.onStatus(status(State.FAILED, 0));
    assertThat(vm.failedProperty().get()).isTrue();
    assertThat(vm.errorProperty().get()).startsWith("The key in this link doesn't open this room.")
        .doesNotContain("Exception").doesNotContain("bad-key");
    vm.dismissError();
    assertThat(vm.errorProperty().get()).isNotEmpty();
  }

  @Test
  void aViewKeyOrForbiddenMakesTheRoomReadOnly() {
    vm.onStatus(new SyncStatus(State.OPEN, 0, Optional.empty(), 1, Optional.of(Role.VIEW), false, false));
    assertThat(vm.readOnlyProperty().get()).isTrue();

    RoomViewModel other = new RoomViewModel(new RoomRequest(RoomLink.parse(LINK), LINK, null, false), ME,
        (link, user, listener) -> new RecordingSession());
    other.connect();
    other.onError(new SyncError(ErrorCode.FORBIDDEN.wire(), "view only", false));
    assertThat(other.readOnlyProperty().get()).isTrue();
    assertThat(other.errorProperty().get()).contains("read-only");
    other.dismissError();
    assertThat(other.errorProperty().get()).isEmpty();
  }
}
