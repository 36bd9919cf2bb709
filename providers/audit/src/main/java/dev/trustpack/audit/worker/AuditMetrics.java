package dev.trustpack.audit.worker;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Meters in Keycloak's Micrometer registry ({@code /metrics} on the management port): per sink the outbox depth
 * (records waiting for it), the delivery lag (age of the oldest of them), whether it is paused, delivered records,
 * failures, pauses, dead letters and delivery time; per realm the records not yet sealed.
 */
final class AuditMetrics {

    static final String DEPTH = "trustpack.audit.outbox.depth";
    static final String LAG = "trustpack.audit.delivery.lag";
    static final String PAUSED = "trustpack.audit.sink.paused";
    static final String UNSEALED = "trustpack.audit.unsealed";
    static final String DELIVERED = "trustpack.audit.delivered";
    static final String FAILURES = "trustpack.audit.delivery.failures";
    static final String PAUSES = "trustpack.audit.sink.pauses";
    static final String DEAD_LETTERS = "trustpack.audit.dead.letters";
    static final String DELIVERY_TIME = "trustpack.audit.delivery";

    /** Last values seen for one sink; the gauges read them. */
    private static final class SinkGauges {
        final Tags tags;
        final AtomicLong depth = new AtomicLong();
        final AtomicLong lagMillis = new AtomicLong();
        final AtomicLong paused = new AtomicLong();
        Meter[] meters;

        SinkGauges(Tags tags) {
            this.tags = tags;
        }
    }

    private final MeterRegistry registry;
    private final Map<String, SinkGauges> sinks = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> unsealed = new ConcurrentHashMap<>();

    AuditMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    static Tags sinkTags(String realm, String sink) {
        return Tags.of("realm", realm, "sink", sink);
    }

    void sinkState(String sinkId, Tags tags, long depth, long lagMillis, boolean paused) {
        SinkGauges gauges = sinks.compute(sinkId, (id, current) -> {
            if (current != null && current.tags.equals(tags)) {
                return current;
            }
            if (current != null) {
                remove(current);
            }
            SinkGauges fresh = new SinkGauges(tags);
            fresh.meters = new Meter[] {
                Gauge.builder(DEPTH, fresh.depth, AtomicLong::get).tags(tags)
                        .description("Sealed audit records waiting for delivery to this sink").register(registry),
                Gauge.builder(LAG, fresh.lagMillis, value -> value.get() / 1000.0).tags(tags).baseUnit("seconds")
                        .description("Age of the oldest audit record waiting for this sink").register(registry),
                Gauge.builder(PAUSED, fresh.paused, AtomicLong::get).tags(tags)
                        .description("1 while this audit sink is paused").register(registry)
            };
            return fresh;
        });
        gauges.depth.set(depth);
        gauges.lagMillis.set(lagMillis);
        gauges.paused.set(paused ? 1 : 0);
    }

    /** Drops the gauges of sinks that no longer exist. */
    void retainSinks(Set<String> sinkIds) {
        sinks.keySet().removeIf(id -> {
            if (sinkIds.contains(id)) {
                return false;
            }
            remove(sinks.get(id));
            return true;
        });
    }

    void unsealed(String realm, long count) {
        unsealed.computeIfAbsent(realm, name -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(UNSEALED, value, AtomicLong::get).tag("realm", name)
                    .description("Audit records committed but not yet sealed into the chain").register(registry);
            return value;
        }).set(count);
    }

    void delivered(Tags tags, int records, long nanos) {
        Counter.builder(DELIVERED).tags(tags).description("Audit records delivered").register(registry)
                .increment(records);
        deliveryTime(tags, "delivered", nanos);
    }

    void failed(Tags tags, String outcome, long nanos) {
        Counter.builder(FAILURES).tags(tags).tag("outcome", outcome)
                .description("Failed audit delivery attempts").register(registry).increment();
        deliveryTime(tags, outcome, nanos);
    }

    void paused(Tags tags) {
        Counter.builder(PAUSES).tags(tags).description("Automatic pauses of audit sinks").register(registry)
                .increment();
    }

    void deadLettered(Tags tags) {
        Counter.builder(DEAD_LETTERS).tags(tags).description("Audit records set aside as dead letters")
                .register(registry).increment();
    }

    private void deliveryTime(Tags tags, String outcome, long nanos) {
        Timer.builder(DELIVERY_TIME).tags(tags).tag("outcome", outcome)
                .description("Time of audit delivery attempts").register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    private void remove(SinkGauges gauges) {
        for (Meter meter : gauges.meters) {
            registry.remove(meter);
        }
    }
}
