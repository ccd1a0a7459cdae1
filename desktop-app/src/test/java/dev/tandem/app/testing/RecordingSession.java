package dev.tandem.app.testing;

import dev.tandem.app.session.Collab.Range;
import dev.tandem.app.session.CollabSession;
import dev.tandem.ot.Delta;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A session that records what the editor sends; undo hands back what the test queued. */
public final class RecordingSession implements CollabSession {
  public final List<Delta> submitted = new ArrayList<>();
  public final List<List<Range>> selections = new ArrayList<>();
  public final List<String> chats = new ArrayList<>();
  public final Deque<Delta> undoResults = new ArrayDeque<>();
  public boolean closed;

  @Override
  public void submit(Delta change) {
    submitted.add(change);
  }

  @Override
  public void setSelection(List<Range> ranges) {
    selections.add(ranges);
  }

  @Override
  public void sendChat(String text) {
    chats.add(text);
  }

  @Override
  public Delta undo() {
    return undoResults.isEmpty() ? Delta.EMPTY : undoResults.pop();
  }

  @Override
  public Delta redo() {
    return Delta.EMPTY;
  }

  @Override
  public void close() {
    closed = true;
  }

  public Delta last() {
    return submitted.get(submitted.size() - 1);
  }
}
