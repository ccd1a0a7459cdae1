package dev.tandem.bench.sync;

import dev.tandem.bench.load.Args;
import dev.tandem.bench.load.LoadSupport;
import dev.tandem.ot.Delta;
import dev.tandem.ot.RichDocument;
import dev.tandem.protocol.Values.Range;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.ChangeOrigin;
import dev.tandem.sync.RoomLink;
import dev.tandem.sync.SyncConfig;
import dev.tandem.sync.SyncError;
import dev.tandem.sync.SyncListener;
import dev.tandem.sync.SyncSession;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code messages-per-keystroke}: one real {@link SyncSession} (OkHttp WebSocket, no journal)
 * types {@code --rate} characters per second for {@code --seconds} through a {@link LatencyProxy}
 * that delays each direction by {@code --delay-ms} (150 ms each way = 300 ms round trip) to a
 * running room server. After every keystroke the caret moves ({@code setSelection}). Op and
 * presence messages are counted at the proxy from the client's WebSocket frames.
 *
 * <p>The keystrokes run on the session's listener executor (the "UI thread"), as the app does.
 */
public final class MessagesPerKeystroke {
  private static final String TEXT = "the quick brown fox jumps over the lazy dog. ";

  private MessagesPerKeystroke() {}

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    String server = args.string("server", "ws://127.0.0.1:17073");
    LoadSupport.require(true, server);
    int seconds = args.integer("seconds", 60);
    int rate = args.integer("rate", 8);
    int delayMs = args.integer("delay-ms", 150);
    int sendDelayMs = args.integer("send-delay-ms", (int) SyncConfig.defaults().sendDelay().toMillis());
    int keystrokes = seconds * rate;

    URI uri = URI.create(server);
    LoadSupport.NewRoom room;
    try (HttpClient http = HttpClient.newHttpClient()) {
      room = LoadSupport.createRoom(http, server);
    }
    try (LatencyProxy proxy = new LatencyProxy(new InetSocketAddress(uri.getHost(), uri.getPort()), delayMs)) {
      ScheduledExecutorService ui = Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("ui").factory());
      RichDocument doc = RichDocument.of(Delta.document("\n"));
      List<SyncError> errors = new CopyOnWriteArrayList<>();
      SyncListener listener = new SyncListener() {
        @Override
        public void onChange(Delta change, ChangeOrigin origin) {
          doc.apply(change);
        }

        @Override
        public void onError(SyncError error) {
          errors.add(error);
        }
      };
      SyncConfig config = SyncConfig.builder().listenerExecutor(ui)
          .sendDelay(java.time.Duration.ofMillis(sendDelayMs)).build();
      System.out.printf("send delay (SyncConfig.sendDelay) %d ms%n", sendDelayMs);
      SyncSession session = SyncSession.connect(RoomLink.of("127.0.0.1", proxy.port(), room.id(), room.editKey()),
          new User("typist", "#336699"), config, listener);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (session.state() != SyncSession.State.OPEN) {
        if (System.nanoTime() > deadline || session.state().isTerminal()) {
          throw new IllegalStateException("not open: " + session.state() + " " + errors);
        }
        Thread.sleep(10);
      }
      System.out.printf("joined through the proxy (%d ms each way); server extensions: %s%n",
          delayMs, proxy.extensions().isEmpty() ? "none" : proxy.extensions());
      long opsBefore = proxy.count("op");
      long presenceBefore = proxy.count("presence");

      AtomicInteger typed = new AtomicInteger();
      CountDownLatch done = new CountDownLatch(1);
      long periodNanos = 1_000_000_000L / rate;
      long start = System.nanoTime();
      ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
      task[0] = ui.scheduleAtFixedRate(() -> {
        int i = typed.get();
        if (i >= keystrokes) {
          done.countDown();
          task[0].cancel(false);
          return;
        }
        int caret = i; // typing at the end of what was typed
        String ch = String.valueOf(TEXT.charAt(i % TEXT.length()));
        Delta change = Delta.builder().retain(caret).insert(ch).build();
        session.submit(change);
        doc.apply(change);
        session.setSelection(List.of(new Range(caret + 1, caret + 1)));
        typed.incrementAndGet();
      }, 0, periodNanos, TimeUnit.NANOSECONDS);
      done.await();
      double typingSeconds = (System.nanoTime() - start) / 1e9;
      long opsTyping = proxy.count("op") - opsBefore;
      long presenceTyping = proxy.count("presence") - presenceBefore;
      // drain: the last buffer goes out after the last ack
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (session.status().pendingEdits() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      Thread.sleep(2L * delayMs + 200); // frames still in the proxy's queue
      long ops = proxy.count("op") - opsBefore;
      long presence = proxy.count("presence") - presenceBefore;
      String expected = expectedText(keystrokes);
      String text = ui.submit(() -> doc.text()).get();
      System.out.printf("keystrokes %d in %.1f s (%d/s), round trip %s%n", keystrokes, typingSeconds,
          rate, session.status().roundTrip().map(d -> d.toMillis() + " ms (last op)").orElse("?"));
      System.out.printf("op messages: %d (%d while typing) -> %.3f op messages per keystroke%n",
          ops, opsTyping, ops / (double) keystrokes);
      System.out.printf("presence messages: %d (%d while typing) -> %.2f per second of typing%n",
          presence, presenceTyping, presenceTyping / typingSeconds);
      System.out.printf("revision %d, pending %d, document %s, client frames by type %s, errors %s%n",
          session.status().revision(), session.status().pendingEdits(),
          text.equals(expected + "\n") ? "as typed" : "DIFFERS", proxy.counts(), errors);
      session.close();
      ui.shutdown();
    }
  }

  static String expectedText(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(TEXT.charAt(i % TEXT.length()));
    }
    return sb.toString();
  }
}
