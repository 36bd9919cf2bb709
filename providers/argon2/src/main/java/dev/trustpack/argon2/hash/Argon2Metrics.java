package dev.trustpack.argon2.hash;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Meters in Keycloak's Micrometer registry ({@code /metrics} on the management port with
 * {@code --metrics-enabled=true}): hash and verify time per algorithm, budget waiters and use, refusals by reason.
 */
public final class Argon2Metrics {

    static final String HASH_TIME = "trustpack.password.hash";
    static final String REFUSALS = "trustpack.password.hash.refusals";
    static final String WAITERS = "trustpack.password.hash.budget.waiters";
    static final String BUDGET_IN_USE = "trustpack.password.hash.budget.used";

    /** Why a hash or verification was refused (the {@code reason} tag). */
    public enum Refusal {
        BUDGET_TIMEOUT("budget_timeout"),
        OVER_BUDGET("over_budget"),
        UNUSABLE_HASH("unusable_hash"),
        TOO_LONG("too_long");

        private final String tag;

        Refusal(String tag) {
            this.tag = tag;
        }
    }

    private final MeterRegistry registry;

    Argon2Metrics(MeterRegistry registry, MemoryBudget budget) {
        this.registry = registry;
        Gauge.builder(WAITERS, budget, MemoryBudget::waiters)
                .description("Password hashes waiting for room in the memory budget").register(registry);
        Gauge.builder(BUDGET_IN_USE, budget, MemoryBudget::inUseKiB).baseUnit("kibibytes")
                .description("Memory budget held by running Argon2 computations").register(registry);
    }

    public void recordTime(String algorithm, String operation, long nanos) {
        Timer.builder(HASH_TIME).tag("algorithm", algorithm).tag("operation", operation)
                .description("Time to hash or verify a password").register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    public void refused(Refusal reason) {
        Counter.builder(REFUSALS).tag("reason", reason.tag)
                .description("Password hashes or verifications refused").register(registry).increment();
    }
}
