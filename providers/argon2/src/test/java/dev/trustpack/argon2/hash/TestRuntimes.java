package dev.trustpack.argon2.hash;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Runtimes for unit tests: the real native engine, a private meter registry, chosen limits. */
public final class TestRuntimes {

    public static final VerifyLimits LIMITS = new VerifyLimits(262144, 64, 64, 16, 5_000_000);

    private TestRuntimes() {
    }

    public static Argon2Runtime withBudget(int budgetKiB, Duration maxWait) {
        Argon2Settings settings = new Argon2Settings(new Argon2Cost(19456, 2, 1), 32, 16, 1024, budgetKiB, maxWait,
                LIMITS);
        return new Argon2Runtime(settings, new SimpleMeterRegistry());
    }

    public static Argon2Runtime standard() {
        return withBudget(262144, Duration.ofSeconds(3));
    }
}
