package dev.tandem.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.app.files.DocumentFiles;
import dev.tandem.app.files.DocumentFormat;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FileViewModel without the FX toolkit, with real files and a recording document. */
class FileViewModelTest {
  @TempDir Path dir;

  private Delta current = Delta.builder().insert("old", Attributes.of(Formats.BOLD, true)).insert("\n").build();
  private final List<Delta> replaced = new ArrayList<>();
  /** Background work is queued so the test sees the busy state; run it with {@link #runBackground}. */
  private final List<Runnable> queued = new ArrayList<>();

  private FileViewModel vm(long maxFrameBytes) {
    Executor background = queued::add;
    FileViewModel vm = new FileViewModel(new DocumentFiles(1_000_000), background, Runnable::run, maxFrameBytes);
    vm.attach(new FileViewModel.DocumentPort() {
      @Override
      public Delta document() {
        return current;
      }

      @Override
      public void replaceDocument(Delta document) {
        replaced.add(document);
        current = document;
      }
    });
    return vm;
  }

  private void runBackground() {
    while (!queued.isEmpty()) {
      queued.removeFirst().run();
    }
  }

  @Test
  void openReadsOffTheUiThreadThenReplacesTheDocument() throws Exception {
    FileViewModel vm = vm(1 << 20);
    Path md = Files.writeString(dir.resolve("notes.md"), "# Notes\n\n- **one**\n");
    vm.open(md);
    assertThat(vm.busyProperty().get()).isTrue();
    assertThat(vm.statusProperty().get()).isEqualTo("Opening notes.md…");
    assertThat(replaced).isEmpty();
    runBackground();
    assertThat(vm.busyProperty().get()).isFalse();
    assertThat(replaced).containsExactly(Delta.builder().insert("Notes").insert("\n", Attributes.of(Formats.HEADER, 1L))
        .insert("one", Attributes.of(Formats.BOLD, true)).insert("\n", Attributes.of(Formats.LIST, "bullet")).build());
    assertThat(vm.messageProperty().get()).isEqualTo("Opened notes.md.");
    assertThat(vm.messageIsErrorProperty().get()).isFalse();
  }

  @Test
  void aFileProblemIsAMessageAndChangesNothing() {
    FileViewModel vm = vm(1 << 20);
    vm.open(dir.resolve("gone.txt"));
    runBackground();
    assertThat(replaced).isEmpty();
    assertThat(vm.messageIsErrorProperty().get()).isTrue();
    assertThat(vm.messageProperty().get()).contains("\"gone.txt\" doesn't exist");
    assertThat(vm.busyProperty().get()).isFalse();
  }

  @Test
  void aFileTooLargeForOneFrameIsRefusedWithTheWayOut() throws Exception {
    FileViewModel vm = vm(64 * 1024);
    Path big = Files.writeString(dir.resolve("big.txt"), "x".repeat(100_000));
    vm.open(big);
    runBackground();
    assertThat(replaced).isEmpty();
    assertThat(vm.messageIsErrorProperty().get()).isTrue();
    assertThat(vm.messageProperty().get()).contains("too large to open into a shared room", "Open a file into a new room");
  }

  @Test
  void exportWritesTheDocumentAddingTheExtension() throws Exception {
    FileViewModel vm = vm(1 << 20);
    vm.export(dir.resolve("out"), DocumentFormat.MARKDOWN);
    assertThat(vm.statusProperty().get()).isEqualTo("Exporting out.md…");
    runBackground();
    assertThat(Files.readString(dir.resolve("out.md"))).isEqualTo("**old**\n");
    assertThat(vm.messageProperty().get()).isEqualTo("Exported out.md.");
    vm.export(dir.resolve("page.html"), DocumentFormat.HTML);
    runBackground();
    assertThat(Files.readString(dir.resolve("page.html"))).contains("<strong>old</strong>");
    assertThat(FileViewModel.withExtension(Path.of("a.txt"), DocumentFormat.MARKDOWN)).isEqualTo(Path.of("a.txt.md"));
  }

  @Test
  void exportFailureIsAMessage() {
    FileViewModel vm = vm(1 << 20);
    vm.export(dir.resolve("missing-folder/out.txt"), DocumentFormat.TEXT);
    runBackground();
    assertThat(vm.messageIsErrorProperty().get()).isTrue();
    assertThat(vm.messageProperty().get()).startsWith("Tandem couldn't save \"out.txt\"");
    vm.dismissMessage();
    assertThat(vm.messageProperty().get()).isEmpty();
  }

  @Test
  void oneThingAtATime() throws Exception {
    FileViewModel vm = vm(1 << 20);
    Path a = Files.writeString(dir.resolve("a.txt"), "a");
    vm.open(a);
    vm.open(a);
    vm.export(dir.resolve("x.txt"), DocumentFormat.TEXT);
    assertThat(queued).hasSize(1);
  }
}
