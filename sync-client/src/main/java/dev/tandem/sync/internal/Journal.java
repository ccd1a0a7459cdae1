package dev.tandem.sync.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.protocol.DeltaJson;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A room's durable local journal: {@code <dir>/<roomId>.journal}, an append-only sequence of
 * {@link JournalRecord}s, the first always a {@link JournalRecord.Snapshot}.
 *
 * <p>Encoding of each record: {@code int32 length | int32 CRC-32C of payload | payload}, big
 * endian, payload = one UTF-8 JSON object. Reading stops at the first record that is short, has an
 * impossible length, fails its checksum or does not parse; the valid prefix is used, the problem
 * is reported (never silently applied or skipped) and the damaged file is kept as
 * {@code .corrupt-<millis>}.
 *
 * <p>Durability: a local edit counts as made only once it is on disk. {@link #appendEdit} only
 * writes it; {@link #force} makes every edit appended so far durable with one {@code fdatasync},
 * so the owner can append a whole batch of edits and force once ({@link SessionCore#endBatch}).
 * Invariant kept by the owner: no edit is sent to the server, and none is reported durable to the
 * caller, while {@link #hasUnforcedEdits()} says it may still be only in the page cache. Remote ops
 * and acks are appended without forcing: losing a suffix of them is harmless, because the server
 * sends them again on the next reconnect by revision — except an ack that turns the buffer into
 * the next op, which decides what that op's seq carries: the owner forces it ({@link #forceAll})
 * before that op can leave (see {@code SessionCore.applyAck}). {@link #rewrite} writes a snapshot to a
 * temporary file, forces it and renames it over the journal (compaction); the snapshot contains
 * every edit appended before it, so it leaves nothing unforced.
 *
 * <p>A lock on {@code <roomId>.lock} keeps two sessions of one process or two processes from
 * sharing a journal (they would share a client id). Thread: owned by the engine thread.
 */
public final class Journal implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_RECORD = 256 << 20;

  /**
   * Opens the journal's files: {@link FileChannel#open} in production; tests decorate it to count
   * or hold forces on the real file.
   */
  @FunctionalInterface
  interface Channels {
    FileChannel open(Path file, java.nio.file.OpenOption... options) throws IOException;
  }

  private final Path file;
  private final Channels channels;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private FileChannel channel;
  private int recordsSinceSnapshot;
  /** Edits appended since the last force (or snapshot): written, maybe not yet on disk. */
  private int unforcedEdits;
  /** Some record (edit or not) was appended since the last force (or snapshot). */
  private boolean unforcedRecords;

  /** What was read from disk: the valid records and, if any, why reading stopped early. */
  public record Contents(List<JournalRecord> records, String problem) {}

  private Journal(Path file, Channels channels, FileChannel lockChannel, FileLock lock) {
    this.file = file;
    this.channels = channels;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Locks and opens the journal of {@code roomId} under {@code dir} (created if missing).
   *
   * @throws JournalLockedException if another session holds it
   */
  public static Journal open(Path dir, String roomId) throws IOException {
    return open(dir, roomId, FileChannel::open);
  }

  /** {@link #open(Path, String)} with the journal's files opened by {@code channels} (tests). */
  static Journal open(Path dir, String roomId, Channels channels) throws IOException {
    Files.createDirectories(dir);
    FileChannel lockChannel = FileChannel.open(dir.resolve(roomId + ".lock"),
        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new JournalLockedException("another session is using the journal of room " + roomId);
    }
    return new Journal(dir.resolve(roomId + ".journal"), channels, lockChannel, lock);
  }

  /** Thrown by {@link #open} when the journal is in use. */
  public static final class JournalLockedException extends IOException {
    JournalLockedException(String message) {
      super(message);
    }
  }

  public Path file() {
    return file;
  }

  /** Reads every valid record; keeps a copy of a damaged file. Call before writing. */
  public Contents read() throws IOException {
    if (!Files.exists(file)) {
      return new Contents(List.of(), null);
    }
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    List<JournalRecord> records = new ArrayList<>();
    String problem = null;
    while (in.hasRemaining()) {
      int at = in.position();
      if (in.remaining() < 8) {
        problem = "partial record header at byte " + at;
        break;
      }
      int length = in.getInt();
      int crc = in.getInt();
      if (length <= 0 || length > MAX_RECORD || length > in.remaining()) {
        problem = "record at byte " + at + " claims " + length + " bytes, " + in.remaining() + " remain";
        break;
      }
      byte[] payload = new byte[length];
      in.get(payload);
      CRC32C check = new CRC32C();
      check.update(payload);
      if ((int) check.getValue() != crc) {
        problem = "checksum mismatch in record at byte " + at;
        break;
      }
      try {
        JournalRecord record = decode(JSON.readTree(payload));
        if (records.isEmpty() != (record instanceof JournalRecord.Snapshot)) {
          problem = "record at byte " + at + ": a journal starts with exactly one snapshot";
          break;
        }
        records.add(record);
      } catch (RuntimeException | IOException e) {
        problem = "unreadable record at byte " + at + ": " + e.getMessage();
        break;
      }
    }
    if (problem != null) {
      Files.copy(file, file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis()),
          StandardCopyOption.REPLACE_EXISTING);
    }
    return new Contents(List.copyOf(records), problem);
  }

  /** Replaces the journal with one snapshot, atomically and durably. */
  public void rewrite(JournalRecord.Snapshot snapshot) throws IOException {
    if (channel != null) {
      // Edits appended since the last force go to disk first: if the snapshot below fails, the
      // old file must still hold them (the session then continues without a journal).
      force();
      channel.close();
      channel = null;
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel out = channels.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      write(out, snapshot);
      out.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = channels.open(file.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException ignored) {
      // Some file systems cannot open a directory; the rename is still atomic.
    }
    channel = channels.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    recordsSinceSnapshot = 0;
    unforcedEdits = 0; // the forced snapshot holds every edit appended before it
    unforcedRecords = false;
  }

  /**
   * Appends a local edit without forcing it: it is durable only after the next {@link #force} (or
   * {@link #rewrite}). Until then it must not be sent nor reported durable.
   */
  public void appendEdit(JournalRecord.Edit edit) throws IOException {
    write(channel, edit);
    unforcedEdits++;
    unforcedRecords = true;
    recordsSinceSnapshot++;
  }

  /**
   * Makes every edit appended so far durable with one force of the file (records are appended in
   * order, so forcing the file covers the acks and remote ops written between them too). No-op
   * when nothing is unforced.
   */
  public void force() throws IOException {
    if (unforcedEdits == 0) {
      return;
    }
    channel.force(false);
    unforcedEdits = 0;
    unforcedRecords = false;
  }

  /**
   * Makes every record appended so far durable, edits or not (no-op when nothing is unforced): for
   * a record whose loss would change what a replay sends under a seq the server may have
   * committed.
   */
  public void forceAll() throws IOException {
    if (!unforcedRecords) {
      return;
    }
    channel.force(false);
    unforcedEdits = 0;
    unforcedRecords = false;
  }

  /** Whether an edit was appended since the last {@link #force}: it may not be on disk yet. */
  public boolean hasUnforcedEdits() {
    return unforcedEdits > 0;
  }

  /** Appends a remote op or an ack (not forced; see the type's comment). */
  public void append(JournalRecord record) throws IOException {
    write(channel, record);
    unforcedRecords = true;
    recordsSinceSnapshot++;
  }

  public int recordsSinceSnapshot() {
    return recordsSinceSnapshot;
  }

  /** Forces what is unforced, then closes and unlocks. */
  @Override
  public void close() throws IOException {
    try {
      if (channel != null) {
        try {
          force();
        } finally {
          channel.close();
        }
      }
    } finally {
      lock.release();
      lockChannel.close();
    }
  }

  /**
   * After a write or force failed, while the session goes on without a journal: closes it without
   * forcing and moves the file aside as {@code .failed-<millis>}, so that it is never replayed. A
   * replay would restore an older state whose next seqs the session has since used for other
   * edits, which the server would take as resends of those (acknowledged, never applied). Best
   * effort: if the file cannot be moved, it is deleted; if neither works, the error is rethrown.
   */
  public void abandon() throws IOException {
    try {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // failing already; moving the file aside is what matters
        }
        channel = null;
      }
      if (Files.exists(file)) {
        try {
          Files.move(file, file.resolveSibling(file.getFileName() + ".failed-" + System.currentTimeMillis()),
              StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException moveFailed) {
          Files.deleteIfExists(file);
        }
      }
    } finally {
      lock.release();
      lockChannel.close();
    }
  }

  private static void write(FileChannel out, JournalRecord record) throws IOException {
    byte[] payload = encodeToBytes(record);
    CRC32C crc = new CRC32C();
    crc.update(payload);
    // Header and payload written together, without copying a 10 MB snapshot into a second buffer.
    ByteBuffer[] bufs = {ByteBuffer.allocate(8).putInt(payload.length).putInt((int) crc.getValue()).flip(),
        ByteBuffer.wrap(payload)};
    while (bufs[1].hasRemaining()) {
      out.write(bufs);
    }
  }

  /** A record's payload: one UTF-8 JSON object. */
  static byte[] encodeToBytes(JournalRecord record) {
    try {
      return JSON.writeValueAsBytes(encode(record));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a journal record could not be encoded", e);
    }
  }

  static ObjectNode encode(JournalRecord record) {
    ObjectNode n = JSON.createObjectNode();
    switch (record) {
      case JournalRecord.Snapshot s -> {
        n.put("t", "snapshot").put("clientId", s.clientId()).put("hasBase", s.hasBase())
            .put("rev", s.rev()).put("nextSeq", s.nextSeq())
            .put("outstandingEdits", s.outstandingEdits()).put("bufferedEdits", s.bufferedEdits());
        n.set("serverDoc", DeltaJson.toTree(s.serverDoc()));
        if (s.outstanding() != null) {
          n.put("outSeq", s.outstanding().seq());
          n.set("out", DeltaJson.toTree(s.outstanding().delta()));
        }
        if (s.buffer() != null) {
          n.set("buffer", DeltaJson.toTree(s.buffer()));
        }
        if (s.splitInFlight()) {
          n.put("splitInFlight", true); // absent (older journals): false
        }
      }
      case JournalRecord.Edit e -> {
        n.put("t", "edit").set("delta", DeltaJson.toTree(e.change()));
        if (e.hold()) {
          n.put("hold", true);
        }
      }
      case JournalRecord.Remote r -> n.put("t", "remote").put("rev", r.rev()).set("delta", DeltaJson.toTree(r.op()));
      case JournalRecord.Ack a -> {
        n.put("t", "ack").put("seq", a.seq()).put("rev", a.rev());
        if (a.hold()) {
          n.put("hold", true);
        }
      }
      case JournalRecord.Flush f -> n.put("t", "flush").put("seq", f.seq());
    }
    return n;
  }

  static JournalRecord decode(JsonNode n) {
    String t = n.path("t").asText();
    return switch (t) {
      case "snapshot" -> new JournalRecord.Snapshot(text(n, "clientId"), n.path("hasBase").asBoolean(),
          num(n, "rev"), num(n, "nextSeq"), DeltaJson.fromTree(n.get("serverDoc")),
          n.has("out") ? new PendingOp(num(n, "outSeq"), DeltaJson.fromTree(n.get("out"))) : null,
          n.has("buffer") ? DeltaJson.fromTree(n.get("buffer")) : null,
          (int) num(n, "outstandingEdits"), (int) num(n, "bufferedEdits"),
          n.has("buffer") && n.path("splitInFlight").asBoolean());
      case "edit" -> new JournalRecord.Edit(DeltaJson.fromTree(n.get("delta")), n.path("hold").asBoolean());
      case "remote" -> new JournalRecord.Remote(num(n, "rev"), DeltaJson.fromTree(n.get("delta")));
      case "ack" -> new JournalRecord.Ack(num(n, "seq"), num(n, "rev"), n.path("hold").asBoolean());
      case "flush" -> new JournalRecord.Flush(num(n, "seq"));
      default -> throw new IllegalArgumentException("unknown record type '" + t + "'");
    };
  }

  private static long num(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.canConvertToExactIntegral()) {
      throw new IllegalArgumentException("field " + field + " missing or not an integer");
    }
    return v.asLong();
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("field " + field + " missing or not a string");
    }
    return v.asText();
  }
}
