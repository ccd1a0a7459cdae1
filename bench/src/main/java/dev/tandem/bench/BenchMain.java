package dev.tandem.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point of {@code tandem-bench.jar}: {@code java -jar tandem-bench.jar <command> [args]}.
 * Each command is one entry in {@link #COMMANDS}; add new tools (a load generator, a trace
 * {@code replay}) there.
 */
public final class BenchMain {

  /** A subcommand: receives the arguments after its name. */
  @FunctionalInterface
  interface Command {
    void run(String[] args) throws Exception;
  }

  private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("jmh", org.openjdk.jmh.Main::main);
    COMMANDS.put("load-one-room", dev.tandem.bench.load.LoadOneRoom::main);
    COMMANDS.put("load-many-rooms", dev.tandem.bench.load.LoadManyRooms::main);
    COMMANDS.put("idle-sockets", dev.tandem.bench.load.IdleSockets::main);
    COMMANDS.put("reactivation", dev.tandem.bench.load.Reactivation::main);
    COMMANDS.put("messages-per-keystroke", dev.tandem.bench.sync.MessagesPerKeystroke::main);
    COMMANDS.put("replay", dev.tandem.bench.TraceReplayTool::main);
  }

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Command command = args.length == 0 ? null : COMMANDS.get(args[0]);
    if (command == null) {
      System.err.println("usage: java -jar tandem-bench.jar <command> [args]");
      System.err.println("commands: " + String.join(", ", COMMANDS.keySet()));
      System.err.println("  jmh [JMH options]   e.g. jmh TraceReplay -f 1 -wi 3 -i 5");
      System.err.println("  load-one-room --server ws://127.0.0.1:PORT --clients 32 --seconds 20");
      System.err.println("  load-many-rooms --server ws://... --rooms 2000 --clients-per-room 2 --ops-per-second 5 --seconds 30 --server-pid PID");
      System.err.println("  idle-sockets --server ws://... --count N --server-pid PID");
      System.err.println("  reactivation --server ws://... --room ID --key EDITKEY");
      System.err.println("  messages-per-keystroke --server ws://127.0.0.1:PORT [--seconds 60 --rate 8 --delay-ms 150 --send-delay-ms 50]");
      System.err.println("  replay --trace FILE [--clients K] --server ws://127.0.0.1:PORT [--limit N --turn N --journal DIR --send-delay-ms 50]");
      System.exit(2);
      return;
    }
    command.run(Arrays.copyOfRange(args, 1, args.length));
  }
}
