package dev.tandem.app.editor;

import dev.tandem.app.testing.BridgeWindow;
import dev.tandem.app.testing.RecordingSession;
import dev.tandem.ot.Attributes;
import org.fxmisc.richtext.StyledTextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the editor tests that run on one real area in a real (headless) window, bound by an
 * {@link EditorBridge} to a {@link RecordingSession}: a fresh window per test, closed after it.
 */
abstract class BridgeWindowTest {
  BridgeWindow window;
  StyledTextArea<Attributes, Attributes> area;
  EditorBridge bridge;
  RecordingSession session;

  /** Runs on the FX thread before the window shows (install what the test needs on the area). */
  void beforeShowing(BridgeWindow w) {}

  @BeforeEach
  void showWindow() {
    window = BridgeWindow.show(this::beforeShowing);
    area = window.area;
    bridge = window.bridge;
    session = window.session;
  }

  @AfterEach
  void closeWindow() {
    window.close();
  }
}
