package dev.tandem.app.viewmodel;

import dev.tandem.app.files.DocumentFiles;
import dev.tandem.app.files.DocumentFormat;
import dev.tandem.app.files.FileProblem;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Op;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The File menu of an open room: open a file into the document, export the document. Reading,
 * converting and writing run on {@code background}; results come back through {@code ui} (the FX
 * thread in the app, a direct executor in tests), which owns every property here.
 *
 * <p>Opening replaces the whole document as one local change, so it travels to the room as ONE
 * op frame; a file whose op would not fit in a frame ({@code maxFrameBytes}) is refused with a
 * message pointing to "Open a file into a new room", which seeds the room's first snapshot instead.
 */
public final class FileViewModel {

  /** The editor's document, on the ui thread (implemented over the editor bridge). */
  public interface DocumentPort {
    Delta document();

    void replaceDocument(Delta document);
  }

  /** Space a frame needs around the delta's JSON, and per op for the author stamp. */
  private static final int FRAME_ENVELOPE = 4096;
  private static final int AUTHOR_STAMP = 64;

  private final DocumentFiles files;
  private final Executor background;
  private final Executor ui;
  private final long maxFrameBytes;
  private DocumentPort document;

  private final BooleanProperty busy = new SimpleBooleanProperty(false);
  /** 0–1 while reading, -1 while converting or writing (indeterminate). */
  private final DoubleProperty progress = new SimpleDoubleProperty(-1);
  private final StringProperty status = new SimpleStringProperty("");
  private final StringProperty message = new SimpleStringProperty("");
  private final BooleanProperty messageIsError = new SimpleBooleanProperty(false);

  public FileViewModel(DocumentFiles files, Executor background, Executor ui, long maxFrameBytes) {
    this.files = files;
    this.background = background;
    this.ui = ui;
    this.maxFrameBytes = maxFrameBytes;
  }

  public void attach(DocumentPort port) {
    this.document = port;
  }

  public BooleanProperty busyProperty() { return busy; }
  public DoubleProperty progressProperty() { return progress; }
  public StringProperty statusProperty() { return status; }
  public StringProperty messageProperty() { return message; }
  public BooleanProperty messageIsErrorProperty() { return messageIsError; }

  public void dismissMessage() {
    message.set("");
  }

  /** Reads the file and replaces the document with it (the caller asked the person first). */
  public void open(Path file) {
    if (busy.get() || document == null) {
      return;
    }
    String name = name(file);
    start("Opening " + name + "…");
    background.execute(() -> {
      try {
        Delta doc = files.read(file, f -> ui.execute(() -> progress.set(f >= 1 ? -1 : f)));
        long frame = frameBytes(doc);
        if (frame > maxFrameBytes) {
          finish(String.format(Locale.ROOT, "\"%s\" is too large to open into a shared room in one piece "
              + "(about %.1f MB; one change can be at most %.1f MB). Use \"Open a file into a new room\" "
              + "on the start screen instead.", name, frame / 1e6, maxFrameBytes / 1e6), true);
          return;
        }
        ui.execute(() -> {
          try {
            document.replaceDocument(doc);
            done("Opened " + name + ".", false);
          } catch (RuntimeException e) {
            done("Tandem couldn't put \"" + name + "\" into the document. Try again, or open it into a new room.", true);
          }
        });
      } catch (FileProblem p) {
        finish(p.getMessage(), true);
      } catch (RuntimeException | OutOfMemoryError | LinkageError e) {
        finish("Tandem couldn't open \"" + name + "\" (" + e.getClass().getSimpleName()
            + "). The file may be damaged; try saving it again in another program.", true);
      }
    });
  }

  /** Writes the document to {@code file} in {@code format} (an extension is added when missing). */
  public void export(Path file, DocumentFormat format) {
    if (busy.get() || document == null) {
      return;
    }
    Path target = withExtension(file, format);
    String name = name(target);
    start("Exporting " + name + "…");
    Delta doc = document.document();
    background.execute(() -> {
      try {
        files.write(target, format, doc);
        finish("Exported " + name + ".", false);
      } catch (FileProblem p) {
        finish(p.getMessage(), true);
      } catch (RuntimeException | OutOfMemoryError | LinkageError e) {
        finish("Tandem couldn't export \"" + name + "\" (" + e.getClass().getSimpleName() + "). Try again.", true);
      }
    });
  }

  /** The file name with the format's extension, unless it already has one of the format's. */
  public static Path withExtension(Path file, DocumentFormat format) {
    String n = name(file);
    if (DocumentFormat.forFileName(n).filter(f -> f == format).isPresent()) {
      return file;
    }
    return file.resolveSibling(n + "." + format.extension());
  }

  private void start(String what) {
    busy.set(true);
    progress.set(-1);
    status.set(what);
    message.set("");
  }

  private void finish(String text, boolean error) {
    ui.execute(() -> done(text, error));
  }

  private void done(String text, boolean error) {
    busy.set(false);
    status.set("");
    progress.set(-1);
    messageIsError.set(error);
    message.set(text);
  }

  /** An upper bound of the op frame replacing the document with {@code doc} (UTF-8 JSON bytes). */
  static long frameBytes(Delta doc) {
    long bytes = FRAME_ENVELOPE;
    for (Op op : doc) {
      bytes += AUTHOR_STAMP + 32;
      if (op instanceof Op.Insert ins) {
        String t = ins.text();
        for (int i = 0; i < t.length(); i++) {
          char c = t.charAt(i);
          // JSON escapes control characters, quotes and backslashes (≤ 6 bytes); UTF-8 is ≤ 3 per char.
          bytes += c < 0x20 || c == '"' || c == '\\' ? 6 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        bytes += ins.attributes().toString().length() * 2L;
      }
    }
    return bytes;
  }

  private static String name(Path file) {
    return file.getFileName() == null ? file.toString() : file.getFileName().toString();
  }
}
