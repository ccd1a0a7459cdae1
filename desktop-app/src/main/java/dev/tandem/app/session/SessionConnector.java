package dev.tandem.app.session;

import dev.tandem.app.fx.FxThread;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.RoomLink;
import dev.tandem.sync.SyncConfig;
import dev.tandem.sync.SyncListener;
import dev.tandem.sync.SyncSession;
import java.nio.file.Path;

/** Opens sessions; the seam where tests put a fake room or a faster-reconnecting config. */
@FunctionalInterface
public interface SessionConnector {
  SyncSession connect(RoomLink link, User user, SyncListener listener);

  /** Real sessions whose listener calls run on the FX thread, journalled under {@code journal} (may be null). */
  static SessionConnector real(Path journal) {
    return real(SyncConfig.builder().journalDirectory(journal).listenerExecutor(FxThread.listenerExecutor()).build());
  }

  static SessionConnector real(SyncConfig config) {
    return (link, user, listener) -> SyncSession.connect(link, user, config, listener);
  }
}
