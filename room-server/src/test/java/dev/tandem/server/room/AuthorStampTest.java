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

  @Test
  void insertsOfTheStampOrOfNothingShareTheParticipantsStampInstance() {
    Attributes stamp = AuthorStamp.author("me");
    Delta typed = Delta.builder().retain(3).insert("x", Attributes.of("author", "me")).retain(1)
        .insert("y").build();
    Delta stamped = AuthorStamp.stamp(typed, stamp);
    assertThat(stamped).isEqualTo(Delta.builder().retain(3).insert("x", stamp).retain(1).insert("y", stamp).build());
    for (dev.tandem.ot.Op op : stamped) {
      if (op instanceof dev.tandem.ot.Op.Insert ins) {
        assertThat(ins.attributes()).isSameAs(stamp);
      }
    }
    // other formats are kept, with the stamp added: a new set
    Delta bold = Delta.builder().insert("z", Attributes.of("bold", true)).build();
    assertThat(AuthorStamp.stamp(bold, stamp))
        .isEqualTo(Delta.builder().insert("z", Attributes.of("author", "me", "bold", true)).build());
  }
}
