package dev.tandem.server;

import dev.tandem.protocol.Values.Limits;
import dev.tandem.server.room.RoomConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The standalone room server: {@code java -jar tandem-room-server.jar --port 7070 --data ./data}.
 * Every flag can also come from an environment variable named after it ({@code --max-clients} →
 * {@code TANDEM_MAX_CLIENTS}, {@link EnvironmentDefaults}); a flag on the command line wins over
 * the variable, the variable over the built-in default. {@code --help} lists them all.
 */
@Command(name = "tandem-room-server", mixinStandardHelpOptions = true, version = "Tandem room server 0.1.0",
    description = "Serves Tandem rooms over WebSockets, with durable storage in SQLite.",
    sortOptions = false)
public final class RoomServerMain implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "7070",
      description = "TCP port; 0 picks a free one (env TANDEM_PORT; default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--bind", defaultValue = "0.0.0.0",
      description = "interface address to listen on (env TANDEM_BIND; default ${DEFAULT-VALUE})")
  String bind;

  @Option(names = "--data", defaultValue = "./data",
      description = "data directory for the SQLite database (env TANDEM_DATA; default ${DEFAULT-VALUE})")
  Path data;

  @Option(names = "--create-token",
      description = "require 'Authorization: Bearer <token>' to create rooms (env TANDEM_CREATE_TOKEN; default: anyone may create rooms)")
  String createToken;

  @Option(names = "--public-url",
      description = "base URL for share links, e.g. https://tandem.example.org (env TANDEM_PUBLIC_URL)")
  String publicUrl;

  @Option(names = "--tls-keystore",
      description = "PKCS12 keystore: serve wss/https only (env TANDEM_TLS_KEYSTORE)")
  Path tlsKeystore;

  @Option(names = "--tls-password",
      description = "keystore password (env TANDEM_TLS_PASSWORD)")
  String tlsPassword;

  @Option(names = "--hibernate-after", defaultValue = "10s", converter = DurationConverter.class,
      description = "idle time before a room leaves memory, e.g. 500ms, 10s, 2m, 1h or PT10S (env TANDEM_HIBERNATE_AFTER; default ${DEFAULT-VALUE})")
  Duration hibernateAfter;

  @Option(names = "--snapshot-every", defaultValue = "1000",
      description = "write a room's document snapshot after at least this many ops; stretched for "
          + "documents whose snapshot is costly, never beyond 10 times this, so loading a room "
          + "replays at most 10 x N ops (env TANDEM_SNAPSHOT_EVERY; default ${DEFAULT-VALUE})")
  int snapshotEvery;

  @Option(names = "--max-clients", defaultValue = "50",
      description = "connections per room (env TANDEM_MAX_CLIENTS; default ${DEFAULT-VALUE})")
  int maxClients;

  @Option(names = "--max-doc-length", defaultValue = "10000000",
      description = "document length in UTF-16 units (env TANDEM_MAX_DOC_LENGTH; default ${DEFAULT-VALUE})")
  int maxDocLength;

  @Option(names = "--max-frame-bytes", defaultValue = "1048576",
      description = "largest frame a client may send, at least 524288 (env TANDEM_MAX_FRAME_BYTES; default ${DEFAULT-VALUE})")
  long maxFrameBytes;

  /**
   * The smallest {@code --max-frame-bytes} a server may run with (docs/protocol.md §8): clients
   * send large edits in parts of up to 256 KiB of delta, so a smaller limit would close their
   * connections at every resend of such a part.
   */
  static final long MIN_MAX_FRAME_BYTES = 512 * 1024;

  @Option(names = "--max-frames-per-second", defaultValue = "50",
      description = "sustained frames per second per connection (env TANDEM_MAX_FRAMES_PER_SECOND; default ${DEFAULT-VALUE})")
  int maxFramesPerSecond;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    RoomServer server = RoomServer.start(config());
    // The first rooms loaded after a start should not run cold code (RoomLoadWarmUp); in the
    // background, so that the server accepts connections at once.
    Thread.ofPlatform().daemon().name("tandem-warm-up")
        .start(dev.tandem.server.store.sqlite.RoomLoadWarmUp::run);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "tandem-shutdown"));
    stopped.await();
    return 0;
  }

  /**
   * The server configuration the parsed options describe.
   *
   * @throws CommandLine.ParameterException for values that parse but do not fit together
   */
  ServerConfig config() {
    if (maxFrameBytes < MIN_MAX_FRAME_BYTES) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max-frame-bytes must be at least "
          + MIN_MAX_FRAME_BYTES + " (512 KiB): clients send large edits in parts of up to 256 KiB");
    }
    try {
      Limits limits = new Limits(maxFrameBytes, maxDocLength, maxClients, maxFramesPerSecond,
          Limits.DEFAULTS.maxChatLength());
      return ServerConfig.builder()
          .bindAddress(bind).port(port).dataDirectory(data).createToken(blankToNull(createToken))
          .publicUrl(blankToNull(publicUrl)).tls(tlsKeystore, blankToNull(tlsPassword))
          .rooms(RoomConfig.DEFAULTS.withLimits(limits).withHibernateAfter(hibernateAfter)
              .withSnapshotEvery(snapshotEvery))
          .build();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** The command line for {@code main}, taking defaults from {@code environment}. */
  static CommandLine commandLine(RoomServerMain main, Map<String, String> environment) {
    CommandLine commandLine = new CommandLine(main);
    commandLine.setDefaultValueProvider(new EnvironmentDefaults(environment));
    return commandLine;
  }

  public static void main(String[] args) {
    int exit = commandLine(new RoomServerMain(), System.getenv()).execute(args);
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /**
   * Defaults from environment variables: {@code TANDEM_} plus the option's name in upper case with
   * dashes as underscores. A variable that is unset or empty leaves the built-in default.
   */
  static final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {
    private final Map<String, String> environment;

    EnvironmentDefaults(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
    }

    static String variableFor(OptionSpec option) {
      return "TANDEM_" + option.longestName().replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec argument) {
      if (!(argument instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
        return null;
      }
      String value = environment.get(variableFor(option));
      return value == null || value.isBlank() ? null : value;
    }
  }

  /** Accepts {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT10S}); positive only. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      Duration d;
      try {
        if (v.startsWith("pt")) {
          d = Duration.parse(v.toUpperCase(Locale.ROOT));
        } else if (v.endsWith("ms")) {
          d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        } else if (v.length() >= 2) {
          long n = Long.parseLong(v.substring(0, v.length() - 1));
          d = switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> null;
          };
        } else {
          d = null;
        }
      } catch (NumberFormatException | DateTimeParseException e) {
        d = null;
      }
      if (d == null) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; use e.g. 500ms, 10s, 2m, 1h or PT10S");
      }
      if (d.isZero() || d.isNegative()) {
        throw new CommandLine.TypeConversionException("'" + value + "' must be a positive duration");
      }
      return d;
    }
  }
}
