package dev.tandem.sync.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.Ids;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir Path dir;
  final String room = Ids.random();

  Journal written() throws IOException {
    Journal j = Journal.open(dir, room);
    j.read();
    j.rewrite(new JournalRecord.Snapshot(Ids.random(), true, 3, 5, Delta.document("ab\n"),
        new PendingOp(4, Delta.builder().insert("x").build()), null, 1, 0));
    j.appendEdit(new JournalRecord.Edit(Delta.builder().retain(1).insert("y").build()));
    j.append(new JournalRecord.Remote(4, Delta.builder().insert("r").build()));
    j.append(new JournalRecord.Ack(4, 5));
    return j;
  }

  @Test
  void roundTrips() throws IOException {
    written().close();
    try (Journal j = Journal.open(dir, room)) {
      Journal.Contents c = j.read();
      assertThat(c.problem()).isNull();
      assertThat(c.records()).hasSize(4);
      assertThat(c.records().get(3)).isEqualTo(new JournalRecord.Ack(4, 5));
    }
  }

  @Test
  void aTornTailIsReportedAndOnlyThePrefixIsUsed() throws IOException {
    written().close();
    Path file = dir.resolve(room + ".journal");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(f.length() - 3);
    }
    try (Journal j = Journal.open(dir, room)) {
      Journal.Contents c = j.read();
      assertThat(c.problem()).contains("claims");
      assertThat(c.records()).hasSize(3);
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.contains(".corrupt-"));
    }
  }

  @Test
  void aFlippedByteFailsTheChecksum() throws IOException {
    written().close();
    Path file = dir.resolve(room + ".journal");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 20] ^= 0x01;
    Files.write(file, bytes);
    try (Journal j = Journal.open(dir, room)) {
      Journal.Contents c = j.read();
      assertThat(c.problem()).contains("checksum");
      assertThat(c.records()).hasSize(3);
    }
  }

  @Test
  void aSecondSessionCannotOpenTheSameJournal() throws IOException {
    try (Journal j = Journal.open(dir, room)) {
      assertThatThrownBy(() -> Journal.open(dir, room)).isInstanceOf(Journal.JournalLockedException.class);
    }
  }
}
