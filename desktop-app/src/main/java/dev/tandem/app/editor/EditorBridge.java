package dev.tandem.app.editor;

import dev.tandem.app.fx.FxThread;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Op;
import dev.tandem.ot.RichDocument;
import dev.tandem.protocol.Values.Range;
import dev.tandem.sync.ChangeOrigin;
import dev.tandem.sync.SyncSession;
import java.util.List;
import java.util.function.Consumer;
import org.fxmisc.richtext.GenericStyledArea;
import org.fxmisc.richtext.MultiChangeBuilder;
import org.fxmisc.richtext.model.RichTextChange;
import org.fxmisc.richtext.model.TwoDimensional.Bias;
import org.reactfx.Subscription;

/**
 * Binds a RichTextFX area to a {@link SyncSession} without subclassing the area.
 *
 * <ul>
 *   <li>Local edits: the area's {@code richChanges()} fire synchronously inside the mutating call;
 *       each becomes a Delta by diffing the changed region (extended to the end of its paragraph, so
 *       paragraph-style changes are seen) against a shadow {@link RichDocument}, then is submitted.</li>
 *   <li>Remote changes: applied as ONE {@code createMultiChange} (which leaves the selection alone),
 *       then paragraph styles of the touched paragraphs are corrected, then the local selection is
 *       set where {@link Delta#transformPosition} says. A guard flag keeps these out of the local path.
 *       Inside a batch of {@link FxThread#listenerExecutor()} (the session's listener calls that
 *       arrived together), consecutive remote changes are composed ({@link RemoteBatch}) and applied
 *       once, at the batch's end or before anything else of this class touches the area or the
 *       shadow ({@link #flush}); each commit costs about 0.5 ms however small the change.</li>
 *   <li>Undo/redo: the area's undo manager is replaced by one that asks the session, which undoes
 *       only our own changes.</li>
 * </ul>
 *
 * <p>Invariant (between calls): {@code shadow} equals the area's content plus the document's final
 * {@code '\n'}, ignoring {@code author}; the session's document is that plus the {@code waiting}
 * remote changes. {@code waiting} is empty outside a listener batch: nothing edits the area while
 * changes wait (within a batch only listener calls run, and they edit the area only through this
 * class, whose every other entry point flushes first). Thread: everything here runs on the FX thread.
 */
public final class EditorBridge implements AutoCloseable {
  private final GenericStyledArea<Attributes, String, Attributes> area;
  private final SyncSession session;
  private final Subscription subscriptions;
  /** The document as the session knows it; FX thread only. */
  private RichDocument shadow = RichDocument.of(Delta.document("\n"));
  /** True while this class changes the area itself; changes seen then are not local edits. */
  private boolean applying;
  private String author;
  private Consumer<Delta> localChangeListener = d -> {};
  /** Runs after remote or undone changes were applied to the area (the view refreshes its toolbar). */
  private Runnable appliedListener = () -> {};
  /** Remote changes received in this listener batch and not applied to the area yet. */
  private final RemoteBatch waiting = new RemoteBatch();
  /** One object, so that the batch runs it once however many changes wait. */
  private final Runnable flushAtBatchEnd = this::flush;
  /** Announced by {@link #expect}, taken by the next {@link #load}; FX thread. */
  private java.util.concurrent.Future<PreparedDocument> expected;

  public EditorBridge(GenericStyledArea<Attributes, String, Attributes> area, SyncSession session) {
    this.area = area;
    this.session = session;
    Subscription changes = area.richChanges().subscribe(this::onLocalChange);
    javafx.beans.InvalidationListener presence = obs -> sendSelection();
    area.caretPositionProperty().addListener(presence);
    area.anchorProperty().addListener(presence);
    this.subscriptions = changes.and(() -> {
      area.caretPositionProperty().removeListener(presence);
      area.anchorProperty().removeListener(presence);
    });
    area.setUndoManager(new SessionUndoManager(this));
  }

  /** Our client id, stamped as {@code author} on our inserts (the server stamps the same). */
  public void setAuthor(String clientId) {
    this.author = clientId;
  }

  /** Called after each local change was submitted (for "typing…" hints and tests). */
  public void setLocalChangeListener(Consumer<Delta> listener) {
    this.localChangeListener = listener;
  }

  /** Called after changes from the session were applied to the area (not after local edits). */
  public void setAppliedListener(Runnable listener) {
    this.appliedListener = listener;
  }

  /** The document as the bridge last synchronised it (O(n); for export and tests). */
  public Delta document() {
    flush();
    return shadow.toDelta();
  }

  /**
   * The document the next {@link #load} will most likely be given (a file this app just opened into
   * a new room), being built in the background: if that load's document equals it, the load waits
   * for it and uses it instead of building its own on the FX thread. Used by that load either way.
   */
  public void expect(java.util.concurrent.Future<PreparedDocument> prepared) {
    this.expected = prepared;
  }

  /** The prepared form of {@code document} if {@link #expect} announced it, else null. */
  private PreparedDocument takePrepared(Delta document) {
    java.util.concurrent.Future<PreparedDocument> f = expected;
    expected = null;
    if (f == null) {
      return null;
    }
    try {
      PreparedDocument p = f.get();
      return p.document().equals(document) ? p : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return null; // build it here instead
    }
  }

  static void requireDocument(Delta document) {
    if (!document.isDocument() || document.length() == 0 || !endsWithNewline(document)) {
      throw new IllegalArgumentException("not a document ending with a newline: " + document);
    }
  }

  /** Replaces the whole content (join, or a reconnect that brought a new snapshot). */
  public void load(Delta document) {
    flush();
    requireDocument(document);
    int caret = area.getCaretPosition();
    PreparedDocument prepared = takePrepared(document);
    shadow = prepared != null ? prepared.shadow() : RichDocument.of(document);
    int len = document.length();
    Attributes last = Styles.block(shadow.attributesAt(len - 1));
    applying = true;
    try {
      area.replace(0, area.getLength(), prepared != null ? prepared.piece()
          : DocumentSlices.toArea(document.slice(0, len - 1), last, area.getSegOps()));
      // The piece carries every paragraph's style; only where it met the old content (its first
      // and last paragraph) may the area have merged styles its own way.
      fixParagraphStyles(0, 0);
      fixParagraphStyles(area.getLength(), area.getLength());
    } finally {
      applying = false;
    }
    area.moveTo(Math.min(caret, area.getLength()));
  }

  /**
   * A change from the session ({@link dev.tandem.sync.SyncListener#onChange}). Others' changes and
   * restores keep our selection where OT says; our own undo/redo puts the caret at its last edit.
   */
  public void applyChange(Delta change, ChangeOrigin origin) {
    if (origin == ChangeOrigin.UNDO || origin == ChangeOrigin.REDO) {
      flush();
      applyOwn(change);
      appliedListener.run();
    } else {
      applyRemote(change);
    }
  }

  /**
   * Inserted text beyond which a change is applied by rebuilding the whole document in bulk (as
   * {@link #load}) rather than op by op: the first welcome of a room opened from a 10 MB file is one
   * such change, and inserting it into the shadow tree chunk by chunk took seconds.
   */
  static final int BULK_INSERT = 256 * 1024;

  /**
   * Someone else's change, already transformed for our document (it follows every change passed
   * here before). Keeps our selection where OT says. Inside a listener batch it waits, composed
   * with the others of the batch, until {@link #flush}.
   */
  public void applyRemote(Delta change) {
    if (insertedLength(change) < BULK_INSERT && FxThread.atBatchEnd(flushAtBatchEnd)) {
      if (waiting.isEmpty()) {
        waiting.start(area.getAnchor(), area.getCaretPosition());
      }
      waiting.add(change);
      return;
    }
    flush();
    applyRemoteNow(change);
    appliedListener.run();
  }

  /**
   * Applies the remote changes waiting in this batch to the area as one change, and puts the
   * selection where applying them one by one would have. Nothing happens when none wait.
   */
  public void flush() {
    if (waiting.isEmpty()) {
      return;
    }
    Delta change = waiting.composed();
    int anchor = waiting.anchor();
    int caret = waiting.caret();
    waiting.clear();
    apply(change);
    area.selectRange(Math.min(anchor, area.getLength()), Math.min(caret, area.getLength()));
    appliedListener.run();
  }

  private void applyRemoteNow(Delta change) {
    int anchor = area.getAnchor();
    int caret = area.getCaretPosition();
    if (insertedLength(change) >= BULK_INSERT) {
      Delta document = shadow.toDelta().compose(change);
      load(document);
      area.selectRange(Math.min(change.transformPosition(anchor, false), area.getLength()),
          Math.min(change.transformPosition(caret, false), area.getLength()));
      return;
    }
    apply(change);
    area.selectRange(change.transformPosition(anchor, false), change.transformPosition(caret, false));
  }

  private static boolean endsWithNewline(Delta document) {
    return document.ops().getLast() instanceof Op.Insert last && last.text().endsWith("\n");
  }

  private static long insertedLength(Delta change) {
    long n = 0;
    for (Op op : change) {
      if (op instanceof Op.Insert ins) {
        n += ins.length();
      }
    }
    return n;
  }

  /** Our own undo/redo, already applied to the session's document: the caret goes to its last edit. */
  void applyOwn(Delta change) {
    int end = apply(change);
    area.moveTo(Math.min(end, area.getLength()));
  }

  /**
   * A local change made by a command rather than by typing (paste, open a file): applied to the
   * area and the shadow as one change, submitted to the session as one, with our inserts stamped
   * with our author id. The caret goes to {@code caretAfter}. The change must fit the current
   * document (it is built from {@link #document()} or the area's selection on this thread).
   */
  public void applyLocal(Delta change, int caretAfter) {
    flush();
    if (change.baseLength() > shadow.length()) {
      throw new IllegalArgumentException("change for a document of " + change.baseLength()
          + " characters, the document has " + shadow.length());
    }
    Delta stamped = author == null ? change : stampAuthor(change, author);
    if (insertedLength(stamped) >= BULK_INSERT) {
      load(shadow.toDelta().compose(stamped));
    } else {
      apply(stamped);
    }
    session.submit(stamped);
    localChangeListener.accept(stamped);
    area.moveTo(Math.max(0, Math.min(caretAfter, area.getLength())));
  }

  /**
   * Replaces the whole document with {@code document} as one local change (File → Open): every
   * character before the final newline is replaced, and the final newline takes the new
   * document's last paragraph style. The caret goes to the start.
   */
  public void replaceDocument(Delta document) {
    flush();
    if (!document.isDocument() || document.length() == 0 || !endsWithNewline(document)) {
      throw new IllegalArgumentException("not a document ending with a newline");
    }
    int oldLength = shadow.length();
    int newLength = document.length();
    Attributes oldLast = Styles.block(shadow.attributesAt(oldLength - 1));
    Attributes newLast = Styles.block(document.slice(newLength - 1, newLength).ops().getFirst() instanceof Op.Insert i
        ? i.attributes() : Attributes.EMPTY);
    Delta change = Delta.builder()
        .addAll(document.slice(0, newLength - 1))
        .delete(oldLength - 1)
        .retain(1, Attributes.diff(oldLast, newLast))
        .build();
    applyLocal(change, 0);
  }

  private static Delta stampAuthor(Delta change, String author) {
    Delta.Builder b = Delta.builder();
    for (Op op : change) {
      b.add(op instanceof Op.Insert ins
          ? new Op.Insert(ins.text(), ins.attributes().with(dev.tandem.ot.Formats.AUTHOR, author)) : op);
    }
    return b.build();
  }

  /** Asks the session; the undo arrives back through {@link #applyChange} as UNDO. */
  boolean undo() {
    flush();
    return session.undo() == dev.tandem.sync.Outcome.ACCEPTED;
  }

  boolean redo() {
    flush();
    return session.redo() == dev.tandem.sync.Outcome.ACCEPTED;
  }

  /** Applies a change to shadow and area; returns the end of its last insert/delete/format (new coordinates). */
  private int apply(Delta change) {
    shadow.apply(change);
    int areaLen = area.getLength();
    MultiChangeBuilder<Attributes, String, Attributes> multi = area.createMultiChange(change.ops().size());
    int pos = 0;
    // The area holds the document without its final '\n'. When a change deletes that '\n' (a
    // RESTORE is "insert the whole document, delete the old one"), the new document's last
    // character has been inserted into the area like any other and is removed at the end.
    boolean finalNewlineDeleted = false;
    // Each op's touched range (new coordinates, in order): a change composed of edits far apart
    // must not have every paragraph between them checked.
    List<int[]> touched = new java.util.ArrayList<>();
    int touchedTo = -1;
    for (Op op : change) {
      switch (op) {
        case Op.Retain r when r.attributes().isEmpty() -> pos += r.length();
        case Op.Retain r -> {
          // Restyle the runs inside paragraphs; a '\n' in range only needs its paragraph's style fixed.
          int end = pos + r.length();
          int runStart = pos;
          for (int i = pos; i <= end; i++) {
            boolean boundary = i == end || i >= areaLen || shadow.charAt(i) == '\n';
            if (boundary) {
              int runEnd = Math.min(i, areaLen);
              if (runStart < runEnd) {
                multi.replaceAbsolutely(runStart, runEnd,
                    DocumentSlices.toArea(shadow.slice(runStart, runEnd), Attributes.EMPTY, area.getSegOps()));
              }
              runStart = i + 1;
            }
          }
          touched.add(new int[] {pos, end});
          touchedTo = Math.max(touchedTo, end);
          pos = end;
        }
        case Op.Insert ins -> {
          int len = ins.length();
          if (pos > areaLen && !finalNewlineDeleted) {
            // After the old final '\n': in the area that '\n' becomes a separator before the new text.
            multi.replaceAbsolutely(areaLen, areaLen, DocumentSlices.toArea(
                shadow.slice(pos - 1, pos + len - 1), Attributes.EMPTY, area.getSegOps()));
          } else {
            multi.replaceAbsolutely(pos, pos,
                DocumentSlices.toArea(shadow.slice(pos, pos + len), Attributes.EMPTY, area.getSegOps()));
          }
          areaLen += len;
          touched.add(new int[] {pos, pos + len});
          touchedTo = Math.max(touchedTo, pos + len);
          pos += len;
        }
        case Op.Delete del -> {
          int len = del.length();
          int end = Math.min(pos + len, areaLen);
          if (pos + len > areaLen) {
            finalNewlineDeleted = true;
          }
          if (pos < end) {
            multi.deleteTextAbsolutely(pos, end);
          }
          areaLen -= end - pos;
          touched.add(new int[] {pos, pos});
          touchedTo = Math.max(touchedTo, pos);
        }
      }
    }
    if (finalNewlineDeleted && areaLen > 0) {
      // The area now holds the whole new document, whose final '\n' is the document's own.
      multi.deleteTextAbsolutely(areaLen - 1, areaLen);
      areaLen--;
      touched.add(new int[] {areaLen, areaLen});
      touchedTo = Math.max(touchedTo, areaLen);
    }
    applying = true;
    try {
      if (multi.hasChanges()) {
        multi.commit();
      }
      for (int[] range : touched) {
        fixParagraphStyles(range[0], range[1]);
      }
    } finally {
      applying = false;
    }
    return touchedTo < 0 ? area.getCaretPosition() : touchedTo;
  }

  /** Sets the paragraph style of every area paragraph in [from, to] to the shadow's block attributes. */
  private void fixParagraphStyles(int from, int to) {
    int len = area.getLength();
    int first = area.offsetToPosition(Math.min(from, len), Bias.Forward).getMajor();
    int last = area.offsetToPosition(Math.min(to, len), Bias.Forward).getMajor();
    for (int i = first; i <= last && i < area.getParagraphs().size(); i++) {
      Attributes want = Styles.block(shadow.paragraphAttributes(i));
      if (!want.equals(area.getParagraph(i).getParagraphStyle())) {
        area.setParagraphStyle(i, want);
      }
    }
  }

  private void onLocalChange(RichTextChange<Attributes, String, Attributes> change) {
    if (applying || change.isIdentity()) {
      return;
    }
    if (!waiting.isEmpty()) {
      // Breaks the class invariant: the edit was made on a document older than the session's.
      throw new IllegalStateException("the area was edited while " + waiting.size()
          + " remote changes waited; edit it only through the bridge inside a listener batch");
    }
    int pos = change.getPosition();
    int removed = change.getRemovalEnd() - pos;
    int insEnd = change.getInsertionEnd();
    int paragraph = area.offsetToPosition(insEnd, Bias.Forward).getMajor();
    int paragraphEnd = area.getAbsolutePosition(paragraph, area.getParagraphLength(paragraph));
    int tail = paragraphEnd + 1 - insEnd;
    Delta before = shadow.slice(pos, pos + removed + tail);
    Delta after = DocumentSlices.read(area, pos, paragraphEnd + 1);
    Delta diff = SliceDiff.diff(before, after, author);
    if (diff.isEmpty()) {
      return;
    }
    Delta delta = pos == 0 ? diff : Delta.builder().retain(pos).addAll(diff).build();
    shadow.apply(delta);
    session.submit(delta);
    localChangeListener.accept(delta);
    claimInsertedText(delta);
  }

  /**
   * The area gives inserted text the style of its neighbour, {@code author} included; the
   * document (and everyone else) has ours. Where they differ, the area's copy is corrected so that
   * "Show authors" shows what the document holds. (Typed keys already come with our author, see
   * RoomView; this catches other inserts: paste, programmatic edits.) An author-only restyle is no
   * edit: {@link SliceDiff} ignores {@code author}, so the change it causes submits nothing.
   */
  private void claimInsertedText(Delta delta) {
    if (author == null) {
      return;
    }
    int pos = 0;
    for (Op op : delta) {
      switch (op) {
        case Op.Retain r -> pos += r.length();
        case Op.Delete d -> { }
        case Op.Insert ins -> {
          int end = Math.min(pos + ins.length(), area.getLength());
          if (pos < end) {
            var spans = area.getStyleSpans(pos, end);
            if (spans.stream().anyMatch(sp -> !author.equals(sp.getStyle().get(dev.tandem.ot.Formats.AUTHOR)))) {
              applying = true;
              try {
                area.setStyleSpans(pos, spans.mapStyles(a -> a.with(dev.tandem.ot.Formats.AUTHOR, author)));
              } finally {
                applying = false;
              }
            }
          }
          pos += ins.length();
        }
      }
    }
  }

  private void sendSelection() {
    // Read both values every time, even while applying a remote change: an InvalidationListener
    // fires again only after its property was read, so skipping the read here silenced the next
    // local selection change until something else (a render pulse) happened to read it.
    int anchor = area.getAnchor();
    int caret = area.getCaretPosition();
    if (!applying) {
      session.setSelection(List.of(new Range(anchor, caret)));
    }
  }

  @Override
  public void close() {
    subscriptions.unsubscribe();
  }
}
