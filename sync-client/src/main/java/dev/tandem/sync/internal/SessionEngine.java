package dev.tandem.sync.internal;

import dev.tandem.protocol.Values.User;
import dev.tandem.sync.RoomLink;
import dev.tandem.sync.SyncConfig;
import dev.tandem.sync.SyncListener;
import dev.tandem.sync.SyncSession;

/** The session implementation (in progress). */
public final class SessionEngine {
  private SessionEngine() {}

  public static SyncSession start(RoomLink link, User user, SyncConfig config, SyncListener listener) {
    throw new UnsupportedOperationException("not yet");
  }
}
