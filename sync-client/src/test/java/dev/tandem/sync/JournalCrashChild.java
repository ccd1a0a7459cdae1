package dev.tandem.sync;

import dev.tandem.ot.Delta;
import dev.tandem.protocol.Values.User;
import dev.tandem.sync.internal.SessionEngine;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Run in a child JVM by {@link JournalCrashTest}: joins, makes edits (offline or with ops in
 * flight), prints {@code READY <clientId>} and waits to be killed with kill -9.
 * Args: port roomId key journalDir mode(offline|midflight).
 */
public final class JournalCrashChild {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String mode = args[4];
    TestEditor editor = new TestEditor("child");
    SyncConfig config = SyncConfig.builder().journalDirectory(Path.of(args[3]))
        .backoff(Duration.ofMinutes(10), Duration.ofMinutes(10), 0.0)
        .listenerExecutor(editor.ui).build();
    editor.session = SyncSession.connect(RoomLink.of("127.0.0.1", port, args[1], args[2]),
        new User("child", "#ff0000"), config, editor);
    while (editor.session.state() != SyncSession.State.OPEN) {
      Thread.sleep(10);
    }
    if (mode.equals("offline")) {
      ((SessionEngine) editor.session).dropConnection();
      while (editor.session.state() == SyncSession.State.OPEN) {
        Thread.sleep(5);
      }
    }
    for (int i = 0; i < 5; i++) {
      String marker = "<" + mode + i + ">";
      editor.edit(doc -> Delta.builder().retain(doc.length() - 1).insert(marker).build());
    }
    editor.session.journalled().get(); // submit does not wait for the disk
    System.out.println("READY " + editor.session.clientId());
    System.out.flush();
    Thread.sleep(60_000);
  }
}
