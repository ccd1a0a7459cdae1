package dev.tandem.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.Protocol;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.User;
import dev.tandem.server.store.InMemoryRoomStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Room objects leave the registry when nobody is in them and nothing is in memory, and a stale
 * reference still reaches the room (its messages are forwarded), so ids clients make up cannot
 * grow memory and there is never a second live actor for one id. Runs rooms on the calling thread.
 */
class RoomRegistryRetirementTest {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final InMemoryRoomStore store = new InMemoryRoomStore();
  private final RoomRegistry registry = new RoomRegistry(store, RoomConfig.DEFAULTS,
      Clock.systemUTC(), Runnable::run, timer, RoomObserver.NONE);

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  @Test
  void unknownIdsDoNotStayRegistered() {
    for (int i = 0; i < 100; i++) {
      RecordingConnection c = new RecordingConnection();
      String id = Ids.random();
      registry.room(id).join(c, hello(id, "key"));
      assertThat(c.closedWith).isEqualTo(ErrorCode.UNKNOWN_ROOM);
    }
    assertThat(registry.size()).isZero();
  }

  @Test
  void aStaleReferenceForwardsToTheCurrentRoom() {
    String id = Ids.random();
    Room stale = registry.room(id);
    RecordingConnection early = new RecordingConnection();
    stale.join(early, hello(id, "key")); // unknown yet: closed, and the object retires
    assertThat(registry.size()).isZero();

    RoomCreator.NewRoom created = new RoomCreator(store, Clock.systemUTC()).create();
    Room current = registry.room(created.id());
    RecordingConnection late = new RecordingConnection();
    current.join(late, hello(created.id(), created.editKey()));
    assertThat(late.received).first().isInstanceOf(ServerMessage.Welcome.class);

    // A message sent through a retired object reaches the registered one.
    Room retiredForCreated = registry.room(created.id());
    assertThat(retiredForCreated).isSameAs(current);
    stale.receive(early, new ClientMessage.Chat("ignored")); // early never joined: forwarded, refused
    assertThat(early.closedWith).isEqualTo(ErrorCode.UNKNOWN_ROOM);
  }

  private static ClientMessage.Hello hello(String room, String key) {
    return new ClientMessage.Hello(Protocol.PROTOCOL_VERSION, room, key, Ids.random(),
        new User("Ann", "#e91e63"), OptionalLong.empty());
  }

  private static final class RecordingConnection implements ClientConnection {
    final List<ServerMessage> received = new ArrayList<>();
    ErrorCode closedWith;

    @Override
    public boolean send(ServerMessage message) {
      received.add(message);
      return closedWith == null;
    }

    @Override
    public void close(ErrorCode code, String message) {
      if (closedWith == null) {
        closedWith = code;
      }
    }
  }
}
