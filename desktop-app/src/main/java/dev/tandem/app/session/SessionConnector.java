package dev.tandem.app.session;

import dev.tandem.app.fx.FxThread;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.KnownDocument;
import dev.tandem.sync.RoomLink;
import dev.tandem.sync.SyncConfig;
import dev.tandem.sync.SyncListener;
import dev.tandem.sync.SyncSession;
import java.nio.file.Path;

/** Opens sessions; the seam where tests put a fake room or a faster-reconnecting config. */
@FunctionalInterface
public interface SessionConnector {
  SyncSession connect(RoomLink link, User user, SyncListener listener);

  /**
   * A session that starts from a document this app knows the room has (it just created the room
   * with it): see {@link SyncSession#connect(RoomLink, User, SyncConfig, SyncListener, KnownDocument)}.
   * Either way the document reaches the listener as the first change; a connector that cannot start
   * from it (a test's fake room) joins normally and the welcome brings it.
   */
  default SyncSession connect(RoomLink link, User user, SyncListener listener, KnownDocument known) {
    return connect(link, user, listener);
  }

  /** Real sessions whose listener calls run on the FX thread, journalled under {@code journal} (may be null). */
  static SessionConnector real(Path journal) {
    return real(SyncConfig.builder().journalDirectory(journal).listenerExecutor(FxThread.listenerExecutor()).build());
  }

  static SessionConnector real(SyncConfig config) {
    return new SessionConnector() {
      @Override
      public SyncSession connect(RoomLink link, User user, SyncListener listener) {
        return SyncSession.connect(link, user, config, listener);
      }

      @Override
      public SyncSession connect(RoomLink link, User user, SyncListener listener, KnownDocument known) {
        return SyncSession.connect(link, user, config, listener, known);
      }
    };
  }
}
