package dev.trustpack.audit.worker;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.trustpack.common.config.IntSetting;
import dev.trustpack.common.config.Setting;
import org.keycloak.Config;

/**
 * Server-wide settings of the audit trail, SPI options of the {@code trustpack-audit} event listener:
 * {@code --spi-events-listener--trustpack-audit--<key>=<value>}. Sink settings are per sink (component config).
 */
public record AuditSettings(Duration pollInterval, int sealBatchSize, int deliveryThreads, Duration claimLease,
                            int retentionDays, Duration purgeInterval) {

    /** Time beyond a sink's longest attempt for its outcome to be recorded, so a live claim never lapses. */
    static final int CLAIM_MARGIN_SECONDS = 10;

    static final IntSetting POLL_INTERVAL_MS = new IntSetting("poll-interval-ms", "Worker poll interval (ms)",
            "How often each node seals new records and looks for sinks with work.", 200, 20, 60000);
    static final IntSetting SEAL_BATCH_SIZE = new IntSetting("seal-batch-size", "Seal batch size",
            "Records sealed per realm in one transaction.", 1000, 10, 20000);
    static final IntSetting DELIVERY_THREADS = new IntSetting("delivery-threads", "Delivery threads",
            "Sinks this node delivers to at the same time.", 2, 1, 64);
    static final IntSetting CLAIM_SECONDS = new IntSetting("claim-seconds", "Sink claim lease (s)",
            "How long a node that died while sending a batch keeps the sink before another node sends the batch "
            + "again; stretched to the sink's longest attempt plus " + CLAIM_MARGIN_SECONDS + " s where that is longer.",
            30, 10, 3600);
    static final IntSetting RETENTION_DAYS = new IntSetting("retention-days", "Retention (days)",
            "Records older than this are purged once every sink of their realm has them.", 365, 1, 36500);
    static final IntSetting PURGE_INTERVAL_MINUTES = new IntSetting("purge-interval-minutes",
            "Purge interval (minutes)", "How often a node looks for records past retention.", 60, 1, 10080);

    public static final List<Setting<?>> ALL = List.of(POLL_INTERVAL_MS, SEAL_BATCH_SIZE, DELIVERY_THREADS,
            CLAIM_SECONDS, RETENTION_DAYS, PURGE_INTERVAL_MINUTES);

    public static AuditSettings read(Config.Scope scope) {
        return new AuditSettings(Duration.ofMillis(POLL_INTERVAL_MS.read(scope)), SEAL_BATCH_SIZE.read(scope),
                DELIVERY_THREADS.read(scope), Duration.ofSeconds(CLAIM_SECONDS.read(scope)),
                RETENTION_DAYS.read(scope), Duration.ofMinutes(PURGE_INTERVAL_MINUTES.read(scope)));
    }

    /** The claim on a sink for one batch: the configured lease, or longer where the sink's attempts may be. */
    Duration claimLease(Duration attemptLimit) {
        Duration needed = attemptLimit.plusSeconds(CLAIM_MARGIN_SECONDS);
        return needed.compareTo(claimLease) > 0 ? needed : claimLease;
    }

    public Map<String, String> describe() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put(POLL_INTERVAL_MS.key(), String.valueOf(pollInterval.toMillis()));
        info.put(SEAL_BATCH_SIZE.key(), String.valueOf(sealBatchSize));
        info.put(DELIVERY_THREADS.key(), String.valueOf(deliveryThreads));
        info.put(CLAIM_SECONDS.key(), String.valueOf(claimLease.toSeconds()));
        info.put(RETENTION_DAYS.key(), String.valueOf(retentionDays));
        info.put(PURGE_INTERVAL_MINUTES.key(), String.valueOf(purgeInterval.toMinutes()));
        return info;
    }
}
