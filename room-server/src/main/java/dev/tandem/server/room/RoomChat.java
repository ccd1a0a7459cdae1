package dev.tandem.server.room;

import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.Protocol;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.Values.User;
import dev.tandem.server.store.ChatRecord;
import dev.tandem.server.store.RoomStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room's chat: a message is stored first and shown to everyone once durable; the last
 * {@link Protocol#RECENT_CHAT} messages are kept for joiners (loaded with the room, dropped when
 * it hibernates). Owned by the room's thread; the store's answer comes back through the mailbox.
 */
final class RoomChat {
  private static final Logger log = LoggerFactory.getLogger(RoomChat.class);

  private final String roomId;
  private final RoomStore store;
  private final Clock clock;
  private final int maxLength;
  private final Consumer<RoomCommand> mailbox;
  private final List<ChatRecord> recent = new ArrayList<>();
  private boolean loaded;

  RoomChat(String roomId, RoomStore store, Clock clock, int maxLength, Consumer<RoomCommand> mailbox) {
    this.roomId = roomId;
    this.store = store;
    this.clock = clock;
    this.maxLength = maxLength;
    this.mailbox = mailbox;
  }

  /** Reads the recent messages from storage unless they are in memory. */
  void load() {
    if (!loaded) {
      recent.clear();
      recent.addAll(store.recentChat(roomId, Protocol.RECENT_CHAT));
      loaded = true;
    }
  }

  /** Hibernation: the messages leave memory with the document. */
  void forget() {
    recent.clear();
    loaded = false;
  }

  /** The recent messages as a joiner's {@code welcome} carries them. */
  List<ServerMessage.Chat> forWelcome() {
    return recent.stream().map(RoomChat::message).toList();
  }

  void onChat(Participant from, ClientMessage.Chat chat, Participants participants) {
    String text = chat.text().strip();
    if (text.isEmpty() || text.length() > maxLength) {
      participants.reject(from, ErrorCode.CHAT_TOO_LONG, "a chat message must have 1 to "
          + maxLength + " characters", -1);
      return;
    }
    ChatRecord message = new ChatRecord(Ids.random(), from.clientId, from.user.name(), from.user.color(), text, clock.instant());
    store.appendChat(roomId, message)
        .whenComplete((ok, failure) -> mailbox.accept(new RoomCommand.ChatStored(message, failure)));
  }

  void onStored(RoomCommand.ChatStored stored, Participants participants) {
    if (stored.failure() != null) {
      log.warn("room {}: chat message not stored", roomId, stored.failure());
      return;
    }
    recent.add(stored.message());
    if (recent.size() > Protocol.RECENT_CHAT) {
      recent.removeFirst();
    }
    participants.sendToAll(message(stored.message()));
  }

  private static ServerMessage.Chat message(ChatRecord c) {
    return new ServerMessage.Chat(c.id(), c.clientId(), new User(c.userName(), c.userColor()),
        c.text(), c.time().toEpochMilli());
  }
}
