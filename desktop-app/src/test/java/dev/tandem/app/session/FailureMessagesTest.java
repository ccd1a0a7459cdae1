package dev.tandem.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.sync.SyncError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every failure the session can report reads as a sentence for a person, never as a code or a trace. */
class FailureMessagesTest {
  private static final String GENERIC = FailureMessages.describe(new SyncError("no-such-code", "x", false));

  @Test
  void everyClientSideErrorTheSessionDocumentsHasItsOwnSentence() {
    for (String code : List.of("journal-corrupt", "journal-failed", "journal-locked", "edits-discarded",
        "op-rejected", "invalid-edit")) {
      String sentence = FailureMessages.describe(new SyncError(code, "detail for developers", true));
      assertThat(sentence).as(code).isNotEqualTo(GENERIC).doesNotContain("detail for developers").endsWith(".");
    }
  }

  @Test
  void aRoomAlreadyOpenInAnotherWindowSaysSo() {
    assertThat(FailureMessages.describe(new SyncError("journal-locked", "locked by pid 42", true)))
        .contains("already open in another Tandem window");
  }

  @Test
  void aJournalWriteThatFailsMidSessionDoesNotClaimTheEditWasLost() {
    // Not fatal: the session goes on without its journal, keeps the edit and sends it (SessionCore).
    assertThat(FailureMessages.describe(new SyncError("journal-failed", "No space left on device", false)))
        .contains("still reach the room").contains("not safe").doesNotContain("not made");
    // Fatal: the journal could not be opened, the room was not.
    assertThat(FailureMessages.describe(new SyncError("journal-failed", "Permission denied", true)))
        .contains("was not opened");
  }

  @Test
  void everyFatalProtocolErrorHasItsOwnSentence() {
    for (ErrorCode code : ErrorCode.values()) {
      String sentence = FailureMessages.describe(new SyncError(code.wire(), "detail", code.fatal()));
      assertThat(sentence).as(code.wire()).doesNotContain("Exception").doesNotContain("detail");
      if (code.fatal() && code != ErrorCode.NOT_JOINED && code != ErrorCode.BAD_BASE) {
        assertThat(sentence).as(code.wire()).doesNotContain("refused a message");
      }
    }
  }
}
