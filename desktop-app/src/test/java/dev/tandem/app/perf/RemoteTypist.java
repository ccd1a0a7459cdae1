package dev.tandem.app.perf;

import dev.tandem.ot.Delta;
import dev.tandem.ot.RichDocument;
import dev.tandem.protocol.Values.Range;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.ChangeOrigin;
import dev.tandem.sync.RoomLink;
import dev.tandem.sync.SyncConfig;
import dev.tandem.sync.SyncListener;
import dev.tandem.sync.SyncSession;
import dev.tandem.sync.SyncStatus;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Another person typing into the room through a real {@link SyncSession}: one character every
 * {@code intervalMillis} at its own caret (every tenth keystroke a backspace), with its caret sent
 * as presence. Its document and caret are owned by its one thread, which also runs the session's
 * listener (as the FX thread does for the app).
 */
final class RemoteTypist implements SyncListener, AutoCloseable {
  private final ScheduledThreadPoolExecutor thread;
  private final RichDocument doc = RichDocument.of(Delta.document("\n"));
  private final Random random;
  private volatile SyncStatus status = SyncStatus.initial();
  private SyncSession session;
  /** Where this person types; -1 until the document arrived. */
  private int caret = -1;
  private final int startParagraph;
  private int typed;

  RemoteTypist(String name, long seed, int startParagraph) {
    this.random = new Random(seed);
    this.startParagraph = startParagraph;
    this.thread = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("typist-" + name).factory());
  }

  void connect(RoomLink link, User user) {
    session = SyncSession.connect(link, user, SyncConfig.builder().listenerExecutor(thread).build(), this);
  }

  SyncStatus status() {
    return status;
  }

  void startTyping(long intervalMillis) {
    thread.scheduleAtFixedRate(this::keystroke, random.nextInt((int) intervalMillis), intervalMillis,
        TimeUnit.MILLISECONDS);
  }

  private void keystroke() {
    if (status.state() != SyncSession.State.OPEN) {
      return;
    }
    if (caret < 0) {
      String text = doc.text();
      int pos = 0;
      for (int p = 0; p < startParagraph && pos >= 0; p++) {
        pos = text.indexOf('\n', pos) + 1;
      }
      caret = Math.max(0, pos);
    }
    Delta change;
    if (++typed % 10 == 0 && caret > 0) {
      change = Delta.builder().retain(caret - 1).delete(1).build();
      caret--;
    } else {
      String ch = String.valueOf((char) ('a' + random.nextInt(26)));
      change = Delta.builder().retain(caret).insert(ch).build();
      caret++;
    }
    if (session.submit(change) == dev.tandem.sync.Outcome.ACCEPTED) {
      doc.apply(change);
      session.setSelection(List.of(new Range(caret, caret)));
    }
  }

  /** Appends {@code text} before the final newline (on this typist's thread); false if refused. */
  boolean append(String text) throws Exception {
    return thread.submit(() -> {
      Delta change = Delta.builder().retain(doc.length() - 1).insert(text).build();
      boolean ok = session.submit(change) == dev.tandem.sync.Outcome.ACCEPTED;
      if (ok) {
        doc.apply(change);
      }
      return ok;
    }).get(30, TimeUnit.SECONDS);
  }

  @Override
  public void onChange(Delta change, ChangeOrigin origin) {
    doc.apply(change);
    if (caret >= 0) {
      caret = change.transformPosition(caret, false);
    }
  }

  @Override
  public void onStatus(SyncStatus s) {
    status = s;
  }

  @Override
  public void close() {
    thread.shutdownNow();
    if (session != null) {
      session.close();
    }
  }
}
