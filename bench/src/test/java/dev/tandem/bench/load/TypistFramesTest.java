package dev.tandem.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.PropertyCheck;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.Ids;
import dev.tandem.protocol.MessageCodec;
import org.junit.jupiter.api.Test;

/** The load generator's hand-written {@code op} frames are exactly what {@code MessageCodec} writes. */
class TypistFramesTest {
  record Edit(long base, long seq, int pos, String text, int deleted, String clientId) {}

  @Test
  void submitFramesEqualTheCodecs() {
    PropertyCheck.forAll("submit frames", r -> {
      String clientId = r.nextInt(4) == 0 ? "a\"b\\c" : Ids.random();
      int pos = r.nextInt(3) == 0 ? 0 : r.nextInt(100_000);
      boolean insert = r.nextBoolean();
      return new Edit(r.nextLong(0, 1L << 40), 1 + r.nextLong(1L << 40), pos,
          insert ? "abc".substring(0, 1 + r.nextInt(3)) : null, insert ? 0 : 1 + r.nextInt(3), clientId);
    }, e -> {
      Delta.Builder delta = Delta.builder().retain(e.pos());
      if (e.text() != null) {
        delta.insert(e.text(), Attributes.of("author", e.clientId()));
      } else {
        delta.delete(e.deleted());
      }
      String expected = MessageCodec.encode(new ClientMessage.Submit(e.base(), e.seq(), delta.build()));
      assertThat(Typist.submitFrame(e.base(), e.seq(), e.pos(), e.text(), e.deleted(), Typist.jsonString(e.clientId())))
          .isEqualTo(expected);
    });
  }
}
