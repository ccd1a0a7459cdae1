package dev.tandem.app.testing;

import dev.tandem.app.fx.FxThread;
import dev.tandem.app.host.LocalHost;
import dev.tandem.app.session.SessionConnector;
import dev.tandem.sync.SyncConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * What the UI tests host rooms with: a fresh temporary directory, the app's {@link LocalHost}
 * (embedded room server on loopback, started on the first room) under {@code data/rooms}, and
 * the background executor the windows get. Close it after the windows.
 */
public final class LoopbackHost implements AutoCloseable {
  private final Path data;
  private final LocalHost host;
  private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

  public LoopbackHost(String prefix) throws IOException {
    this.data = Files.createTempDirectory(prefix);
    this.host = new LocalHost(data.resolve("rooms"), "127.0.0.1", "127.0.0.1");
  }

  public Path data() { return data; }
  public LocalHost host() { return host; }
  public ExecutorService background() { return background; }

  /**
   * Real sessions that deliver through the app's batching listener executor, as the app's do;
   * {@code configure} adds the test's settings (faster reconnects, a journal…).
   */
  public static SessionConnector connector(UnaryOperator<SyncConfig.Builder> configure) {
    return SessionConnector.real(configure.apply(SyncConfig.builder())
        .listenerExecutor(FxThread.listenerExecutor()).build());
  }

  @Override
  public void close() {
    host.close();
    background.shutdownNow();
  }
}
