package dev.tandem.app.view;

import dev.tandem.app.files.DocumentFormat;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The questions the File actions ask a person: which file, where to save, and whether to replace
 * the room's document. The app uses the native dialogs; UI tests answer with fixed paths (the
 * Headless platform has no native file chooser).
 */
public interface FileDialogs {
  Optional<Path> chooseFileToOpen(Window owner);

  Optional<Path> chooseExportTarget(Window owner, DocumentFormat format, String suggestedName);

  /** True when the person agrees to replace the document everyone in the room is editing. */
  boolean confirmReplace(Window owner, String fileName);

  /** The platform's file choosers; remembers the last folder for the life of the window. */
  static FileDialogs system() {
    return new FileDialogs() {
      private File folder;

      @Override
      public Optional<Path> chooseFileToOpen(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a file");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(
            "Text, Markdown and HTML", "*.txt", "*.text", "*.md", "*.markdown", "*.html", "*.htm"));
        for (DocumentFormat f : DocumentFormat.values()) {
          chooser.getExtensionFilters().add(filter(f));
        }
        if (folder != null && folder.isDirectory()) {
          chooser.setInitialDirectory(folder);
        }
        File file = chooser.showOpenDialog(owner);
        if (file != null) {
          folder = file.getParentFile();
        }
        return Optional.ofNullable(file).map(File::toPath);
      }

      @Override
      public Optional<Path> chooseExportTarget(Window owner, DocumentFormat format, String suggestedName) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export as " + format.label());
        chooser.getExtensionFilters().add(filter(format));
        chooser.setInitialFileName(suggestedName + "." + format.extension());
        if (folder != null && folder.isDirectory()) {
          chooser.setInitialDirectory(folder);
        }
        File file = chooser.showSaveDialog(owner);
        if (file != null) {
          folder = file.getParentFile();
        }
        return Optional.ofNullable(file).map(File::toPath);
      }

      @Override
      public boolean confirmReplace(Window owner, String fileName) {
        return Questions.ask(owner, replaceQuestion(fileName));
      }
    };
  }

  /** The question before replacing the document (built separately so tests can picture it). */
  static Alert replaceQuestion(String fileName) {
    Alert alert = Questions.alert("Replace this room's document?",
        "The document everyone in this room is editing will be replaced by \"" + fileName
            + "\". You can undo it with Ctrl+Z.", "Replace");
    alert.setTitle("Open a file");
    return alert;
  }

  private static FileChooser.ExtensionFilter filter(DocumentFormat f) {
    return new FileChooser.ExtensionFilter(f.label(), f.extensions().stream().map(e -> "*." + e).toList());
  }
}
