package dev.tandem.app.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.app.files.FileProblem.Kind;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentFilesTest {
  @TempDir
  Path dir;

  private final DocumentFiles files = new DocumentFiles(1000);

  private Path file(String name, byte[] bytes) throws Exception {
    return Files.write(dir.resolve(name), bytes);
  }

  private Path file(String name, String text) throws Exception {
    return file(name, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsEachFormatByExtension() throws Exception {
    assertThat(files.read(file("a.txt", "x\r\ny"), p -> {})).isEqualTo(Delta.document("x\ny\n"));
    assertThat(files.read(file("a.MD", "# x"), p -> {}))
        .isEqualTo(Delta.builder().insert("x").insert("\n", Attributes.of(Formats.HEADER, 1L)).build());
    assertThat(files.read(file("a.htm", "<b>x</b>"), p -> {}))
        .isEqualTo(Delta.builder().insert("x", Attributes.of(Formats.BOLD, true)).insert("\n").build());
  }

  @Test
  void reportsProgressUpToOne() throws Exception {
    List<Double> progress = new ArrayList<>();
    files.read(file("a.txt", "hello"), progress::add);
    assertThat(progress).isNotEmpty().isSorted();
    assertThat(progress.getLast()).isEqualTo(1.0);
  }

  @Test
  void byteOrderMarksAndDeclaredCharsets() throws Exception {
    byte[] utf16 = "\uFEFFhé".getBytes(StandardCharsets.UTF_16LE);
    assertThat(files.read(file("a.txt", utf16), p -> {})).isEqualTo(Delta.document("hé\n"));
    byte[] bom8 = ("\uFEFFx").getBytes(StandardCharsets.UTF_8);
    assertThat(files.read(file("b.txt", bom8), p -> {})).isEqualTo(Delta.document("x\n"));
    byte[] latin1 = "<meta charset=\"iso-8859-1\"><p>caf\u00e9</p>".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(files.read(file("c.html", latin1), p -> {})).isEqualTo(Delta.document("caf\u00e9\n"));
  }

  @Test
  void typedHumanErrors() throws Exception {
    assertProblem(() -> files.read(dir.resolve("missing.txt"), p -> {}), Kind.UNREADABLE, "doesn't exist");
    assertProblem(() -> files.read(file("a.pdf", "x"), p -> {}), Kind.UNSUPPORTED_TYPE, "Tandem opens text");
    assertProblem(() -> files.read(file("big.txt", "x".repeat(1000)), p -> {}), Kind.TOO_LARGE, "1,001 characters");
    assertProblem(() -> files.read(file("huge.txt", "x".repeat(3001)), p -> {}), Kind.TOO_LARGE, "too large");
    assertProblem(() -> files.read(file("bad.txt", new byte[] {'a', (byte) 0xC3, '(', 'b'}), p -> {}),
        Kind.BAD_ENCODING, "Save it as UTF-8");
    assertProblem(() -> files.read(file("bin.txt", new byte[] {'a', 0, 1, 2}), p -> {}), Kind.NOT_TEXT, "binary");
    assertProblem(() -> files.read(dir, p -> {}), Kind.UNSUPPORTED_TYPE, "none of these");
    Path folderNamedTxt = Files.createDirectory(dir.resolve("folder.txt"));
    assertProblem(() -> files.read(folderNamedTxt, p -> {}), Kind.UNREADABLE, "couldn't read");
  }

  @Test
  void writesAtomicallyAndReportsFailures() throws Exception {
    Delta doc = Delta.builder().insert("Hi", Attributes.of(Formats.BOLD, true)).insert("\n").build();
    Path md = dir.resolve("out.md");
    Files.writeString(md, "old content");
    files.write(md, DocumentFormat.MARKDOWN, doc);
    assertThat(Files.readString(md)).isEqualTo("**Hi**\n");
    files.write(dir.resolve("out.html"), DocumentFormat.HTML, doc);
    assertThat(Files.readString(dir.resolve("out.html"))).contains("<title>out</title>", "<strong>Hi</strong>");
    files.write(dir.resolve("out.txt"), DocumentFormat.TEXT, doc);
    assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo("Hi\n");
    try (var leftovers = Files.list(dir)) {
      assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
    assertProblem(() -> files.write(dir.resolve("no/such/folder/x.md"), DocumentFormat.MARKDOWN, doc),
        Kind.WRITE_FAILED, "couldn't save \"x.md\"");
  }

  @Test
  void formatsByFileName() {
    assertThat(DocumentFormat.forFileName("A.Markdown")).contains(DocumentFormat.MARKDOWN);
    assertThat(DocumentFormat.forFileName("x.tar.htm")).contains(DocumentFormat.HTML);
    assertThat(DocumentFormat.forFileName("README")).isEmpty();
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void assertProblem(Call call, Kind kind, String messagePart) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(FileProblem.class, p -> {
      assertThat(p.kind()).isEqualTo(kind);
      assertThat(p.getMessage()).containsIgnoringCase(messagePart).doesNotContain("Exception");
    });
  }
}
