package dev.tandem.sync;

import dev.tandem.ot.Delta;
import dev.tandem.ot.RichDocument;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.Range;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
  private volatile Thread uiThread;
  private final RichDocument doc = RichDocument.of(Delta.document("\n"));
  public final List<SyncError> errors = new CopyOnWriteArrayList<>();
  public final List<ChatMessage> chat = new CopyOnWriteArrayList<>();
  public final List<PeerInfo> joined = new CopyOnWriteArrayList<>();
  public final List<PeerInfo> left = new CopyOnWriteArrayList<>();
  /** Admin answers: rotated keys and confirmed removals, in arrival order. */
  public final List<Map<dev.tandem.protocol.Role, String>> rotatedKeys = new CopyOnWriteArrayList<>();
  public final List<String> removed = new CopyOnWriteArrayList<>();
  /** The origin of every change delivered, in order. */
  public final List<ChangeOrigin> origins = new CopyOnWriteArrayList<>();
  /** Every status reported, in order. */
  public final List<SyncStatus> statuses = new CopyOnWriteArrayList<>();
  public volatile SyncStatus status = SyncStatus.initial();
  public volatile SyncSession session;
  /** Peers' selections by client id, moved with every change to the document (as an editor does). */
  public final Map<String, List<Range>> selections = new ConcurrentHashMap<>();

  public TestEditor(String name) {
    java.util.concurrent.ThreadFactory threads = Thread.ofPlatform().daemon().name("ui-" + name).factory();
    ui = Executors.newSingleThreadExecutor(r -> uiThread = threads.newThread(r));
  }

  @Override
  public void onChange(Delta change, ChangeOrigin origin) {
    origins.add(origin);
    doc.apply(change);
    moveSelections(change);
  }

  @Override
  public void onSelections(PeerInfo peer, List<Range> ranges) {
    if (ranges.isEmpty()) {
      selections.remove(peer.clientId());
    } else {
      selections.put(peer.clientId(), List.copyOf(ranges));
    }
  }

  private void moveSelections(Delta change) {
    selections.replaceAll((id, ranges) -> {
      List<Range> moved = new ArrayList<>();
      for (Range r : ranges) {
        moved.add(new Range(change.transformPosition(r.anchor(), false),
            change.transformPosition(r.head(), false)));
      }
      return List.copyOf(moved);
    });
  }

  /** On the UI thread: the text a peer's first selection covers, or "" for a caret, with the
   *  character after it ({@code "|w"} for a caret before "w"); null if none is known. */
  public String peerSelection(String clientId) {
    return onUi(() -> {
      List<Range> ranges = selections.get(clientId);
      if (ranges == null) {
        return null;
      }
      Range r = ranges.getFirst();
      String text = doc.text();
      int from = Math.min(r.anchor(), r.head());
      int to = Math.max(r.anchor(), r.head());
      return text.substring(from, to) + "|" + (to < text.length() ? text.charAt(to) : "");
    });
  }

  @Override
  public void onStatus(SyncStatus s) {
    status = s;
    statuses.add(s);
  }

  @Override
  public void onPeerLeft(PeerInfo peer) {
    left.add(peer);
  }

  @Override
  public void onKeysRotated(Map<dev.tandem.protocol.Role, String> newKeys) {
    rotatedKeys.add(newKeys);
  }

  @Override
  public void onParticipantRemoved(String clientId) {
    removed.add(clientId);
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
        moveSelections(change);
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
      if (Thread.currentThread() == uiThread) {
        return task.call();
      }
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
