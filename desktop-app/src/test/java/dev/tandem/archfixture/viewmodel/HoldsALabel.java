package dev.tandem.archfixture.viewmodel;

import javafx.scene.control.Label;

/** Breaks the view-model rule on purpose: a view-model class that holds a Node (ArchitectureTest). */
public final class HoldsALabel {
  private Label label;

  public Label label() {
    return label;
  }
}
