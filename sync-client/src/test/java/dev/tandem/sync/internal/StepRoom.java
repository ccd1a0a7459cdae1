package dev.tandem.sync.internal;

import dev.tandem.ot.Delta;
import dev.tandem.ot.RichDocument;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.MessageCodec;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.User;
import dev.tandem.server.room.ClientConnection;
import dev.tandem.server.room.Room;
import dev.tandem.server.room.RoomConfig;
import dev.tandem.server.room.RoomCreator;
import dev.tandem.server.room.RoomObserver;
import dev.tandem.server.room.RoomRegistry;
import dev.tandem.server.store.InMemoryRoomStore;
import dev.tandem.sync.ChangeOrigin;
import dev.tandem.sync.SyncError;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A real {@link Room} (through the public {@link RoomRegistry}) run step by step on the test
 * thread, with {@link SessionCore}s connected to it by in-memory sockets whose frames go through
 * the real codec. Nothing moves until the test calls {@link #pump}: it runs the room's tasks and
 * hands each client the frames the room sent it, in order, until nothing is left. Single-threaded;
 * the registry's timer only serves hibernation, which is an hour away.
 */
final class StepRoom implements AutoCloseable {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().factory());
  private final ArrayDeque<Runnable> roomTasks = new ArrayDeque<>();
  private final List<Client> clients = new ArrayList<>();
  final RoomRegistry registry;
  final RoomCreator.NewRoom room;

  StepRoom(RoomConfig config) {
    InMemoryRoomStore store = new InMemoryRoomStore();
    registry = new RoomRegistry(store, config.withHibernateAfter(Duration.ofHours(1)), Clock.systemUTC(),
        roomTasks::add, timer, RoomObserver.NONE);
    room = new RoomCreator(store, Clock.systemUTC()).create();
  }

  /** A client that joined and had {@code text} committed; nothing pending, nothing recorded as sent. */
  Client joinedWith(String text) {
    Client c = client();
    c.connect();
    pump();
    c.type(Delta.builder().insert(text).build());
    pump();
    org.assertj.core.api.Assertions.assertThat(c.core.pendingEdits()).isZero();
    c.sent.clear();
    return c;
  }

  /** {@code c}'s session, its editor and the room all hold {@code text}, with nothing pending. */
  void assertConverged(Client c, String text) {
    org.assertj.core.api.Assertions.assertThat(c.core.localDocument().text()).isEqualTo(text);
    org.assertj.core.api.Assertions.assertThat(c.editor.text()).isEqualTo(text);
    org.assertj.core.api.Assertions.assertThat(c.core.pendingEdits()).isZero();
    org.assertj.core.api.Assertions.assertThat(c.core.state()).isInstanceOf(ClientState.Synchronized.class);
    Delta server = serverDocument();
    org.assertj.core.api.Assertions.assertThat(c.core.localDocument().toDelta()).isEqualTo(server);
    org.assertj.core.api.Assertions.assertThat(c.editor.toDelta()).isEqualTo(server);
  }

  /** A client whose core is made by {@code core} from the client's output (so it can send). */
  Client client(java.util.function.Function<SessionCore.Output, SessionCore> core) {
    Client c = new Client();
    c.core = core.apply(c);
    clients.add(c);
    return c;
  }

  /** A client without a journal, with a fresh client id. */
  Client client() {
    return client(out -> new SessionCore(room.id(), room.editKey(), new User("u", "#123456"),
        Ids.random(), null, new UndoStack(1_000, 100), () -> 0, out));
  }

  /** Runs the room and delivers every frame, both ways, until nothing moves. */
  void pump() {
    boolean moved = true;
    while (moved) {
      moved = false;
      while (!roomTasks.isEmpty()) {
        roomTasks.poll().run();
        moved = true;
      }
      for (Client c : clients) {
        moved |= c.receiveAll();
      }
    }
  }

  /** The room's document, as a fresh client joining now gets it. */
  Delta serverDocument() {
    Client probe = client();
    probe.connect();
    pump();
    Delta doc = probe.core.localDocument().toDelta();
    probe.disconnect();
    clients.remove(probe);
    return doc;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /** One client: a core, the editor it feeds (deliveries only), and its current socket. */
  final class Client implements SessionCore.Output {
    SessionCore core;
    final RichDocument editor = RichDocument.of(Delta.document("\n"));
    final List<SyncError> errors = new ArrayList<>();
    final List<ClientMessage> sent = new ArrayList<>();
    Socket socket;

    /** Opens a socket and sends the core's hello on it. */
    void connect() {
      socket = new Socket(this, registry.room(room.id()));
      socket.toServer(core.hello());
    }

    /** The socket drops (the room sees it leave). */
    void disconnect() {
      Socket s = socket;
      socket = null;
      s.closed = true;
      s.room.leave(s);
      core.disconnected();
    }

    /** The process dies: the socket is gone and the core is never used again. */
    void crash() {
      Socket s = socket;
      socket = null;
      if (s != null) {
        s.closed = true;
        s.room.leave(s);
      }
      clients.remove(this);
    }

    boolean receiveAll() {
      Socket s = socket;
      if (s == null || s.inbox.isEmpty()) {
        return false;
      }
      while (!s.inbox.isEmpty() && socket == s) {
        core.onMessage(MessageCodec.decodeServer(s.inbox.poll()));
      }
      return true;
    }

    /** A local edit, as the editor makes it: applied to the editor when the core accepts it. */
    void type(Delta edit) {
      if (core.localEdit(edit) == dev.tandem.sync.Outcome.ACCEPTED) {
        editor.apply(Changes.stamp(edit, core.clientId()));
      }
    }

    @Override
    public boolean send(ClientMessage message) {
      sent.add(message);
      if (socket == null) {
        return false;
      }
      socket.toServer(message);
      return true;
    }

    @Override
    public void deliver(Delta change, ChangeOrigin origin) {
      editor.apply(change);
    }

    @Override
    public void error(SyncError error) {
      errors.add(error);
    }
  }

  /** Both ends of one in-memory socket; the room's frames wait in {@link #inbox} for the pump. */
  final class Socket implements ClientConnection {
    final Client client;
    final Room room;
    final ArrayDeque<String> inbox = new ArrayDeque<>();
    boolean closed;
    boolean helloSent;

    Socket(Client client, Room room) {
      this.client = client;
      this.room = room;
    }

    void toServer(ClientMessage message) {
      if (closed) {
        return;
      }
      ClientMessage decoded = MessageCodec.decodeClient(MessageCodec.encode(message));
      if (!helloSent) {
        helloSent = true;
        room.join(this, (ClientMessage.Hello) decoded);
      } else {
        room.receive(this, decoded);
      }
    }

    @Override
    public boolean send(ServerMessage message) {
      if (closed) {
        return false;
      }
      inbox.add(MessageCodec.encode(message));
      return true;
    }

    @Override
    public void close(ErrorCode code, String message) {
      if (closed) {
        return;
      }
      send(ServerMessage.Error.of(code, message));
      closed = true; // what was queued is still read by the client; nothing more arrives
      room.leave(this);
    }
  }
}
