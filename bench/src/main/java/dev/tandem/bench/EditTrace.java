package dev.tandem.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * An editing trace (format: shared/traces/README.md) flattened into parallel arrays, one entry per
 * patch, so that a replay loop touches no boxed values and no JSON. Patch i deletes
 * {@code deleted[i]} code units at {@code positions[i]}, then inserts {@code inserted[i]} there
 * (possibly empty). The traces hold only BMP characters, so code points equal code units.
 */
record EditTrace(String name, String startContent, String endContent,
                 int[] positions, int[] deleted, String[] inserted) {

  /** System property naming the directory that holds the traces. */
  static final String DIRECTORY_PROPERTY = "tandem.traces";

  int patchCount() {
    return positions.length;
  }

  /** Loads {@code fileName} from {@link #directory()}. */
  static EditTrace load(String fileName) {
    return load(directory().resolve(fileName));
  }

  /** Loads a trace file given by its path. */
  static EditTrace load(Path file) {
    String fileName = file.getFileName().toString();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
         JsonParser parser = new ObjectMapper().createParser(in)) {
      return parse(fileName, parser);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trace " + file, e);
    }
  }

  /**
   * The trace directory: the {@value #DIRECTORY_PROPERTY} property, else the first
   * {@code shared/traces} found in the working directory or one of its ancestors (so both the
   * repository root and its modules find {@code ../shared/traces} next to the worktree).
   */
  static Path directory() {
    String configured = System.getProperty(DIRECTORY_PROPERTY);
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("traces");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no shared/traces above " + Path.of("").toAbsolutePath()
        + "; set -D" + DIRECTORY_PROPERTY + "=<dir>");
  }

  private static EditTrace parse(String name, JsonParser p) throws IOException {
    String start = "";
    String end = null;
    int[] positions = new int[1 << 16];
    int[] deleted = new int[1 << 16];
    List<String> inserted = new ArrayList<>();
    expect(p.nextToken(), JsonToken.START_OBJECT);
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      p.nextToken();
      switch (field) {
        case "startContent" -> start = p.getText();
        case "endContent" -> end = p.getText();
        case "txns" -> {
          expect(p.currentToken(), JsonToken.START_ARRAY);
          while (p.nextToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String txnField = p.currentName();
              p.nextToken();
              if (!txnField.equals("patches")) {
                p.skipChildren();
                continue;
              }
              while (p.nextToken() == JsonToken.START_ARRAY) {
                int n = inserted.size();
                if (n == positions.length) {
                  positions = Arrays.copyOf(positions, n * 2);
                  deleted = Arrays.copyOf(deleted, n * 2);
                }
                p.nextToken();
                positions[n] = p.getIntValue();
                p.nextToken();
                deleted[n] = p.getIntValue();
                p.nextToken();
                inserted.add(p.getText().intern());
                expect(p.nextToken(), JsonToken.END_ARRAY);
              }
            }
          }
        }
        default -> p.skipChildren();
      }
    }
    if (end == null) {
      throw new IOException("trace " + name + " has no endContent");
    }
    int n = inserted.size();
    return new EditTrace(name, start, end, Arrays.copyOf(positions, n), Arrays.copyOf(deleted, n),
        inserted.toArray(String[]::new));
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("malformed trace: expected " + expected + " but found " + actual);
    }
  }
}
