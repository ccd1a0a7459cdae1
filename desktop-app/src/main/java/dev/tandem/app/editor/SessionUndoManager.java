package dev.tandem.app.editor;

import dev.tandem.ot.Delta;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableBooleanValue;
import org.fxmisc.undo.UndoManager;
import org.reactfx.value.Val;

/**
 * The area's undo manager, backed by the session's own-changes undo stack: undo never removes
 * another person's text. (RichTextFX's own managers undo remote edits too, or throw on them.)
 * Availability is not tracked here; an undo with nothing to undo does nothing.
 */
final class SessionUndoManager implements UndoManager<Delta> {
  private final EditorBridge bridge;
  private final ReadOnlyBooleanWrapper performing = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper atMarked = new ReadOnlyBooleanWrapper(false);

  SessionUndoManager(EditorBridge bridge) {
    this.bridge = bridge;
  }

  @Override
  public boolean undo() {
    performing.set(true);
    try {
      return bridge.undo();
    } finally {
      performing.set(false);
    }
  }

  @Override
  public boolean redo() {
    performing.set(true);
    try {
      return bridge.redo();
    } finally {
      performing.set(false);
    }
  }

  @Override
  public Val<Boolean> undoAvailableProperty() {
    return Val.constant(true);
  }

  @Override
  public boolean isUndoAvailable() {
    return true;
  }

  @Override
  public Val<Delta> nextUndoProperty() {
    return Val.constant(null);
  }

  @Override
  public Val<Delta> nextRedoProperty() {
    return Val.constant(null);
  }

  @Override
  public Val<Boolean> redoAvailableProperty() {
    return Val.constant(true);
  }

  @Override
  public boolean isRedoAvailable() {
    return true;
  }

  @Override
  public ObservableBooleanValue performingActionProperty() {
    return performing.getReadOnlyProperty();
  }

  @Override
  public boolean isPerformingAction() {
    return performing.get();
  }

  @Override
  public void preventMerge() {}

  @Override
  public void forgetHistory() {}

  @Override
  public UndoPosition getCurrentPosition() {
    return new UndoPosition() {
      @Override
      public void mark() {
        atMarked.set(true);
      }

      @Override
      public boolean isValid() {
        return true;
      }
    };
  }

  @Override
  public ObservableBooleanValue atMarkedPositionProperty() {
    return atMarked.getReadOnlyProperty();
  }

  @Override
  public boolean isAtMarkedPosition() {
    return atMarked.get();
  }

  @Override
  public void close() {}
}
