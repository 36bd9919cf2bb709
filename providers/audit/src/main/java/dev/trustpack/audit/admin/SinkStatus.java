package dev.trustpack.audit.admin;

/**
 * A sink as the audit admin API shows it: configuration summary and delivery progress. Times are ISO-8601 UTC.
 *
 * @param backlog    sealed records waiting for this sink
 * @param lagSeconds age of the oldest of them
 * @param unsealed   records of the realm committed but not yet sealed (they join the backlog within a second)
 */
public record SinkStatus(String id, String name, String type, String tenant, String status, String pausedReason,
                         long cursorSeq, Long pendingThroughSeq, Replay replay, int consecutiveFailures,
                         String lastError, String lastSuccessAt, String nextAttemptAt, long delivered,
                         long deadLettered, long backlog, double lagSeconds, long unsealed) {

    /** A replay in progress: records {@code (cursorSeq, throughSeq]} are still to be re-delivered. */
    public record Replay(long cursorSeq, long throughSeq, String requestedAt) {
    }
}
