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

  /**
   * A PNG of a scene with the popups and dialogs that belong to its window (an open menu, a tooltip, a question) drawn
   * where they are on screen: a node snapshot alone leaves them out, as they are windows of their own.
   */
  public static Path saveWithPopups(javafx.scene.Scene scene, String name) {
    java.awt.image.BufferedImage image = Fx.call(() -> {
      layOut(scene.getRoot());
      java.awt.image.BufferedImage base = SwingFXUtils.fromFXImage(scene.getRoot().snapshot(null, null), null);
      java.awt.Graphics2D g = base.createGraphics();
      double originX = scene.getWindow().getX() + scene.getX();
      double originY = scene.getWindow().getY() + scene.getY();
      for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
        boolean popup = w instanceof javafx.stage.PopupWindow p && p.getOwnerWindow() != null;
        boolean dialog = w instanceof javafx.stage.Stage s && s.getOwner() == scene.getWindow();
        if ((popup || dialog) && w.isShowing() && w.getScene() != null) {
          var shot = SwingFXUtils.fromFXImage(w.getScene().getRoot().snapshot(null, null), null);
          g.drawImage(shot, (int) Math.round(w.getX() + w.getScene().getX() - originX),
              (int) Math.round(w.getY() + w.getScene().getY() - originY), null);
        }
      }
      g.dispose();
      return base;
    });
    try {
      Files.createDirectories(DIR);
      Path file = DIR.resolve(name + ".png");
      ImageIO.write(image, "png", file.toFile());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path save(Node node, String name) {
    var image = Fx.call(() -> {
      layOut(node); // text changed in this FX turn (a countdown) is measured before the picture
      return node.snapshot(null, null);
    });
    try {
      Files.createDirectories(DIR);
      Path file = DIR.resolve(name + ".png");
      ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void layOut(Node node) {
    if (node instanceof javafx.scene.Parent parent) {
      parent.applyCss();
      parent.layout();
    }
  }
}
