package dev.tandem.app.files;

import dev.tandem.app.files.FileProblem.Kind;
import dev.tandem.ot.Delta;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.function.DoubleConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a file into a document and writes a document to a file. Blocking: call off the FX thread.
 *
 * <p>Reading: the format comes from the extension; the size is checked before reading (a room
 * holds at most {@code maxDocLength} UTF-16 units) and again after converting; the encoding is
 * UTF-8 unless a byte-order mark says UTF-16 (or, for HTML, a {@code <meta charset>} names another);
 * bytes that are not valid in it are refused, not guessed, so nothing is silently garbled.
 * Writing goes to a temporary file in the same folder, moved over the target when complete, so a
 * failed export never leaves half a file.
 */
public final class DocumentFiles {
  /** HTML and Markdown carry markup; their files may be this many times the text they hold. */
  private static final int MARKUP_FACTOR = 8;
  private static final int CHUNK = 1 << 20;

  private final int maxDocLength;

  /** @param maxDocLength the longest document a room takes, in UTF-16 units (the final '\n' included) */
  public DocumentFiles(int maxDocLength) {
    this.maxDocLength = maxDocLength;
  }

  public int maxDocLength() {
    return maxDocLength;
  }

  /**
   * The document a file holds. {@code progress} gets the fraction read, 0 to 1 (called on this
   * thread). Throws a {@link FileProblem} whose message is for people.
   */
  public Delta read(Path file, DoubleConsumer progress) throws FileProblem {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    DocumentFormat format = DocumentFormat.forFileName(name).orElseThrow(() -> new FileProblem(
        Kind.UNSUPPORTED_TYPE, "Tandem opens text (.txt), Markdown (.md) and HTML (.html) files; \""
            + name + "\" is none of these. Save it in one of them and open it again."));
    byte[] bytes = readBytes(file, name, format, progress);
    String text = decode(bytes, name, format);
    Delta document = format.read(text);
    if (document.length() > maxDocLength) {
      throw tooLarge(name, document.length());
    }
    return document;
  }

  /** Writes the document in the format, replacing the file if it exists. */
  public void write(Path file, DocumentFormat format, Delta document) throws FileProblem {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    String title = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
    byte[] bytes = format.write(document, title).getBytes(StandardCharsets.UTF_8);
    Path dir = file.toAbsolutePath().getParent();
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, "." + name + ".", ".part");
      Files.write(temp, bytes);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new FileProblem(Kind.WRITE_FAILED, "Tandem couldn't save \"" + name + "\": " + reason(e)
          + ". Choose another folder or free some disk space, then export again.", e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // Only the leftover of a failed export; nothing to tell.
        }
      }
    }
  }

  private byte[] readBytes(Path file, String name, DocumentFormat format, DoubleConsumer progress)
      throws FileProblem {
    try {
      if (Files.isDirectory(file)) {
        throw new FileProblem(Kind.UNREADABLE, "Tandem couldn't read \"" + name + "\": it is a folder, not a file.");
      }
      long size = Files.size(file);
      // UTF-8 needs at least one byte per UTF-16 unit; markup adds more.
      long maxBytes = (long) maxDocLength * (format == DocumentFormat.TEXT ? 3 : MARKUP_FACTOR);
      if (size > maxBytes) {
        throw new FileProblem(Kind.TOO_LARGE, "\"" + name + "\" is " + megabytes(size)
            + ", too large for a Tandem room (a room holds up to " + String.format(Locale.ROOT, "%,d", maxDocLength)
            + " characters). Split it into smaller files.");
      }
      if (size > Integer.MAX_VALUE - 16) {
        throw tooLarge(name, size);
      }
      byte[] bytes = new byte[(int) size];
      int read = 0;
      try (InputStream in = Files.newInputStream(file)) {
        while (read < bytes.length) {
          int n = in.read(bytes, read, Math.min(CHUNK, bytes.length - read));
          if (n < 0) {
            break;
          }
          read += n;
          progress.accept(bytes.length == 0 ? 1 : (double) read / bytes.length);
        }
      }
      progress.accept(1);
      return read == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, read);
    } catch (FileProblem p) {
      throw p;
    } catch (NoSuchFileException e) {
      throw new FileProblem(Kind.UNREADABLE, "\"" + name + "\" doesn't exist (any more). Check the name and folder.", e);
    } catch (AccessDeniedException e) {
      throw new FileProblem(Kind.UNREADABLE, "Tandem isn't allowed to read \"" + name
          + "\". Check the file's permissions.", e);
    } catch (IOException e) {
      throw new FileProblem(Kind.UNREADABLE, "Tandem couldn't read \"" + name + "\": " + reason(e) + ".", e);
    }
  }

  private String decode(byte[] bytes, String name, DocumentFormat format) throws FileProblem {
    Charset charset = StandardCharsets.UTF_8;
    int skip = 0;
    if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
      skip = 3;
    } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFE && (bytes[1] & 0xff) == 0xFF) {
      charset = StandardCharsets.UTF_16BE;
      skip = 2;
    } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xFF && (bytes[1] & 0xff) == 0xFE) {
      charset = StandardCharsets.UTF_16LE;
      skip = 2;
    } else if (format == DocumentFormat.HTML) {
      charset = declaredCharset(bytes).orElse(StandardCharsets.UTF_8);
    }
    if (charset == StandardCharsets.UTF_8 && looksBinary(bytes)) {
      throw new FileProblem(Kind.NOT_TEXT, "\"" + name + "\" doesn't look like a text file (it contains binary data). "
          + "Open a .txt, .md or .html file saved as text.");
    }
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new FileProblem(Kind.BAD_ENCODING, "\"" + name + "\" isn't valid " + charset.displayName(Locale.ROOT)
          + " text, so Tandem can't tell which characters it holds. Save it as UTF-8 in your editor and open it again.", e);
    }
  }

  /** NUL bytes in the first 8 KiB: no UTF-8 text file has them. */
  private static boolean looksBinary(byte[] bytes) {
    int n = Math.min(bytes.length, 8192);
    for (int i = 0; i < n; i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static final Pattern META_CHARSET = Pattern.compile(
      "<meta[^>]*charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:-]+)", Pattern.CASE_INSENSITIVE);

  /** The charset a {@code <meta>} in the first 1 KiB names, when Java knows it. */
  private static java.util.Optional<Charset> declaredCharset(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, 1024), StandardCharsets.ISO_8859_1);
    Matcher m = META_CHARSET.matcher(head);
    if (m.find()) {
      try {
        return java.util.Optional.of(Charset.forName(m.group(1)));
      } catch (IllegalArgumentException unknown) {
        return java.util.Optional.empty();
      }
    }
    return java.util.Optional.empty();
  }

  private FileProblem tooLarge(String name, long length) {
    return new FileProblem(Kind.TOO_LARGE, "\"" + name + "\" holds " + String.format(Locale.ROOT, "%,d", length)
        + " characters, more than a Tandem room takes (" + String.format(Locale.ROOT, "%,d", maxDocLength)
        + "). Split it into smaller files.");
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
  }

  /** A short, human reason for an I/O failure. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "the folder doesn't exist";
    }
    String m = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
    if (m == null || m.isBlank()) {
      return "the system reported an error";
    }
    if (m.toLowerCase(Locale.ROOT).contains("no space")) {
      return "the disk is full";
    }
    return m.strip();
  }
}
