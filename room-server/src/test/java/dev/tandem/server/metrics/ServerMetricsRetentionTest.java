package dev.tandem.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How long a room's billing series live: through hibernation, and {@code retainRetired} past retirement. */
class ServerMetricsRetentionTest {
  private static final String IN = "tandem_room_messages_in_total{room=\"r\"} ";

  @Test
  void seriesSurviveHibernationAndStayUntilTheRetentionAfterRetirementHasPassed() {
    ServerMetrics kept = new ServerMetrics(Duration.ofHours(1));
    kept.activated("r");
    kept.received("r");
    kept.hibernated("r");
    kept.received("r"); // a frame that reactivates it is counted after activation; here: still counted
    kept.retired("r");
    assertThat(kept.scrape()).contains(IN + "2.0");
    assertThat(kept.scrape()).contains("tandem_rooms_active 0.0");

    ServerMetrics pruned = new ServerMetrics(Duration.ZERO);
    pruned.activated("r");
    pruned.received("r");
    pruned.hibernated("r");
    pruned.retired("r");
    assertThat(pruned.scrape()).doesNotContain("room=\"r\"");
    // Used again: a fresh series, and the room counts as active once more.
    pruned.activated("r");
    pruned.received("r");
    assertThat(pruned.scrape()).contains(IN + "1.0").contains("tandem_rooms_active 1.0");
  }

  @Test
  void anActiveRoomIsNeverPrunedAndUnknownRoomsGetNoSeries() {
    ServerMetrics metrics = new ServerMetrics(Duration.ZERO);
    metrics.received("never-activated");
    metrics.sent("never-activated");
    metrics.activated("r");
    metrics.retired("r"); // a stale retirement of an older object while a new one is active
    metrics.received("r");
    String scrape = metrics.scrape();
    assertThat(scrape).contains(IN + "1.0").doesNotContain("never-activated");
  }
}
