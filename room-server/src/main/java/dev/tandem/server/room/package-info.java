/**
 * Rooms: one authoritative actor per room id, owning the document, its history and its
 * participants, and serializing everything on one thread at a time.
 *
 * <p>A tour, by responsibility:
 *
 * <ul>
 *   <li>{@link dev.tandem.server.room.Room} is the actor's life: its {@code Mailbox} (the one
 *       thread), loading from storage, hibernation, retirement from the {@link
 *       dev.tandem.server.room.RoomRegistry}, and dropping its memory after a failure.
 *   <li>{@code RoomJoins} admits {@code hello}s and answers with a {@code welcome}; a catch-up
 *       older than memory is read on {@code CatchUpReads} threads while the joiner waits.
 *   <li>{@code RoomEdits} is the commit path: version gate, idempotence, transform
 *       ({@code RoomHistory.rebase}), author stamp ({@code AuthorStamp}), then group commit
 *       ({@code CommitPipeline}); once durable, acks and the fan-out ({@code Broadcast}) and a
 *       snapshot every N ops ({@code Snapshots}).
 *   <li>{@code RoomHistory} holds what hibernation drops: the document, the durable and accepted
 *       heads, the recent ops ({@code RecentOps}) and each client's last committed seq.
 *   <li>{@code RoomPresence}, {@code RoomChat} and {@code RoomAdmin} handle selections, chat and
 *       admin actions; {@code Participants} holds the joined connections and sends to them.
 * </ul>
 *
 * <p>Threads: every mutable object here except the registry is owned by its room's thread;
 * storage results come back as mailbox messages ({@code RoomCommand}).
 */
package dev.tandem.server.room;
