package dev.tandem.app.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.app.testing.Fx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;

/** The start screen's warm-up, for real on the Headless platform: every step runs and nothing stays. */
class StartScreenWarmUpTest {

  @Test
  void everyStepRunsAndItLeavesNoWindowBehind() throws Exception {
    Fx.start();
    int windowsBefore = Fx.call(() -> Window.getWindows().size());
    String css = StartScreenWarmUpTest.class.getResource("/dev/tandem/app/tandem.css").toExternalForm();
    String summary = StartScreenWarmUp.runNow(List.of(css)).get(120, TimeUnit.SECONDS);
    assertThat(summary).startsWith("done").doesNotContain("failed")
        .contains("room view", "css", "document", "typing", "render", "close", "documents", "session");
    Fx.drain();
    assertThat(Fx.call(() -> Window.getWindows().size())).isEqualTo(windowsBefore);
  }

  @Test
  void thePracticeDocumentLooksLikeAnOpenedFile() {
    var doc = StartScreenWarmUp.practiceDocument(10);
    assertThat(doc.isDocument()).isTrue();
    assertThat(doc.plainText()).startsWith("Warming up\n").endsWith("nobody sees.\n");
    assertThat(doc.plainText().lines()).hasSize(11);
  }
}
