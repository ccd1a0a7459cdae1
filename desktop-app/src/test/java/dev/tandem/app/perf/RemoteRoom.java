package dev.tandem.app.perf;

import static org.awaitility.Awaitility.await;

import dev.tandem.app.prefs.UserPreferences;
import dev.tandem.protocol.Values.User;
import dev.tandem.server.RoomServer;
import dev.tandem.server.ServerConfig;
import dev.tandem.server.room.RoomCreator;
import dev.tandem.sync.RoomLink;
import dev.tandem.sync.SyncSession;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The other people of {@link KeystrokeLatencyProbe}: the remote typists, and optionally the room
 * server, as a separate process (their own computers and the server machine, here sharing the
 * probe's machine). Also used in the probe's own JVM for its in-process configuration.
 *
 * <p>Protocol over the process's standard streams (one line each): it prints {@code ROOM <link>}
 * once it has the room (when it started the server itself), then {@code READY} once the typists
 * are connected and the document is seeded; it starts typing on the line {@code TYPE} and stops
 * and exits on {@code STOP} or at the end of its input (the probe died). Everything else it prints
 * goes to standard error.
 *
 * <pre>
 *   java -cp … dev.tandem.app.perf.RemoteRoom server &lt;typists&gt;         # starts its own room server
 *   java -cp … dev.tandem.app.perf.RemoteRoom join &lt;edit link&gt; &lt;typists&gt; # types into a room hosted elsewhere
 * </pre>
 */
final class RemoteRoom implements AutoCloseable {
  /** Paragraph of the app's own caret in the seeded document (marked {@code LOCAL> }). */
  static final int LOCAL_PARAGRAPH = 3;
  static final long REMOTE_INTERVAL_MS = 140;
  /** Where the typists type: three on the probe's screen, two far below. */
  private static final int[] PARAGRAPHS = {1, 6, 9, 5_000, 10_000};

  private final List<RemoteTypist> typists = new ArrayList<>();
  private final int typing;

  /** Connects {@code max(1, typing)} typists (the first one also seeds) and waits until they are in. */
  RemoteRoom(RoomLink link, int typing) {
    this.typing = typing;
    for (int i = 0; i < Math.max(1, typing); i++) {
      RemoteTypist t = new RemoteTypist("t" + i, 42 + i, PARAGRAPHS[i]);
      t.connect(link, new User("Typist " + i, UserPreferences.PALETTE.get(i + 1)));
      typists.add(t);
    }
    for (RemoteTypist t : typists) {
      await().atMost(Duration.ofSeconds(30)).until(() -> t.status().state() == SyncSession.State.OPEN);
    }
  }

  /** 1,000,000 characters in 12,500 paragraphs, sent in 100 KB pieces (a frame holds at most 1 MiB). */
  void seed() throws Exception {
    RemoteTypist seeder = typists.getFirst();
    StringBuilder all = new StringBuilder();
    for (int p = 0; all.length() < 1_000_000 - 1; p++) {
      String head = p == LOCAL_PARAGRAPH ? "LOCAL> " : String.format("%05d ", p);
      StringBuilder line = new StringBuilder(head);
      while (line.length() < 79) {
        line.append("lorem ipsum dolor sit amet ");
      }
      all.append(line, 0, 79).append('\n');
    }
    all.setLength(1_000_000 - 1); // plus the document's own final newline
    for (int from = 0; from < all.length(); from += 100_000) {
      if (!seeder.append(all.substring(from, Math.min(all.length(), from + 100_000)))) {
        throw new IllegalStateException("the seed edit was refused");
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> seeder.status().pendingEdits() == 0);
    }
  }

  void startTyping() {
    typists.stream().limit(typing).forEach(t -> t.startTyping(REMOTE_INTERVAL_MS));
  }

  @Override
  public void close() {
    typists.forEach(RemoteTypist::close);
  }

  public static void main(String[] args) throws Exception {
    PrintStream control = System.out; // the probe reads only this
    System.setOut(System.err);
    boolean ownServer = args[0].equals("server");
    int typing = Integer.parseInt(args[ownServer ? 1 : 2]);
    Path dir = Files.createTempDirectory("tandem-remote-room");
    RoomServer server = null;
    RoomLink link;
    if (ownServer) {
      server = RoomServer.start(ServerConfig.builder().bindAddress("127.0.0.1").port(0)
          .dataDirectory(dir.resolve("server")).build());
      RoomCreator.NewRoom room = server.createRoom();
      link = RoomLink.of("127.0.0.1", server.port(), room.id(), room.editKey());
      control.println("ROOM " + server.appLink("127.0.0.1", room.id(), room.editKey()));
      control.flush();
    } else {
      link = RoomLink.parse(args[1]);
    }
    try (RemoteRoom room = new RemoteRoom(link, typing)) {
      room.seed();
      control.println("READY");
      control.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null && !line.equals("STOP"); ) {
        if (line.equals("TYPE")) {
          room.startTyping();
        }
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
    System.exit(0);
  }
}
