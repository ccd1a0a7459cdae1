package dev.tandem.server;

import dev.tandem.protocol.Values.Limits;
import dev.tandem.server.room.RoomConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The standalone room server: {@code java -jar tandem-room-server.jar --port 7070 --data ./data}.
 * Every flag can also come from an environment variable (named in {@code --help}).
 */
@Command(name = "tandem-room-server", mixinStandardHelpOptions = true, version = "Tandem room server 0.1.0",
    description = "Serves Tandem rooms over WebSockets, with durable storage in SQLite.",
    sortOptions = false)
public final class RoomServerMain implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "${env:TANDEM_PORT:-7070}",
      description = "TCP port (env TANDEM_PORT; default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--bind", defaultValue = "${env:TANDEM_BIND:-0.0.0.0}",
      description = "interface address to listen on (env TANDEM_BIND; default ${DEFAULT-VALUE})")
  String bind;

  @Option(names = "--data", defaultValue = "${env:TANDEM_DATA:-./data}",
      description = "data directory for the SQLite database (env TANDEM_DATA; default ${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--create-token", defaultValue = "${env:TANDEM_CREATE_TOKEN}",
      description = "require 'Authorization: Bearer <token>' to create rooms (env TANDEM_CREATE_TOKEN)")
  String createToken;

  @Option(names = "--public-url", defaultValue = "${env:TANDEM_PUBLIC_URL}",
      description = "base URL for share links, e.g. https://tandem.example.org (env TANDEM_PUBLIC_URL)")
  String publicUrl;

  @Option(names = "--tls-keystore", defaultValue = "${env:TANDEM_TLS_KEYSTORE}",
      description = "PKCS12 keystore: serve wss/https (env TANDEM_TLS_KEYSTORE)")
  Path tlsKeystore;

  @Option(names = "--tls-password", defaultValue = "${env:TANDEM_TLS_PASSWORD}",
      description = "keystore password (env TANDEM_TLS_PASSWORD)")
  String tlsPassword;

  @Option(names = "--hibernate-after", defaultValue = "${env:TANDEM_HIBERNATE_AFTER:-10s}",
      converter = DurationConverter.class,
      description = "idle time before a room leaves memory, e.g. 10s, 2m (env TANDEM_HIBERNATE_AFTER; default ${DEFAULT-VALUE})")
  Duration hibernateAfter;

  @Option(names = "--max-clients", defaultValue = "${env:TANDEM_MAX_CLIENTS:-50}",
      description = "connections per room (env TANDEM_MAX_CLIENTS; default ${DEFAULT-VALUE})")
  int maxClients;

  @Option(names = "--max-doc-length", defaultValue = "${env:TANDEM_MAX_DOC_LENGTH:-10000000}",
      description = "document length in UTF-16 units (env TANDEM_MAX_DOC_LENGTH; default ${DEFAULT-VALUE})")
  int maxDocLength;

  @Option(names = "--max-frame-bytes", defaultValue = "${env:TANDEM_MAX_FRAME_BYTES:-1048576}",
      description = "largest frame a client may send (env TANDEM_MAX_FRAME_BYTES; default ${DEFAULT-VALUE})")
  long maxFrameBytes;

  @Option(names = "--max-frames-per-second", defaultValue = "${env:TANDEM_MAX_FRAMES_PER_SECOND:-50}",
      description = "sustained frames per second per connection (env TANDEM_MAX_FRAMES_PER_SECOND; default ${DEFAULT-VALUE})")
  int maxFramesPerSecond;

  @Override
  public Integer call() throws Exception {
    Limits defaults = Limits.DEFAULTS;
    Limits limits = new Limits(maxFrameBytes, maxDocLength, maxClients, maxFramesPerSecond, defaults.maxChatLength());
    ServerConfig config = ServerConfig.builder()
        .bindAddress(bind).port(port).dataDirectory(data).createToken(blankToNull(createToken))
        .publicUrl(blankToNull(publicUrl)).tls(tlsKeystore, blankToNull(tlsPassword))
        .rooms(RoomConfig.DEFAULTS.withLimits(limits).withHibernateAfter(hibernateAfter))
        .build();
    RoomServer server = RoomServer.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "tandem-shutdown"));
    stopped.await();
    return 0;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  public static void main(String[] args) {
    int exit = new CommandLine(new RoomServerMain()).execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /** Accepts {@code 10s}, {@code 2m}, {@code 1h}, {@code 500ms} or ISO-8601 ({@code PT10S}). */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase();
      if (v.startsWith("pt")) {
        return Duration.parse(v.toUpperCase());
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (v.charAt(v.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new CommandLine.TypeConversionException("use a duration like 10s, 2m or 1h, not " + value);
      };
    }
  }
}
