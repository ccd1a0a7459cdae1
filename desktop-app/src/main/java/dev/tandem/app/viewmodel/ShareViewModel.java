package dev.tandem.app.viewmodel;

import dev.tandem.protocol.Role;
import dev.tandem.sync.Outcome;
import dev.tandem.sync.RoomLink;
import dev.tandem.sync.SyncSession;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Share menu: the links we know and, for the room's owner (joined with the admin key), key
 * rotation and removing participants. FX thread (through {@link RoomViewModel}); no Node.
 *
 * <p>Rotation replaces the edit and view keys, never the admin key: the owner's own link keeps
 * working. The new links are built in the same form as the link the room was opened with.
 */
public final class ShareViewModel {
  /** The links after a rotation, for the view to show and copy. */
  public record NewLinks(String editLink, String viewLink) {
    @Override
    public String toString() {
      return "NewLinks[<redacted>]";
    }
  }

  /** Where copied links go: the system clipboard in the app, a recorder in tests. */
  @FunctionalInterface
  public interface TextClipboard {
    void put(String text);
  }

  private final RoomRequest request;
  private final Supplier<SyncSession> session;
  private final Consumer<String> error;
  private final StringProperty editLink = new SimpleStringProperty();
  private final StringProperty viewLink = new SimpleStringProperty();
  private final BooleanProperty owner = new SimpleBooleanProperty(false);
  private final BooleanProperty rotating = new SimpleBooleanProperty(false);
  private final ObjectProperty<NewLinks> rotated = new SimpleObjectProperty<>();
  private final ObjectProperty<NewLinks> created = new SimpleObjectProperty<>();
  private final StringProperty copied = new SimpleStringProperty("");
  private TextClipboard clipboard = text -> { };

  ShareViewModel(RoomRequest request, Supplier<SyncSession> session, Consumer<String> error) {
    this.request = request;
    this.session = session;
    this.error = error;
    editLink.set(request.editLink());
    viewLink.set(request.viewLink());
  }

  /** The link that lets people edit; null when unknown (we joined with another key). */
  public StringProperty editLinkProperty() { return editLink; }
  public StringProperty viewLinkProperty() { return viewLink; }
  /** We joined with the admin key: rotation and removal are available. */
  public BooleanProperty ownerProperty() { return owner; }
  /** A rotation was asked for and its answer has not come yet. */
  public BooleanProperty rotatingProperty() { return rotating; }
  /** The links from the last completed rotation (the view shows them). */
  public ObjectProperty<NewLinks> rotatedProperty() { return rotated; }

  /**
   * The links of the room we just created (New room, a file opened into a new room), shown until
   * dismissed; null otherwise.
   */
  public ObjectProperty<NewLinks> createdProperty() { return created; }
  /** What was put on the clipboard last ("Edit link copied"), empty before any copy. */
  public StringProperty copiedProperty() { return copied; }

  /** Where the copy actions put links (the view passes the system clipboard). */
  public void useClipboard(TextClipboard clipboard) {
    this.clipboard = java.util.Objects.requireNonNull(clipboard);
  }

  /** Puts the edit link on the clipboard; nothing when it is unknown. */
  public void copyEditLink() {
    copy(editLink.get(), "Edit link copied");
  }

  /** Puts the read-only link on the clipboard; nothing when it is unknown. */
  public void copyViewLink() {
    copy(viewLink.get(), "Read-only link copied");
  }

  private void copy(String link, String done) {
    if (link != null) {
      clipboard.put(link);
      copied.set(done);
    }
  }

  /**
   * The session for a room this app just created is connecting: its links are shown, and the edit
   * link goes on the clipboard, so that sharing the room is one paste away.
   */
  void roomCreated() {
    if (request.justCreated() && editLink.get() != null) {
      created.set(new NewLinks(editLink.get(), viewLink.get()));
      copyEditLink();
    }
  }

  void roleIs(Role role) {
    owner.set(role == Role.ADMIN);
  }

  /** Replaces the edit and view keys: everyone who joined with them is disconnected. */
  public void rotateKeys() {
    SyncSession s = session.get();
    if (s == null) {
      return;
    }
    Outcome outcome = s.rotateKeys(EnumSet.of(Role.EDIT, Role.VIEW));
    if (outcome == Outcome.ACCEPTED) {
      rotating.set(true);
    } else {
      error.accept(refusal(outcome, "change the room's keys"));
    }
  }

  /** Disconnects a participant (they can come back with their link unless the keys are rotated). */
  public void remove(Participant p) {
    SyncSession s = session.get();
    if (s == null) {
      return;
    }
    Outcome outcome = s.removeParticipant(p.clientId());
    if (outcome != Outcome.ACCEPTED) {
      error.accept(refusal(outcome, "remove people"));
    }
  }

  void keysRotated(Map<Role, String> keys) {
    rotating.set(false);
    RoomLink link = request.link();
    String form = request.editLink() != null ? request.editLink() : request.viewLink();
    if (keys.containsKey(Role.EDIT)) {
      editLink.set(linkWithKey(form, link, keys.get(Role.EDIT)));
    }
    if (keys.containsKey(Role.VIEW)) {
      viewLink.set(linkWithKey(form, link, keys.get(Role.VIEW)));
    }
    created.set(null); // those links no longer work
    copied.set("");
    rotated.set(new NewLinks(editLink.get(), viewLink.get()));
  }

  private static String refusal(Outcome outcome, String what) {
    return switch (outcome) {
      case NOT_ADMIN -> "Only the room's owner can " + what + ".";
      case NOT_CONNECTED -> "You're offline, so Tandem can't " + what + " now. Try again once it has reconnected.";
      case SESSION_CLOSED -> "This room is closed. Open it again to " + what + ".";
      default -> "Tandem couldn't " + what + ".";
    };
  }

  /**
   * A link to the same room with another key, in the form of {@code example} (the link the room
   * was opened with): {@code tandem://host:port/ROOM?key=K} (with {@code &tls=1} for a TLS server),
   * or {@code https|http://host:port/r/ROOM#key=K}.
   */
  static String linkWithKey(String example, RoomLink link, String key) {
    boolean appForm = example == null ? !link.secure()
        : example.strip().toLowerCase(java.util.Locale.ROOT).startsWith("tandem:");
    RoomLink withKey = link.withKey(key);
    return appForm ? withKey.appLink() : withKey.webLink();
  }
}
