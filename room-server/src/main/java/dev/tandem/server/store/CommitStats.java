package dev.tandem.server.store;

/**
 * Counters of a store's write path since it was opened, read at one moment. Group commit shows as
 * {@code writes / commits > 1}.
 *
 * @param commits transactions committed
 * @param failedCommits transactions that failed as a whole
 * @param writes writes in committed transactions (refused ones included)
 * @param refusedWrites writes refused for their own reason (gap, duplicate, unknown room)
 * @param ops ops appended durably
 * @param largestBatch most writes in one transaction
 * @param totalCommitNanos sum of transaction durations (fsync included)
 * @param maxCommitNanos longest transaction
 */
public record CommitStats(
    long commits,
    long failedCommits,
    long writes,
    long refusedWrites,
    long ops,
    int largestBatch,
    long totalCommitNanos,
    long maxCommitNanos) {

  public static final CommitStats ZERO = new CommitStats(0, 0, 0, 0, 0, 0, 0, 0);

  /** Mean writes per committed transaction; 0 before the first commit. */
  public double meanBatchSize() {
    return commits == 0 ? 0 : (double) writes / commits;
  }
}
