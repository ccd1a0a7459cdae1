package dev.tandem.app.viewmodel;

import dev.tandem.app.files.DocumentFiles;
import dev.tandem.app.files.FileProblem;
import dev.tandem.app.host.HostClosedException;
import dev.tandem.app.host.HostingFailedException;
import dev.tandem.app.host.LocalHost;
import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.app.session.FailureMessages;
import dev.tandem.ot.Delta;
import dev.tandem.protocol.Values.Limits;
import dev.tandem.sync.KnownDocument;
import dev.tandem.sync.RoomLink;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The start screen: host a new room, join one from a pasted link, reopen a recent one.
 * Hosting blocks (it may start the server), so it runs on {@code background}; results come back
 * through {@code ui}. A link to a room this computer hosts opens at the current address and port
 * ({@link HostedRooms}), so the owner's recent entry keeps working when the port or address changed.
 */
public final class StartViewModel {
  private final StringProperty name = new SimpleStringProperty();
  private final StringProperty linkText = new SimpleStringProperty("");
  private final StringProperty error = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty(false);
  /** What the start screen is busy with ("Opening notes.md…"), empty when idle or hosting. */
  private final StringProperty busyText = new SimpleStringProperty("");
  private final ObservableList<String> recentRooms = FXCollections.observableArrayList();

  private final UserPreferences prefs;
  private final LocalHost host;
  private final Executor background;
  private final Executor ui;
  private final Consumer<RoomRequest> opener;
  private final HostedRooms hosted;

  public StartViewModel(UserPreferences prefs, LocalHost host, Executor background, Executor ui,
      Consumer<RoomRequest> opener) {
    this.prefs = prefs;
    this.host = host;
    this.background = background;
    this.ui = ui;
    this.opener = opener;
    this.hosted = new HostedRooms(prefs, host);
    name.set(prefs.name());
    name.addListener((o, a, b) -> {
      if (b != null && !b.isBlank()) {
        prefs.setName(b);
      }
    });
    recentRooms.setAll(prefs.recentRooms());
    // Hosting that failed earlier in this run (at launch, say) is said until the server runs.
    HostingFailedException failure = host.startFailure();
    if (failure != null) {
      error.set(hostingFailed(failure));
    }
  }

  public StringProperty nameProperty() { return name; }
  public StringProperty linkTextProperty() { return linkText; }
  public StringProperty errorProperty() { return error; }
  public BooleanProperty busyProperty() { return busy; }
  public StringProperty busyTextProperty() { return busyText; }
  public ObservableList<String> recentRooms() { return recentRooms; }

  /**
   * How a recent room is listed: what its link lets you do (links to one room differ only in
   * their secret key, which is never shown), then where it is.
   */
  public String describeRecent(String link) {
    String role = prefs.recentRoomRole(link);
    String what = role == null ? "Room" : switch (role) {
      case "admin" -> "Your room (owner)";
      case "edit" -> "Can edit";
      case "view" -> "Read-only";
      default -> "Room";
    };
    try {
      RoomLink l = RoomLink.parse(link);
      // A room hosted here opens at the current address and port, whatever the saved link names.
      String where = prefs.hostedRoom(l.roomId()).isPresent() ? "this computer" : l.host() + ":" + l.port();
      return what + " · " + l.roomId().substring(0, 8) + "… on " + where;
    } catch (IllegalArgumentException e) {
      return what;
    }
  }

  /** Joins the room in the link field; a bad link becomes an error message, nothing more. */
  public void join() {
    join(linkText.get());
  }

  public void join(String text) {
    RoomLink link;
    try {
      link = RoomLink.parse(text == null ? "" : text);
    } catch (IllegalArgumentException e) {
      error.set(FailureMessages.BAD_LINK);
      return;
    }
    error.set("");
    String saved = text.strip();
    if (!hosted.mayBeHostedHere(link, saved)) {
      remember(saved);
      opener.accept(new RoomRequest(link, saved, null, false));
      return;
    }
    if (busy.get()) {
      return;
    }
    busy.set(true);
    background.execute(() -> {
      HostedRooms.Resolution resolved;
      try {
        resolved = hosted.resolve(link, saved);
      } catch (HostingFailedException | RuntimeException e) {
        if (prefs.hostedRoom(link.roomId()).isPresent()) {
          // This computer hosts the room but can't open its store (another copy holds it, a disk
          // error): the saved address may be another machine's by now, and the link may carry the
          // owner's key. Say what is wrong instead of sending it there.
          failed(e instanceof HostingFailedException h ? hostingFailed(h) : storeFailed((RuntimeException) e));
          return;
        }
        // Someone else's room as far as this computer knows: the link as it is may reach it.
        resolved = new HostedRooms.Resolution.Elsewhere();
      }
      HostedRooms.Resolution found = resolved;
      ui.execute(() -> {
        busy.set(false);
        switch (found) {
          case HostedRooms.Resolution.Elsewhere e -> {
            remember(saved);
            opener.accept(new RoomRequest(link, saved, null, false));
          }
          case HostedRooms.Resolution.HostedHere here -> openHostedHere(here.request());
          case HostedRooms.Resolution.Gone gone -> error.set(gone.message());
        }
      });
    });
  }

  /**
   * What {@code tandem} without a link does: reopens the room this computer hosted last while its
   * data is here (its links keep working, its text is there), otherwise hosts a new room.
   */
  public void openLastHostedRoomOrNew() {
    if (prefs.lastHostedRoom().isEmpty()) {
      newRoom();
      return;
    }
    if (busy.get()) {
      return;
    }
    busy.set(true);
    error.set("");
    background.execute(() -> {
      try {
        java.util.Optional<RoomRequest> last = hosted.lastHostedRoom();
        if (last.isPresent()) {
          ui.execute(() -> {
            busy.set(false);
            openHostedHere(last.get());
          });
        } else {
          hostNewRoomAndOpen();
        }
      } catch (HostingFailedException e) {
        failed(hostingFailed(e));
      } catch (RuntimeException e) {
        failed(storeFailed(e));
      }
    });
  }

  /**
   * Opens a room hosted here at its current link; recent entries with the same room and key (the
   * link as it was, naming an old address or port) give way to the current one. The room's keys
   * are saved and its current entry added before the old entries go: an old entry leaving takes
   * the room's keys with it when no other entry names the room.
   */
  private void openHostedHere(RoomRequest request) {
    String current = request.hosted() ? request.link().appLink() : request.editLink();
    RoomLink now = request.link();
    if (request.hosted()) {
      hosted.reopenedAsOwner(request);
    }
    prefs.addRecentRoom(current);
    for (String old : prefs.recentRooms()) {
      if (!old.equals(current) && sameRoomAndKey(old, now)) {
        String role = prefs.recentRoomRole(old);
        prefs.removeRecentRoom(old);
        if (role != null) {
          prefs.setRecentRoomRole(current, role);
        }
      }
    }
    if (request.hosted()) {
      prefs.setRecentRoomRole(current, "admin");
    }
    remember(current);
    opener.accept(request);
  }

  private static boolean sameRoomAndKey(String link, RoomLink other) {
    try {
      RoomLink l = RoomLink.parse(link);
      return l.roomId().equals(other.roomId()) && l.key().equals(other.key());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The server did not start at launch although this computer hosted before ({@code e} from
   * {@link LocalHost#startIfHostedBefore()}): the links of the rooms it hosts reach nothing while
   * this lasts. Said on the start screen unless it already says something; nothing when the app
   * is quitting ({@link HostClosedException}). FX thread.
   */
  public void hostingFailedAtLaunch(Exception e) {
    if (e instanceof HostClosedException || !error.get().isEmpty()) {
      return;
    }
    String what = e instanceof HostingFailedException h ? hostingFailed(h)
        : storeFailed(e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e));
    error.set(what + " Until it can, links to the rooms you host don't reach this computer.");
  }

  private static String storeFailed(RuntimeException e) {
    return "Tandem couldn't read the rooms this computer hosts ("
        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
        + "). Check that Tandem's data folder is readable and the disk is not full.";
  }

  /** The sentence for a server that would not start. */
  private static String hostingFailed(HostingFailedException e) {
    return "Tandem couldn't start hosting a room on this computer: " + e.getMessage() + ".";
  }

  /** On {@code background}: hosts a new room here, then opens it as its owner on the UI thread. */
  private void hostNewRoomAndOpen() throws HostingFailedException {
    LocalHost.HostedRoom room = host.createRoom();
    ui.execute(() -> {
      busy.set(false);
      openAsOwner(room, null);
    });
  }

  /** Hosts a new room on this computer and opens it. */
  public void newRoom() {
    if (busy.get()) {
      return;
    }
    busy.set(true);
    error.set("");
    background.execute(() -> {
      try {
        hostNewRoomAndOpen();
      } catch (HostingFailedException e) {
        failed(hostingFailed(e));
      } catch (Exception e) {
        failed("Tandem couldn't start hosting a room on this computer ("
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
            + "). Check that the data folder is writable, or join someone else's room.");
      }
    });
  }

  /**
   * Hosts a new room on this computer whose document is the file, and opens it. The file is read
   * and converted on {@code background}; the room's first snapshot is the document, so even a
   * file far larger than one op frame arrives whole. Failures are sentences in {@link #errorProperty()}.
   */
  public void openFileIntoNewRoom(Path file) {
    if (busy.get() || file == null) {
      return;
    }
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    busy.set(true);
    busyText.set("Opening " + name + "…");
    error.set("");
    DocumentFiles files = new DocumentFiles(Limits.DEFAULTS.maxDocLength());
    background.execute(() -> {
      try {
        Delta document = files.read(file, f -> { });
        LocalHost.HostedRoom room = host.createRoom(document);
        // The room is at revision 0 with exactly this document: our own session starts from it.
        KnownDocument known = new KnownDocument(0, document);
        ui.execute(() -> {
          busy.set(false);
          busyText.set("");
          openAsOwner(room, known);
        });
      } catch (FileProblem p) {
        failed(p.getMessage());
      } catch (HostingFailedException e) {
        failed(hostingFailed(e));
      } catch (OutOfMemoryError e) {
        failed("This file is too large for the memory Tandem has. Split it into smaller files.");
      } catch (Exception | LinkageError e) {
        failed("Tandem couldn't start hosting a room on this computer ("
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
            + "). Check that the data folder is writable.");
      }
    });
  }

  /** The host joins its own room as the owner: it may change keys and remove people. */
  private void openAsOwner(LocalHost.HostedRoom room, KnownDocument known) {
    hosted.created(room);
    remember(room.adminLink());
    prefs.setRecentRoomRole(room.adminLink(), "admin");
    opener.accept(new RoomRequest(RoomLink.parse(room.adminLink()), room.editLink(), room.viewLink(), true, known));
  }

  private void failed(String message) {
    ui.execute(() -> {
      busy.set(false);
      busyText.set("");
      error.set(message);
    });
  }

  private void remember(String link) {
    prefs.addRecentRoom(link);
    recentRooms.setAll(prefs.recentRooms());
  }
}
