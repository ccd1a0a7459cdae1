package dev.tandem.app.viewmodel;

import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import dev.tandem.ot.Op;
import dev.tandem.protocol.Values.PeerInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Who is in the room, who is typing, and short join/leave notices. Owned by the FX thread (through
 * {@link RoomViewModel}); time comes from an injected clock and advances through {@link #tick}, so
 * tests run without the toolkit and without sleeping.
 *
 * <p>"Typing" is derived here, with no protocol support: a remote change whose inserted text
 * carries a peer's {@code author} (server-stamped, docs/protocol.md §3) marks that peer as typing
 * for {@link #TYPING_WINDOW}. Deletions and formatting carry no author, so they do not count.
 *
 * <p>Notices: a join is announced only while the room is open (the peers listed in a welcome,
 * first or after a reconnect, were there already); a leave is held until the next tick and dropped
 * if the connection was lost meanwhile (losing our socket reports everyone as gone).
 */
public final class ParticipantsViewModel {
  /** A peer counts as typing this long after its last insert. */
  public static final Duration TYPING_WINDOW = Duration.ofSeconds(3);
  /** A notice stays this long. */
  public static final Duration NOTICE_TIME = Duration.ofSeconds(5);

  private final InstantSource clock;
  private final ObservableList<Participant> participants = FXCollections.observableArrayList();
  private final StringProperty notice = new SimpleStringProperty("");
  private final StringProperty peopleText = new SimpleStringProperty("Just you");
  /** Last insert seen from each peer. */
  private final Map<String, Instant> lastTyped = new HashMap<>();
  /** Leaves not yet announced: announced at the next tick unless the connection was lost. */
  private final Map<String, PeerInfo> pendingLeaves = new LinkedHashMap<>();
  /** Removed by the owner: their leave (before or after the confirmation) is not announced. */
  private final java.util.Set<String> removedIds = new java.util.HashSet<>();
  /** Names of everyone seen in this room, so that a confirmation after a leave can name them. */
  private final Map<String, String> names = new HashMap<>();
  private Instant noticeUntil = Instant.MIN;

  public ParticipantsViewModel(InstantSource clock) {
    this.clock = clock;
  }

  public ObservableList<Participant> participants() { return participants; }
  public StringProperty noticeProperty() { return notice; }
  public StringProperty peopleTextProperty() { return peopleText; }

  /** {@code announce}: the room is open, so this is news (not a welcome's list). */
  public void joined(PeerInfo peer, boolean announce) {
    pendingLeaves.remove(peer.clientId());
    names.put(peer.clientId(), peer.user().name());
    int i = indexOf(peer.clientId());
    if (i >= 0) {
      participants.set(i, new Participant(peer, participants.get(i).typing()));
    } else {
      participants.add(new Participant(peer, false));
      if (announce) {
        say(peer.user().name() + " joined");
      }
    }
    updatePeople();
  }

  public void left(PeerInfo peer) {
    int i = indexOf(peer.clientId());
    if (i >= 0) {
      participants.remove(i);
      if (!removedIds.remove(peer.clientId())) {
        pendingLeaves.put(peer.clientId(), peer);
      }
    }
    lastTyped.remove(peer.clientId());
    updatePeople();
  }

  /** The session ended for good: nobody is known to be here any more (no notice). */
  public void clear() {
    participants.clear();
    pendingLeaves.clear();
    lastTyped.clear();
    updatePeople();
  }

  /** Our connection is gone: the leaves reported with it are not news. */
  public void connectionLost() {
    pendingLeaves.clear();
  }

  /** The owner removed someone: said at once, and their leave is not announced again. */
  public void removed(String clientId, String name) {
    if (pendingLeaves.remove(clientId) == null && indexOf(clientId) >= 0) {
      removedIds.add(clientId); // its leave is still to come
    }
    say(name + " was removed from the room");
  }

  /** A remote change: every peer whose text it inserts is typing. */
  public void remoteChange(Delta change) {
    Instant now = clock.instant();
    for (Op op : change) {
      if (op instanceof Op.Insert ins && ins.attributes().get(Formats.AUTHOR) instanceof String author) {
        lastTyped.put(author, now);
        setTyping(author, true);
      }
    }
  }

  /** Time passed (the view calls this about twice a second): typing hints and notices expire. */
  public void tick() {
    Instant now = clock.instant();
    if (!pendingLeaves.isEmpty()) {
      List<String> names = new ArrayList<>();
      pendingLeaves.values().forEach(p -> names.add(p.user().name()));
      pendingLeaves.clear();
      say(String.join(", ", names) + " left");
    }
    lastTyped.entrySet().removeIf(e -> {
      if (!now.isBefore(e.getValue().plus(TYPING_WINDOW))) {
        setTyping(e.getKey(), false);
        return true;
      }
      return false;
    });
    if (!notice.get().isEmpty() && !now.isBefore(noticeUntil)) {
      notice.set("");
    }
  }

  /** The display name of someone who is or was in the room, or null. */
  public String nameOf(String clientId) {
    return names.get(clientId);
  }

  private void say(String text) {
    if (text.equals(notice.get())) {
      // The same words again are a new event (Bo joined, left and joined within the notice's
      // time): listeners and the view hear it, and its time starts again.
      notice.set("");
    }
    notice.set(text);
    noticeUntil = clock.instant().plus(NOTICE_TIME);
  }

  private void setTyping(String clientId, boolean typing) {
    int i = indexOf(clientId);
    if (i >= 0 && participants.get(i).typing() != typing) {
      participants.set(i, new Participant(participants.get(i).peer(), typing));
    }
  }

  private int indexOf(String clientId) {
    for (int i = 0; i < participants.size(); i++) {
      if (participants.get(i).clientId().equals(clientId)) {
        return i;
      }
    }
    return -1;
  }

  private void updatePeople() {
    int n = participants.size() + 1;
    peopleText.set(n == 1 ? "Just you" : n + " people here");
  }
}
