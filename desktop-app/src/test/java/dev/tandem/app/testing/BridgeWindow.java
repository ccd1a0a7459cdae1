package dev.tandem.app.testing;

import dev.tandem.app.editor.EditorBridge;
import dev.tandem.app.editor.RichArea;
import dev.tandem.ot.Attributes;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.fxmisc.richtext.StyledTextArea;

/**
 * The editor tests' stage: a RichTextFX area bound through an {@link EditorBridge} (author "me")
 * to a {@link RecordingSession}, shown in its own window on the Headless platform. Built and
 * closed on the FX thread; close it after each test.
 */
public final class BridgeWindow implements AutoCloseable {
  public final RecordingSession session = new RecordingSession();
  public final StyledTextArea<Attributes, Attributes> area;
  public final EditorBridge bridge;
  private final Stage stage;

  private BridgeWindow(Consumer<BridgeWindow> beforeShowing) {
    area = RichArea.create();
    bridge = new EditorBridge(area, session);
    bridge.setAuthor("me");
    beforeShowing.accept(this);
    stage = new Stage();
    stage.setScene(new Scene(new StackPane(area), 500, 300));
    stage.show();
  }

  public static BridgeWindow show() {
    return show(w -> { });
  }

  /** {@code beforeShowing} runs on the FX thread once the area and bridge exist (e.g. to install the clipboard). */
  public static BridgeWindow show(Consumer<BridgeWindow> beforeShowing) {
    return Fx.call(() -> new BridgeWindow(beforeShowing));
  }

  @Override
  public void close() {
    Fx.run(stage::close);
  }
}
