package dev.tandem.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/** Shared pieces of the load tools: room creation over HTTP, URLs, histograms, server RSS. */
public final class LoadSupport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LoadSupport() {}

  public record NewRoom(String id, String editKey) {}

  /** {@code ws://host:port} → {@code http://host:port}. */
  public static String httpBase(String server) {
    return server.replaceFirst("^ws", "http");
  }

  public static NewRoom createRoom(HttpClient http, String server) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(httpBase(server) + "/api/rooms"))
        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IOException("POST /api/rooms: " + response.statusCode() + " " + response.body());
    }
    JsonNode room = JSON.readTree(response.body());
    return new NewRoom(room.get("id").asText(), room.get("editKey").asText());
  }

  static URI roomUri(String server, String roomId) {
    return URI.create(server + "/rooms/" + roomId);
  }

  /** {@code p50 1.2 ms, p99 …} from a histogram of microseconds. */
  static String latency(Histogram h) {
    return String.format("n=%d p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms",
        h.getTotalCount(), ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0);
  }

  private static double ms(Histogram h, double p) {
    return h.getValueAtPercentile(p) / 1000.0;
  }

  /** VmRSS of a process in kB, or -1 when unknown. */
  static long rssKb(long pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  /** CPU time (user + system) of a process in milliseconds, from /proc/PID/stat; -1 if unknown. */
  static long cpuMillis(long pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields 14 and 15 of stat (utime, stime) are at 11 and 12 after the command; 100 ticks/s
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  public static void require(boolean loopback, String server) {
    URI uri = URI.create(server);
    String host = uri.getHost();
    if (!loopback || host == null || !(host.startsWith("127.") || host.equals("localhost"))) {
      throw new IllegalArgumentException("load tools only target loopback (127.0.0.0/8), not " + server);
    }
  }
}
