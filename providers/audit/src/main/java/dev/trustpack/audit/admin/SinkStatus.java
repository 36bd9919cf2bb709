package dev.trustpack.audit.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import dev.trustpack.audit.outbox.SinkStateStore;

/**
 * A sink as the audit admin API shows it: configuration summary and delivery progress. Times are ISO-8601 UTC. An
 * operator sink ({@code allRealms}) has one progress per realm, listed in {@code realms}; its own fields sum them up
 * (counts added, the longest lag, paused if any realm's delivery is paused).
 *
 * @param realm      whose records: the sink's realm, or for an entry of {@code realms} that realm
 * @param backlog    sealed records waiting for this sink
 * @param lagSeconds age of the oldest of them
 * @param unsealed   records of the realm committed but not yet sealed (they join the backlog within a second)
 * @param realms     an operator sink's progress per realm; null for a sink of one realm
 */
public record SinkStatus(String id, String name, String type, String tenant, String realm, boolean allRealms,
                         String status, String pausedReason, long cursorSeq, Long pendingThroughSeq, Replay replay,
                         int consecutiveFailures, String lastError, String lastSuccessAt, String nextAttemptAt,
                         long delivered, long deadLettered, long backlog, double lagSeconds, long unsealed,
                         List<SinkStatus> realms) {

    /** A replay in progress: records {@code (cursorSeq, throughSeq]} are still to be re-delivered. */
    public record Replay(long cursorSeq, long throughSeq, String requestedAt) {
    }

    /** An operator sink: its realms' progress, summed up. */
    static SinkStatus operator(String id, String name, String type, List<SinkStatus> realms) {
        SinkStatus paused = realms.stream().filter(r -> SinkStateStore.PAUSED.equals(r.status())).findFirst()
                .orElse(null);
        SinkStatus failing = realms.stream().max(Comparator.comparingInt(SinkStatus::consecutiveFailures)).orElse(null);
        return new SinkStatus(id, name, type, null, null, true,
                paused != null ? SinkStateStore.PAUSED : SinkStateStore.ACTIVE,
                paused != null ? paused.pausedReason() : null, 0, null, null,
                failing == null ? 0 : failing.consecutiveFailures(),
                failing == null || failing.consecutiveFailures() == 0 ? null : failing.lastError(),
                realms.stream().map(SinkStatus::lastSuccessAt).filter(Objects::nonNull).max(String::compareTo).orElse(null),
                realms.stream().map(SinkStatus::nextAttemptAt).filter(Objects::nonNull).min(String::compareTo).orElse(null),
                realms.stream().mapToLong(SinkStatus::delivered).sum(),
                realms.stream().mapToLong(SinkStatus::deadLettered).sum(),
                realms.stream().mapToLong(SinkStatus::backlog).sum(),
                realms.stream().mapToDouble(SinkStatus::lagSeconds).max().orElse(0),
                realms.stream().mapToLong(SinkStatus::unsealed).sum(), realms);
    }
}
