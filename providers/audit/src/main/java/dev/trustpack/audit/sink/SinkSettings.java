package dev.trustpack.audit.sink;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.trustpack.common.config.BooleanSetting;
import dev.trustpack.common.config.IntSetting;
import dev.trustpack.common.config.InvalidConfigException;
import dev.trustpack.common.config.Setting;
import dev.trustpack.common.config.StringSetting;
import org.keycloak.component.ComponentModel;

/**
 * Settings every sink has (component config): whose records it gets, how big its batches are, how it retries.
 *
 * @param tenantAlias the tenant whose records alone this sink receives; null for every record of the realm
 * @param allRealms   an operator sink: a sink of the master realm that receives every realm's records
 */
public record SinkSettings(String tenantAlias, boolean allRealms, int batchSize, Duration retryInitial,
                           Duration retryMax, int pauseAfterFailures, int deadLetterAfter) {

    public static final StringSetting TENANT = new StringSetting("tenant", "Tenant",
            "Alias of the tenant whose records alone this sink receives. Empty: every record of the realm.", "",
            "|[a-zA-Z0-9._-]{1,255}", "a tenant alias");
    public static final BooleanSetting ALL_REALMS = new BooleanSetting("all-realms", "All realms (operator sink)",
            "Only for a sink of the master realm: receive the records of every realm, including those of a realm "
            + "deleted later, from the oldest record kept. Admins of other realms can neither see nor change it.",
            false);
    public static final IntSetting BATCH_SIZE = new IntSetting("batch-size", "Batch size",
            "Most records per delivery.", 100, 1, 1000);
    public static final IntSetting RETRY_INITIAL_MS = new IntSetting("retry-initial-ms", "First retry delay (ms)",
            "Delay before the first retry; it doubles with each failure, with random jitter.", 1000, 50, 600000);
    public static final IntSetting RETRY_MAX_MS = new IntSetting("retry-max-ms", "Longest retry delay (ms)",
            "Upper bound of the retry delay.", 300000, 50, 86400000);
    public static final IntSetting PAUSE_AFTER_FAILURES = new IntSetting("pause-after-failures",
            "Pause after failures", "Consecutive failed attempts after which the sink is paused and an alert "
            + "record is written; resume it through the admin API.", 20, 1, 100000);
    public static final IntSetting DEAD_LETTER_AFTER = new IntSetting("dead-letter-after", "Dead-letter after",
            "Times a destination may refuse one record's content (HTTP 400, 413, 415, 422) before the record is "
            + "set aside as a dead letter and delivery moves on.", 5, 1, 1000);

    public static final List<Setting<?>> ALL = List.of(TENANT, ALL_REALMS, BATCH_SIZE, RETRY_INITIAL_MS, RETRY_MAX_MS,
            PAUSE_AFTER_FAILURES, DEAD_LETTER_AFTER);

    public static SinkSettings read(Map<String, String> config) {
        String tenant = TENANT.read(config);
        int retryInitial = RETRY_INITIAL_MS.read(config);
        int retryMax = RETRY_MAX_MS.read(config);
        if (retryMax < retryInitial) {
            throw new InvalidConfigException(RETRY_MAX_MS.key(), retryMax
                    + " is below " + RETRY_INITIAL_MS.key() + " (" + retryInitial + ")");
        }
        boolean allRealms = ALL_REALMS.read(config);
        if (allRealms && !tenant.isEmpty()) {
            throw new InvalidConfigException(ALL_REALMS.key(), "an operator sink receives every realm's records; it "
                    + "cannot also be limited to tenant '" + tenant + "'");
        }
        return new SinkSettings(tenant.isEmpty() ? null : tenant, allRealms, BATCH_SIZE.read(config),
                Duration.ofMillis(retryInitial), Duration.ofMillis(retryMax), PAUSE_AFTER_FAILURES.read(config),
                DEAD_LETTER_AFTER.read(config));
    }

    /** A component's config as single values (sink settings are never multivalued). */
    public static Map<String, String> flatten(ComponentModel model) {
        Map<String, String> flat = new HashMap<>();
        model.getConfig().forEach((key, values) -> {
            if (values != null && !values.isEmpty()) {
                flat.put(key, values.get(0));
            }
        });
        return flat;
    }
}
