package dev.tandem.sync;

import dev.tandem.ot.Delta;
import dev.tandem.ot.RichDocument;
import dev.tandem.protocol.Values.PeerInfo;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A stand-in for the app's editor: a document owned by its own "UI" thread, which also runs the
 * session's listener calls (as {@code Platform::runLater} does for the app). Edits are made and
 * submitted on that thread.
 */
public final class TestEditor implements SyncListener, AutoCloseable {
  public final ExecutorService ui;
  private final RichDocument doc = RichDocument.of(Delta.document("\n"));
  public final List<SyncError> errors = new CopyOnWriteArrayList<>();
  public final List<ChatMessage> chat = new CopyOnWriteArrayList<>();
  public final List<PeerInfo> joined = new CopyOnWriteArrayList<>();
  public volatile SyncStatus status = SyncStatus.initial();
  public volatile SyncSession session;

  public TestEditor(String name) {
    ui = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("ui-" + name).factory());
  }

  @Override
  public void onChange(Delta change, ChangeOrigin origin) {
    doc.apply(change);
  }

  @Override
  public void onStatus(SyncStatus s) {
    status = s;
  }

  @Override
  public void onError(SyncError error) {
    errors.add(error);
  }

  @Override
  public void onChat(ChatMessage message) {
    chat.add(message);
  }

  @Override
  public void onPeerJoined(PeerInfo peer) {
    joined.add(peer);
  }

  /** Runs on the UI thread: builds an edit from the current document, applies and submits it. */
  public Outcome edit(Function<RichDocument, Delta> makeEdit) {
    return onUi(() -> {
      Delta change = makeEdit.apply(doc);
      if (change == null) {
        return Outcome.INVALID;
      }
      Outcome outcome = session.submit(change);
      if (outcome == Outcome.ACCEPTED) {
        // the app marks its own typing with its client id, as the server does (SyncSession docs)
        doc.apply(dev.tandem.sync.internal.Changes.stamp(change, session.clientId()));
      }
      return outcome;
    });
  }

  public Outcome undo() {
    return onUi(() -> session.undo());
  }

  public Outcome redo() {
    return onUi(() -> session.redo());
  }

  public Delta document() {
    return onUi(doc::toDelta);
  }

  public String text() {
    return onUi(doc::text);
  }

  public <T> T onUi(java.util.concurrent.Callable<T> task) {
    try {
      return ui.submit(task).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    ui.shutdown();
  }
}
