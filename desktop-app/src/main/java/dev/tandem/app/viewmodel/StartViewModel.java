package dev.tandem.app.viewmodel;

import dev.tandem.app.host.LocalHost;
import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.app.session.FailureMessages;
import dev.tandem.sync.RoomLink;
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
 * through {@code ui}.
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

  public StartViewModel(UserPreferences prefs, LocalHost host, Executor background, Executor ui,
      Consumer<RoomRequest> opener) {
    this.prefs = prefs;
    this.host = host;
    this.background = background;
    this.ui = ui;
    this.opener = opener;
    name.set(prefs.name());
    name.addListener((o, a, b) -> {
      if (b != null && !b.isBlank()) {
        prefs.setName(b);
      }
    });
    recentRooms.setAll(prefs.recentRooms());
  }

  public StringProperty nameProperty() { return name; }
  public StringProperty linkTextProperty() { return linkText; }
  public StringProperty errorProperty() { return error; }
  public BooleanProperty busyProperty() { return busy; }
  public StringProperty busyTextProperty() { return busyText; }
  public ObservableList<String> recentRooms() { return recentRooms; }

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
    remember(text.strip());
    opener.accept(new RoomRequest(link, text.strip(), null, false));
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
        LocalHost.HostedRoom room = host.createRoom();
        ui.execute(() -> {
          busy.set(false);
          remember(room.editLink());
          opener.accept(new RoomRequest(RoomLink.parse(room.editLink()), room.editLink(), room.viewLink(), true));
        });
      } catch (Exception e) {
        ui.execute(() -> {
          busy.set(false);
          error.set("Tandem couldn't start hosting a room on this computer ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + "). Check that the data folder is writable, or join someone else's room.");
        });
      }
    });
  }

  /**
   * Hosts a new room on this computer whose document is the file, and opens it. The file is read
   * and converted on {@code background}; the room's first snapshot is the document, so even a
   * file far larger than one op frame arrives whole. Failures are sentences in {@link #errorProperty()}.
   */
  public void openFileIntoNewRoom(java.nio.file.Path file) {
    if (busy.get() || file == null) {
      return;
    }
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    busy.set(true);
    busyText.set("Opening " + name + "…");
    error.set("");
    dev.tandem.app.files.DocumentFiles files =
        new dev.tandem.app.files.DocumentFiles(dev.tandem.protocol.Values.Limits.DEFAULTS.maxDocLength());
    background.execute(() -> {
      try {
        dev.tandem.ot.Delta document = files.read(file, f -> { });
        LocalHost.HostedRoom room = host.createRoom(document);
        ui.execute(() -> {
          busy.set(false);
          busyText.set("");
          remember(room.editLink());
          opener.accept(new RoomRequest(RoomLink.parse(room.editLink()), room.editLink(), room.viewLink(), true));
        });
      } catch (dev.tandem.app.files.FileProblem p) {
        failed(p.getMessage());
      } catch (OutOfMemoryError e) {
        failed("This file is too large for the memory Tandem has. Split it into smaller files.");
      } catch (Exception | LinkageError e) {
        failed("Tandem couldn't start hosting a room on this computer ("
            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
            + "). Check that the data folder is writable.");
      }
    });
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
