package dev.tandem.app.viewmodel;

import dev.tandem.app.session.FailureMessages;
import dev.tandem.app.session.SessionConnector;
import dev.tandem.ot.Delta;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.Role;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.Range;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.ChangeOrigin;
import dev.tandem.sync.ChatMessage;
import dev.tandem.sync.KnownDocument;
import dev.tandem.sync.SyncError;
import dev.tandem.sync.SyncListener;
import dev.tandem.sync.SyncSession;
import dev.tandem.sync.SyncSession.State;
import dev.tandem.sync.SyncStatus;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One open room: connection status, participants, chat, read-only state and errors, as properties
 * the views bind to. It is the session's listener; the session delivers on the FX thread (the app
 * configures {@code FxThread.executor()}), so every property here is owned by that thread. The
 * document itself goes to an {@link EditorPort} the view attaches (the editor bridge).
 */
public final class RoomViewModel implements SyncListener {

  /** Where document changes and remote selections go (implemented by the editor view). */
  public interface EditorPort {
    void applyChange(Delta change, ChangeOrigin origin);

    void selections(PeerInfo peer, List<Range> ranges);

    void peerLeft(PeerInfo peer);
  }

  private final RoomRequest request;
  private final User me;
  private final SessionConnector connector;
  private final InstantSource clock;
  private final ParticipantsViewModel participants;
  private final ShareViewModel share;
  /** The room's document when we just created the room with it; dropped once the session has it. */
  private KnownDocument known;
  private SyncSession session;
  private EditorPort editor;
  private SyncStatus lastStatus = SyncStatus.initial();

  private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.CONNECTING);
  private final StringProperty statusText = new SimpleStringProperty("Connecting…");
  private final StringProperty pendingText = new SimpleStringProperty("");
  private final StringProperty rttText = new SimpleStringProperty("");
  private final IntegerProperty pendingEdits = new SimpleIntegerProperty();
  private final ObservableList<PeerInfo> peers = FXCollections.observableArrayList();
  private final ObservableList<ChatMessage> chat = FXCollections.observableArrayList();
  private final IntegerProperty unread = new SimpleIntegerProperty();
  private final BooleanProperty chatOpen = new SimpleBooleanProperty(false);
  private final BooleanProperty readOnly = new SimpleBooleanProperty(false);
  private final StringProperty error = new SimpleStringProperty("");
  private final BooleanProperty failed = new SimpleBooleanProperty(false);
  private final BooleanProperty showAuthors = new SimpleBooleanProperty(false);
  private final BooleanProperty hasDocument = new SimpleBooleanProperty(false);
  private final ObjectProperty<Role> role = new SimpleObjectProperty<>();
  private boolean everOpen;
  /** The error shown is about the connection and ends when the session is OPEN again. */
  private boolean errorEndsWhenOpen;

  public RoomViewModel(RoomRequest request, User me, SessionConnector connector) {
    this(request, me, connector, InstantSource.system());
  }

  /** {@code clock}: for typing hints, notices and the reconnect countdown (tests pass a fake one). */
  public RoomViewModel(RoomRequest request, User me, SessionConnector connector, InstantSource clock) {
    this.request = request.withoutKnownDocument();
    this.known = request.known();
    this.me = me;
    this.connector = connector;
    this.clock = clock;
    this.participants = new ParticipantsViewModel(clock);
    this.share = new ShareViewModel(request, () -> session, error::set);
    chatOpen.addListener((o, was, open) -> {
      if (open) {
        unread.set(0);
      }
    });
  }

  /** Attach the editor first, then connect. */
  public void attachEditor(EditorPort port) {
    this.editor = port;
  }

  public SyncSession connect() {
    session = known == null ? connector.connect(request.link(), me, this)
        : connector.connect(request.link(), me, this, known);
    known = null;
    share.roomCreated();
    return session;
  }

  public SyncSession session() { return session; }
  public RoomRequest request() { return request; }
  public User me() { return me; }
  public ObjectProperty<State> stateProperty() { return state; }
  public StringProperty statusTextProperty() { return statusText; }
  public StringProperty pendingTextProperty() { return pendingText; }
  public IntegerProperty pendingEditsProperty() { return pendingEdits; }
  public StringProperty rttTextProperty() { return rttText; }
  public StringProperty peopleTextProperty() { return participants.peopleTextProperty(); }
  public ParticipantsViewModel participants() { return participants; }
  public ShareViewModel share() { return share; }
  /** Text tinted by who wrote it (the view remembers the choice in the preferences). */
  public BooleanProperty showAuthorsProperty() { return showAuthors; }
  /**
   * The session has a document to edit: it opened once, it restored its journal, or it started
   * from the document we created the room with.
   * Until then the editor is read-only with a "Connecting…" hint (edits before the first welcome
   * are refused by the session: they could not be rebased onto the snapshot it will bring).
   */
  public BooleanProperty hasDocumentProperty() { return hasDocument; }
  /** The role our key grants, null until the first welcome. */
  public ObjectProperty<Role> roleProperty() { return role; }
  public ObservableList<PeerInfo> peers() { return peers; }
  public ObservableList<ChatMessage> chat() { return chat; }
  public IntegerProperty unreadProperty() { return unread; }
  public BooleanProperty chatOpenProperty() { return chatOpen; }
  public BooleanProperty readOnlyProperty() { return readOnly; }
  public StringProperty errorProperty() { return error; }
  public BooleanProperty failedProperty() { return failed; }

  public void sendChat(String text) {
    if (text == null || text.isBlank() || session == null) {
      return;
    }
    switch (session.sendChat(text.strip())) {
      case NOT_CONNECTED -> error.set("You're offline, so the message wasn't sent. It can be sent once Tandem reconnects.");
      case INVALID -> error.set(FailureMessages.describe(new SyncError(ErrorCode.CHAT_TOO_LONG.wire(), "", false)));
      default -> { }
    }
  }

  public void dismissError() {
    if (!failed.get()) {
      error.set("");
    }
  }

  public void close() {
    if (session != null) {
      session.close();
    }
  }

  @Override
  public void onChange(Delta change, ChangeOrigin origin) {
    if (editor != null) {
      editor.applyChange(change, origin);
    }
    if (origin == ChangeOrigin.RESTORE) {
      // A session delivers a restore only once it has a document it accepts edits on (a journal,
      // a welcome's snapshot, or the document we created the room with), possibly before OPEN.
      hasDocument.set(true);
    }
    if (origin == ChangeOrigin.REMOTE) {
      participants.remoteChange(change);
    }
  }

  @Override
  public void onSelections(PeerInfo peer, List<Range> ranges) {
    if (editor != null) {
      editor.selections(peer, ranges);
    }
  }

  @Override
  public void onPeerJoined(PeerInfo peer) {
    peers.removeIf(p -> p.clientId().equals(peer.clientId()));
    peers.add(peer);
    // Peers listed in a welcome arrive before the session reports OPEN: they were there already.
    participants.joined(peer, state.get() == State.OPEN);
  }

  @Override
  public void onPeerLeft(PeerInfo peer) {
    peers.removeIf(p -> p.clientId().equals(peer.clientId()));
    participants.left(peer);
    if (editor != null) {
      editor.peerLeft(peer);
    }
  }

  @Override
  public void onChat(ChatMessage message) {
    chat.add(message);
    // Before the room first opened, chat comes from welcome.chat: history, not news. (The session
    // delivers it before reporting OPEN; lines missed during a reconnect do count.)
    if (everOpen && !chatOpen.get()
        && (session == null || !message.clientId().equals(session.clientId()))) {
      unread.set(unread.get() + 1);
    }
  }

  @Override
  public void onKeysRotated(Map<Role, String> newKeys) {
    share.keysRotated(newKeys);
  }

  @Override
  public void onParticipantRemoved(String clientId) {
    String name = participants.nameOf(clientId);
    participants.removed(clientId, name == null ? "Someone" : name);
  }

  /** Time passed (the view calls this about twice a second): countdown, typing hints, notices. */
  public void tick() {
    participants.tick();
    statusText.set(statusText(lastStatus));
  }

  @Override
  public void onStatus(SyncStatus status) {
    lastStatus = status;
    if (status.state() != State.OPEN) {
      participants.connectionLost();
    }
    if (status.state().isTerminal()) {
      peers.clear();
      participants.clear();
    }
    state.set(status.state());
    if (status.state() == State.OPEN || status.revision() > 0 || status.pendingEdits() > 0) {
      hasDocument.set(true);
    }
    status.role().ifPresent(r -> {
      role.set(r);
      share.roleIs(r);
    });
    if (status.state() == State.OPEN) {
      everOpen = true;
      if (!failed.get() && errorEndsWhenOpen) {
        error.set("");
        errorEndsWhenOpen = false;
      }
    } else if (status.state() == State.RECONNECTING && !everOpen && error.get().isEmpty()) {
      // The session reports a refused or lost connection only as RECONNECTING (no error): before
      // the room ever opened, that means its server can't be reached. It keeps retrying.
      error.set(FailureMessages.unreachable(request.link().host(), request.link().port()));
      errorEndsWhenOpen = true;
    }
    statusText.set(statusText(status));
    pendingEdits.set(status.pendingEdits());
    pendingText.set(status.pendingEdits() == 0 ? ""
        : status.pendingEdits() == 1 ? "1 edit not yet on the server"
        : status.pendingEdits() + " edits not yet on the server");
    // The last round trip means nothing while disconnected.
    rttText.set(status.state() != State.OPEN ? ""
        : status.roundTrip().map(d -> "RTT " + d.toMillis() + " ms").orElse(""));
    readOnly.set(status.role().map(r -> r == Role.VIEW).orElse(readOnly.get()));
  }

  @Override
  public void onError(SyncError e) {
    if (e.fatal()) {
      failed.set(true);
    }
    if (e.protocolCode().filter(c -> c == ErrorCode.FORBIDDEN).isPresent()) {
      readOnly.set(true);
    }
    error.set(FailureMessages.describe(e));
    errorEndsWhenOpen = !e.fatal() && e.protocolCode().filter(RECONNECTS::contains).isPresent();
  }

  /** Server errors after which the session reconnects by itself: their message ends once it is back. */
  private static final java.util.Set<ErrorCode> RECONNECTS = java.util.EnumSet.of(ErrorCode.SHUTTING_DOWN,
      ErrorCode.STORAGE_FAILED, ErrorCode.INTERNAL, ErrorCode.RATE_LIMITED, ErrorCode.SLOW_CONSUMER);

  /** "Reconnecting in 4 s…" while waiting out the backoff; whole seconds, rounded up. */
  private String statusText(SyncStatus status) {
    return switch (status.state()) {
      case CONNECTING -> "Connecting…";
      case OPEN -> "Connected";
      case RECONNECTING -> status.nextAttempt()
          .map(at -> java.time.Duration.between(clock.instant(), at).toMillis())
          .filter(ms -> ms > 0)
          .map(ms -> "Reconnecting in " + ((ms + 999) / 1000) + " s…")
          .orElse("Reconnecting…");
      case CLOSED -> "Offline";
      case FAILED -> "Disconnected";
    };
  }
}
