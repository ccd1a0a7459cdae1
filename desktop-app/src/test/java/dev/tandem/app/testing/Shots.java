package dev.tandem.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javax.imageio.ImageIO;

/** PNG snapshots of nodes, written to target/screenshots/ for people to look at. */
public final class Shots {
  private Shots() {}

  public static final Path DIR = Path.of("target", "screenshots");

  public static Path save(Node node, String name) {
    var image = Fx.call(() -> node.snapshot(null, null));
    try {
      Files.createDirectories(DIR);
      Path file = DIR.resolve(name + ".png");
      ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
