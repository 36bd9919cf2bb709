package dev.trustpack.argon2.hash;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;

/**
 * Argon2 through argon2-jvm, i.e. the reference C implementation (libargon2) over JNA, with every computation
 * charged to the {@link MemoryBudget} and timed. Comparison of hashes is constant-time.
 */
public final class Argon2Engine {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final MemoryBudget budget;
    private final Argon2Metrics metrics;
    private final Map<Argon2Type, Argon2Advanced> implementations = new EnumMap<>(Argon2Type.class);

    Argon2Engine(MemoryBudget budget, Argon2Metrics metrics) {
        this.budget = budget;
        this.metrics = metrics;
        BundledLibargon2.pinned();
        implementations.put(Argon2Type.ARGON2D, Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2d));
        implementations.put(Argon2Type.ARGON2I, Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2i));
        implementations.put(Argon2Type.ARGON2ID, Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id));
    }

    public static byte[] randomSalt(int length) {
        byte[] salt = new byte[length];
        RANDOM.nextBytes(salt);
        return salt;
    }

    /**
     * The raw hash; waits for budget first. {@code secret} and {@code associatedData} may be null; with a null
     * {@code metricAlgorithm} the time is not recorded (the start-up self-test).
     */
    public byte[] hash(Argon2Type type, int version, Argon2Cost cost, byte[] password, byte[] salt, byte[] secret,
                byte[] associatedData, int hashLength, String metricAlgorithm, String operation)
            throws MemoryBudget.BudgetExceededException {
        if (password.length == 0) {
            throw new IllegalArgumentException("An empty password cannot be hashed");
        }
        try (MemoryBudget.Lease ignored = budget.acquire(cost.memoryKiB())) {
            long started = System.nanoTime();
            byte[] hash = implementations.get(type).rawHashAdvanced(cost.iterations(), cost.memoryKiB(),
                    cost.parallelism(), password, salt, secret, associatedData, hashLength, version(version));
            if (metricAlgorithm != null) {
                metrics.recordTime(metricAlgorithm, operation, System.nanoTime() - started);
            }
            return hash;
        }
    }

    /**
     * Recomputes a stored PHC hash for a password and compares in constant time. An empty password never matches
     * (Keycloak never stores one, and libargon2 through JNA cannot take a zero-length buffer).
     */
    public boolean matches(PhcArgon2 stored, byte[] password, String metricAlgorithm)
            throws MemoryBudget.BudgetExceededException {
        if (password.length == 0) {
            return false;
        }
        byte[] computed = hash(stored.type(), stored.version(), stored.cost(), password, stored.salt(), null, null,
                stored.hash().length, metricAlgorithm, "verify");
        return MessageDigest.isEqual(computed, stored.hash());
    }

    private static Argon2Version version(int version) {
        return version == PhcArgon2.VERSION_10 ? Argon2Version.V10 : Argon2Version.V13;
    }
}
