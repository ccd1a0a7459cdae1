package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.tandem.sync.RandomEdits;
import dev.tandem.sync.SyncError;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * N real {@link SessionCore}s and a real {@link Room} (through the public {@link RoomRegistry})
 * over an in-memory network in virtual time. A seeded random chooses per-direction delays,
 * local edits (text and formatting), undo and redo, disconnects and server restarts (a fresh
 * registry over the same store: the room is rebuilt from storage). Frames go through the real
 * codec. After quiescence every client's document, the editor mirror fed by its deliveries, and
 * the server's document are equal. A failure prints the seed; rerun one with -Dsim.seed=N.
 */
class ConvergenceSimulationTest {
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().daemon().factory());
  private static final RoomConfig ROOMS = RoomConfig.DEFAULTS.withHibernateAfter(Duration.ofHours(1));

  @AfterAll
  static void stopTimer() {
    TIMER.shutdownNow();
  }

  @Test
  void thousandSchedulesConverge() {
    String fixed = System.getProperty("sim.seed");
    int schedules = Integer.getInteger("sim.schedules", 1_000);
    long base = fixed != null ? Long.parseLong(fixed) : System.nanoTime();
    int runs = fixed != null ? 1 : schedules;
    for (int i = 0; i < runs; i++) {
      long seed = base + i;
      try {
        new Simulation(seed).run();
      } catch (Throwable t) {
        throw new AssertionError("schedule failed; reproduce with -Dsim.seed=" + seed, t);
      }
    }
    System.out.println("ConvergenceSimulationTest: " + runs + " schedules converged (seeds "
        + base + ".." + (base + runs - 1) + ")");
  }

  /** One schedule. Single-threaded: room tasks run on {@link #roomTasks}, drained by the loop. */
  static final class Simulation {
    final Random random;
    final long seed;
    final InMemoryRoomStore store = new InMemoryRoomStore();
    final ArrayDeque<Runnable> roomTasks = new ArrayDeque<>();
    final PriorityQueue<Event> events = new PriorityQueue<>();
    long now;
    long eventSeq;
    RoomRegistry registry;
    RoomCreator.NewRoom room;
    final List<SimClient> clients = new ArrayList<>();

    record Event(long time, long seq, Runnable action) implements Comparable<Event> {
      @Override
      public int compareTo(Event o) {
        return time != o.time ? Long.compare(time, o.time) : Long.compare(seq, o.seq);
      }
    }

    Simulation(long seed) {
      this.seed = seed;
      this.random = new Random(seed);
      registry = newRegistry();
      room = new RoomCreator(store, Clock.systemUTC()).create();
    }

    RoomRegistry newRegistry() {
      return new RoomRegistry(store, ROOMS, Clock.systemUTC(), roomTasks::add, TIMER, RoomObserver.NONE);
    }

    void at(long delay, Runnable action) {
      events.add(new Event(now + delay, eventSeq++, action));
    }

    void run() {
      int n = 2 + random.nextInt(3);
      for (int i = 0; i < n; i++) {
        SimClient c = new SimClient(this, "c" + i);
        clients.add(c);
        at(random.nextInt(50), c::connect);
      }
      int actions = 10 + random.nextInt(40);
      for (int i = 0; i < actions; i++) {
        SimClient c = clients.get(random.nextInt(n));
        long when = random.nextInt(2_000);
        int what = random.nextInt(100);
        long actionSeed = random.nextLong();
        events.add(new Event(when, eventSeq++, () -> c.act(what, new Random(actionSeed))));
      }
      if (random.nextInt(4) == 0) {
        events.add(new Event(random.nextInt(2_000), eventSeq++, this::restartServer));
      }
      drain();
      // Quiescence: everyone online, nothing in flight.
      for (SimClient c : clients) {
        if (c.connection == null) {
          c.connect();
        }
      }
      drain();
      check();
    }

    void drain() {
      int guard = 0;
      while (!events.isEmpty() || !roomTasks.isEmpty()) {
        if (++guard > 1_000_000) {
          throw new AssertionError("no quiescence");
        }
        if (!roomTasks.isEmpty()) {
          roomTasks.poll().run();
          continue;
        }
        Event e = events.poll();
        now = Math.max(now, e.time());
        e.action().run();
      }
    }

    void restartServer() {
      // The room's memory is gone; every socket drops; the next joins rebuild it from storage.
      for (SimClient c : clients) {
        if (c.connection != null) {
          c.lose();
        }
      }
      roomTasks.clear();
      registry = newRegistry();
    }

    void check() {
      SimClient probe = new SimClient(this, "probe");
      probe.connect();
      drain();
      Delta server = probe.core.localDocument().toDelta();
      long head = probe.core.revision();
      for (SimClient c : clients) {
        assertThat(c.errors).as("errors of %s", c.name).isEmpty();
        assertThat(c.core.state()).as("state of %s", c.name).isInstanceOf(ClientState.Synchronized.class);
        assertThat(c.core.revision()).as("revision of %s", c.name).isEqualTo(head);
        assertThat(c.core.localDocument().toDelta()).as("document of %s", c.name).isEqualTo(server);
        assertThat(c.editor.toDelta()).as("editor of %s", c.name).isEqualTo(server);
      }
    }
  }

  /** A client: a SessionCore, an editor mirror fed only by deliveries and own edits, a socket. */
  static final class SimClient implements SessionCore.Output {
    final Simulation sim;
    final String name;
    final SessionCore core;
    final RichDocument editor = RichDocument.of(Delta.document("\n"));
    final List<SyncError> errors = new ArrayList<>();
    SimConnection connection;

    SimClient(Simulation sim, String name) {
      this.sim = sim;
      this.name = name;
      this.core = new SessionCore(sim.room.id(), sim.room.editKey(), new User(name, "#123456"),
          Ids.random(), null, new UndoStack(1_000, 100), () -> sim.now, this);
      core.holdSends(sim.random.nextBoolean()); // send coalescing on for about half the clients
      // About half the clients take acks as separate frames, as a client of before acksInOps
      // (docs/protocol.md §5) would: SessionCore must handle both.
      acksInOps = sim.random.nextBoolean();
    }

    /** Whether this client's hellos ask for acks in the shared ops frame. */
    final boolean acksInOps;

    @Override
    public void holdStarted() {
      sim.at(1 + sim.random.nextInt(100), core::flushHeld); // the send delay, in virtual time
    }

    void connect() {
      connection = new SimConnection(this, sim.registry.room(sim.room.id()));
      ClientMessage.Hello asked = core.hello();
      assertThat(asked.acksInOps()).isTrue();
      ClientMessage.Hello hello = new ClientMessage.Hello(asked.v(), asked.room(), asked.key(), asked.clientId(),
          asked.user(), asked.since(), acksInOps);
      connection.toServer(hello);
    }

    void lose() {
      SimConnection c = connection;
      connection = null;
      c.closed = true;
      c.room.leave(c);
      core.disconnected();
    }

    void act(int what, Random r) {
      if (what < 60) {
        Delta edit = RandomEdits.next(r, core.localDocument().length());
        if (core.localEdit(edit) == dev.tandem.sync.Outcome.ACCEPTED) {
          editor.apply(Changes.stamp(edit, core.clientId()));
        }
      } else if (what < 72) {
        core.undo();
      } else if (what < 80) {
        core.redo();
      } else if (what < 90 && connection != null) {
        lose();
        sim.at(1 + r.nextInt(300), () -> {
          if (connection == null) {
            connect();
          }
        });
      } else if (connection == null) {
        connect();
      }
    }

    @Override
    public boolean send(ClientMessage message) {
      if (connection == null) {
        return false;
      }
      connection.toServer(message);
      return true;
    }

    @Override
    public void deliver(Delta change, ChangeOrigin origin) {
      editor.apply(change);
    }

    @Override
    public void error(SyncError error) {
      if (!error.code().equals("replaced")) {
        errors.add(error);
      }
    }
  }

  /** Both directions of one socket: FIFO per direction, random latency, dead once closed. */
  static final class SimConnection implements ClientConnection {
    final SimClient client;
    final Room room;
    boolean closed;
    /** The server closed its end: like a real socket, it reads nothing more from this one. */
    boolean serverClosed;
    long lastUp;
    long lastDown;
    boolean helloSent;

    SimConnection(SimClient client, Room room) {
      this.client = client;
      this.room = room;
    }

    void toServer(ClientMessage message) {
      Simulation sim = client.sim;
      String frame = MessageCodec.encode(message);
      lastUp = Math.max(lastUp, sim.now + sim.random.nextInt(40));
      boolean first = !helloSent;
      helloSent = true;
      sim.events.add(new Simulation.Event(lastUp, sim.eventSeq++, () -> {
        if (closed || serverClosed) {
          return;
        }
        ClientMessage decoded = MessageCodec.decodeClient(frame);
        if (first) {
          room.join(this, (ClientMessage.Hello) decoded);
        } else {
          room.receive(this, decoded);
        }
      }));
    }

    @Override
    public boolean send(ServerMessage message) {
      if (closed) {
        return false;
      }
      Simulation sim = client.sim;
      String frame = MessageCodec.encode(message);
      lastDown = Math.max(lastDown, sim.now + sim.random.nextInt(40));
      sim.events.add(new Simulation.Event(lastDown, sim.eventSeq++, () -> {
        if (!closed && client.connection == this) {
          client.core.onMessage(MessageCodec.decodeServer(frame));
        }
      }));
      return true;
    }

    @Override
    public void close(ErrorCode code, String message) {
      if (closed || serverClosed) {
        return;
      }
      send(ServerMessage.Error.of(code, message));
      serverClosed = true;
      Simulation sim = client.sim;
      sim.events.add(new Simulation.Event(lastDown + 1, sim.eventSeq++, () -> {
        if (client.connection == this) {
          client.lose();
        } else {
          closed = true;
          room.leave(this);
        }
      }));
    }
  }
}
