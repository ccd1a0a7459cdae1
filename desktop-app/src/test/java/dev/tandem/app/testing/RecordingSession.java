package dev.tandem.app.testing;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.Values.Range;
import dev.tandem.sync.Outcome;
import dev.tandem.sync.SyncSession;
import dev.tandem.sync.SyncStatus;
import java.util.ArrayList;
import java.util.List;

/** A session that records what the editor sends. */
public final class RecordingSession implements SyncSession {
  public final List<Delta> submitted = new ArrayList<>();
  public final List<List<Range>> selections = new ArrayList<>();
  public final List<String> chats = new ArrayList<>();
  public int undos;
  public boolean closed;
  /** What {@link #sendChat} answers. */
  public Outcome chatOutcome = Outcome.ACCEPTED;
  /** What the admin requests answer. */
  public Outcome adminOutcome = Outcome.ACCEPTED;
  public final List<java.util.Set<dev.tandem.protocol.Role>> rotations = new ArrayList<>();
  public final List<String> removals = new ArrayList<>();

  @Override
  public String roomId() {
    return "aaaaaaaaaaaaaaaaaaaaaaaaaa";
  }

  @Override
  public String clientId() {
    return "me";
  }

  @Override
  public State state() {
    return State.OPEN;
  }

  @Override
  public SyncStatus status() {
    return SyncStatus.initial();
  }

  @Override
  public Outcome submit(Delta change) {
    submitted.add(change);
    return Outcome.ACCEPTED;
  }

  @Override
  public java.util.concurrent.CompletableFuture<Void> journalled() {
    return java.util.concurrent.CompletableFuture.completedFuture(null);
  }

  @Override
  public Outcome setSelection(List<Range> ranges) {
    selections.add(ranges);
    return Outcome.ACCEPTED;
  }

  @Override
  public Outcome sendChat(String text) {
    chats.add(text);
    return chatOutcome;
  }

  @Override
  public Outcome undo() {
    undos++;
    return Outcome.ACCEPTED;
  }

  @Override
  public Outcome redo() {
    return Outcome.ACCEPTED;
  }

  @Override
  public Outcome rotateKeys(java.util.Set<dev.tandem.protocol.Role> roles) {
    rotations.add(roles);
    return adminOutcome;
  }

  @Override
  public Outcome removeParticipant(String clientId) {
    removals.add(clientId);
    return adminOutcome;
  }

  @Override
  public void close() {
    closed = true;
  }

  public Delta last() {
    return submitted.get(submitted.size() - 1);
  }
}
