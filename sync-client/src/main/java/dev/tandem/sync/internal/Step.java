package dev.tandem.sync.internal;

import java.util.List;

/** The result of a transition: the next state and the effects to perform, in order. */
public record Step(ClientState next, List<Effect> effects) {
  public Step {
    effects = List.copyOf(effects);
  }

  static Step of(ClientState next, Effect... effects) {
    return new Step(next, List.of(effects));
  }
}
