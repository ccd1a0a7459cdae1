package dev.tandem.app.editor;

import javafx.event.EventDispatcher;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Region;

/**
 * Lays out the window in the same FX turn as a key event that edited the document (typing,
 * backspace, delete, enter), instead of at the next pulse, and in the turn that applied changes
 * from the session ({@link #sessionChangeApplied}), so that a key typed after them does not lay
 * them out in its own turn. For a key: the scene's layout pass runs right
 * after the area handled the key, so RichTextFX's virtual flow rebuilds the changed
 * paragraph's cell (with the new text) and puts the caret there. The next pulse then finds
 * nothing of it to lay out: it redraws the remote cursors (its post-layout listener, as always:
 * drawing them here would not show them sooner, since nothing is painted before the pulse, and
 * would draw them twice whenever a remote change comes before the pulse) and paints. Without this a
 * key waits for the next pulse, up to one pulse period (16.7 ms at 60 Hz) before it is laid out
 * (docs/benchmarks.md, "Keystroke to render").
 *
 * <p>Of local edits, only those made while a key event is dispatched to the area count
 * ({@link #localEdit} is called from the bridge's local-change listener); remote changes are laid
 * out once per listener batch (the bridge applies a batch as one change, then calls its applied
 * listener); input methods, scrolling and everything else stay with the pulse. FX thread only.
 */
public final class KeyTurnLayout {
  private final Region area;
  /** A key event is being dispatched to the area (nested dispatches count once). */
  private int keyDepth;
  /** The document was edited locally during the key event being dispatched. */
  private boolean edited;

  private KeyTurnLayout(Region area) {
    this.area = area;
  }

  /**
   * Wraps the area's event dispatcher: after a key event's whole dispatch to the area (filters and
   * handlers: RichTextFX's edit happens there), lays out if {@link #localEdit} was called meanwhile.
   */
  public static KeyTurnLayout install(Region area) {
    KeyTurnLayout layout = new KeyTurnLayout(area);
    EventDispatcher original = area.getEventDispatcher();
    area.setEventDispatcher((event, tail) -> {
      if (!(event instanceof KeyEvent)) {
        return original.dispatchEvent(event, tail);
      }
      layout.keyDepth++;
      try {
        return original.dispatchEvent(event, tail);
      } finally {
        if (--layout.keyDepth == 0 && layout.edited) {
          layout.edited = false;
          layout.layOutNow();
        }
      }
    });
    return layout;
  }

  /**
   * Changes from the session (others' edits, at the end of their listener batch; our own undo or
   * redo) were just applied to the area: lays them out now, unless a key event is being dispatched
   * (its own layout follows). Left to the pulse, their layout would be done by the first key typed
   * before that pulse instead, in the key's turn, adding ~0.5 ms per remote commit to that key's
   * latency (docs/benchmarks.md, "Keystroke to render", the per-key log). The pulse then finds them
   * laid out; the work is the same, done once per batch instead of once per pulse.
   */
  public void sessionChangeApplied() {
    if (keyDepth == 0) {
      layOutNow();
    }
  }

  /** The bridge submitted a local edit; if a key event is being handled, it is laid out at its end. */
  public void localEdit() {
    if (keyDepth > 0) {
      edited = true;
    }
  }

  /**
   * The pulse's layout pass for this window, now: from the root, which reaches the area's virtual
   * flow through the branch the edit marked dirty. No CSS pass first: the edit leaves no styles to
   * update before layout, and the cell that layout creates for the changed paragraph is styled by
   * the virtual flow as it joins the scene (Flowless applies CSS to a new cell's node then). A
   * {@code root.applyCss()} here would force a CSS update of the whole window on every key
   * (measured: it about tripled the CPU time of the key's layout). Whatever a later change leaves dirty, the next
   * pulse's own CSS and layout passes still handle.
   */
  private void layOutNow() {
    Scene scene = area.getScene();
    if (scene == null || scene.getRoot() == null) {
      return;
    }
    Parent root = scene.getRoot();
    root.layout();
  }
}
