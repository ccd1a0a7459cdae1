package dev.tandem.sync.internal;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.Role;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.CommittedOp;
import dev.tandem.protocol.Values.Limits;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.ChangeOrigin;
import dev.tandem.sync.KnownDocument;
import java.time.Duration;
import java.util.List;

/**
 * Runs a session's code once, in memory — no socket, no file — so that the first real session of
 * a process does not start cold: the classes of the session, the protocol codec, Jackson and
 * OkHttp loaded and initialised, and the per-character paths (documents, JSON, the journal's
 * encoding) run often enough for the JIT to have compiled them. What it builds is garbage when it
 * returns. Any thread; ~0.1–0.3 s of one core in a fresh JVM.
 */
public final class WarmUp {
  private WarmUp() {}

  /** Lines of 80 characters in the practice document (about 160 KB): enough for the JIT. */
  private static final int LINES = 2_000;

  /** Returns the length of the practice session's document at the end (for a test to check). */
  public static int run() {
    StringBuilder text = new StringBuilder(LINES * 80);
    for (int i = 0; i < LINES; i++) {
      text.append("warming up the session: line ").append(i).repeat(' ', 50 - String.valueOf(i).length())
          .append('\n');
    }
    Delta document = Delta.document(text.toString());
    String roomId = Ids.random();
    String clientId = Ids.random();
    User user = new User("warm-up", "#000000");
    SessionCore core = new SessionCore(roomId, Ids.random(), user, clientId, null,
        new UndoStack(Duration.ofSeconds(1).toMillis(), 500), System::currentTimeMillis, new Inert());

    // The host's path: start from the document, join by revision, type, get acks.
    core.startFrom(new KnownDocument(0, document));
    String hello = MessageCodec.encode(core.hello());
    MessageCodec.decodeClient(hello);
    PeerInfo you = new PeerInfo(clientId, user, Role.ADMIN);
    core.onMessage(MessageCodec.decodeServer(MessageCodec.encode(
        ServerMessage.Welcome.catchUp(0, List.of(), you, List.of(), List.of(), Limits.DEFAULTS))));
    long rev = 0;
    for (int i = 0; i < 300; i++) {
      core.localEdit(Delta.builder().retain(i).insert("x").build());
      if (core.state() instanceof ClientState.AwaitingConfirm a) {
        core.onMessage(MessageCodec.decodeServer(MessageCodec.ackFrame(a.outstanding().seq(), ++rev)));
      }
    }
    // Someone else's ops, as the server frames them.
    for (int i = 0; i < 50; i++) {
      String op = MessageCodec.encodeCommittedOp(new CommittedOp(++rev, Ids.random(), i + 1,
          Delta.builder().retain(10 * i).insert("y").build()));
      core.onMessage(MessageCodec.decodeServer(MessageCodec.opsFrame(List.of(op))));
    }
    // The journal's encoding of the snapshot, in memory.
    Journal.encodeToBytes(core.snapshot());
    // A guest's join: a welcome carrying the whole document.
    MessageCodec.decodeServer(MessageCodec.encode(ServerMessage.Welcome.snapshot(rev,
        core.serverDocument().toDelta(), you, List.of(), List.of(), Limits.DEFAULTS)));
    // OkHttp's classes (no connection is made; the client starts no thread before one).
    new OkHttpTransport(Duration.ofSeconds(10), Duration.ofSeconds(30)).shutdown();
    return core.localDocument().length();
  }

  /** Effects go nowhere. */
  private static final class Inert implements SessionCore.Output {
    @Override
    public boolean send(ClientMessage message) {
      MessageCodec.encode(message); // what the engine does with a frame before sending it
      return true;
    }

    @Override
    public void deliver(Delta change, ChangeOrigin origin) {}
  }
}
