package dev.tandem.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import org.junit.jupiter.api.Test;

class AuthorStampTest {
  @Test
  void stampsInsertsAndStripsAuthorFromRetains() {
    Delta forged = Delta.builder()
        .retain(2, Attributes.of("author", "someone", "bold", true))
        .insert("hi", Attributes.of("author", "someone-else"))
        .delete(1)
        .build();
    assertThat(AuthorStamp.stamp(forged, "me")).isEqualTo(Delta.builder()
        .retain(2, Attributes.of("bold", true))
        .insert("hi", Attributes.of("author", "me"))
        .delete(1)
        .build());
  }

  @Test
  void isANoOpForAWellBehavedClient() {
    Delta own = Delta.builder().retain(3).insert("x", Attributes.of("author", "me")).build();
    assertThat(AuthorStamp.stamp(own, "me")).isEqualTo(own);
  }
}
