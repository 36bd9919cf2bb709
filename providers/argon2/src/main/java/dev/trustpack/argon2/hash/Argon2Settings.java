package dev.trustpack.argon2.hash;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.trustpack.common.config.IntSetting;
import dev.trustpack.common.config.InvalidConfigException;
import dev.trustpack.common.config.Setting;
import org.keycloak.Config;

/**
 * Server-wide settings of Trustpack's password hashing, SPI options of the {@code trustpack-argon2id} provider:
 * {@code --spi-password-hashing--trustpack-argon2id--<key>=<value>}. The cost defaults are the ASVS 5.0 row
 * m=19456 KiB, t=2, p=1; realms can raise or change them with password-policy entries.
 */
public record Argon2Settings(Argon2Cost defaultCost, int hashLength, int saltLength, int maxPasswordBytes,
                             int memoryBudgetKiB, Duration maxWait, VerifyLimits verifyLimits) {

    static final IntSetting MEMORY_KIB = new IntSetting("memory-kib", "Argon2 memory (KiB)",
            "Default memory cost of new hashes, in KiB.", 19456, 8192, 4194304);
    static final IntSetting ITERATIONS = new IntSetting("iterations", "Argon2 iterations",
            "Default number of passes of new hashes.", 2, 1, 64);
    static final IntSetting PARALLELISM = new IntSetting("parallelism", "Argon2 parallelism",
            "Default number of lanes of new hashes.", 1, 1, 16);
    static final IntSetting HASH_LENGTH = new IntSetting("hash-length", "Hash length (bytes)",
            "Length of new Argon2id hashes.", 32, 16, 64);
    static final IntSetting SALT_LENGTH = new IntSetting("salt-length", "Salt length (bytes)",
            "Length of the random salt of new hashes.", 16, 16, 64);
    static final IntSetting MAX_PASSWORD_BYTES = new IntSetting("max-password-bytes", "Maximum password length (bytes)",
            "Longer passwords (UTF-8 bytes) are refused before any hashing.", 1024, 64, 65536);
    static final IntSetting MEMORY_BUDGET_KIB = new IntSetting("memory-budget-kib", "Memory budget (KiB)",
            "Memory all concurrent Argon2 computations of this server may use together; more wait.", 262144, 8192,
            67108864);
    static final IntSetting MAX_WAIT_MS = new IntSetting("max-wait-ms", "Maximum wait (ms)",
            "How long a hash waits for room in the memory budget before the login fails.", 3000, 0, 60000);
    static final IntSetting MAX_VERIFY_MEMORY_KIB = new IntSetting("max-verify-memory-kib",
            "Largest stored Argon2 memory (KiB)", "Stored hashes asking for more are refused before any allocation.",
            262144, 8192, 4194304);
    static final IntSetting MAX_VERIFY_ITERATIONS = new IntSetting("max-verify-iterations",
            "Largest stored Argon2 iterations", "Stored hashes asking for more passes are refused.", 64, 1, 1024);
    static final IntSetting MAX_VERIFY_PARALLELISM = new IntSetting("max-verify-parallelism",
            "Largest stored Argon2 parallelism", "Stored hashes asking for more lanes are refused.", 64, 1, 255);
    static final IntSetting MAX_BCRYPT_COST = new IntSetting("max-bcrypt-cost", "Largest stored bcrypt cost",
            "Imported bcrypt hashes with a higher cost are refused.", 16, 4, 31);
    static final IntSetting MAX_PBKDF2_ITERATIONS = new IntSetting("max-pbkdf2-iterations",
            "Largest stored PBKDF2 iterations", "Imported PBKDF2 hashes with more iterations are refused.", 5000000,
            1000, 100000000);

    static final List<Setting<?>> ALL = List.of(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_LENGTH, SALT_LENGTH,
            MAX_PASSWORD_BYTES, MEMORY_BUDGET_KIB, MAX_WAIT_MS, MAX_VERIFY_MEMORY_KIB, MAX_VERIFY_ITERATIONS,
            MAX_VERIFY_PARALLELISM, MAX_BCRYPT_COST, MAX_PBKDF2_ITERATIONS);

    /** Reads and cross-checks the settings; a combination that cannot work fails start-up with the key named. */
    static Argon2Settings read(Config.Scope scope) {
        Argon2Cost cost = new Argon2Cost(MEMORY_KIB.read(scope), ITERATIONS.read(scope), PARALLELISM.read(scope));
        if (!cost.meetsAsvs()) {
            throw new InvalidConfigException(MEMORY_KIB.key(), cost + " is below the OWASP ASVS 5.0 floor: "
                    + cost.iterations() + " iteration(s) need at least "
                    + Argon2Cost.asvsMinimumMemoryKiB(cost.iterations()) + " KiB");
        }
        int budget = MEMORY_BUDGET_KIB.read(scope);
        if (cost.memoryKiB() > budget) {
            throw new InvalidConfigException(MEMORY_BUDGET_KIB.key(), budget + " KiB cannot hold one hash of "
                    + cost.memoryKiB() + " KiB (" + MEMORY_KIB.key() + ")");
        }
        int maxVerifyMemory = MAX_VERIFY_MEMORY_KIB.read(scope);
        if (maxVerifyMemory > budget) {
            throw new InvalidConfigException(MAX_VERIFY_MEMORY_KIB.key(), maxVerifyMemory
                    + " KiB is more than the memory budget of " + budget + " KiB (" + MEMORY_BUDGET_KIB.key() + ")");
        }
        VerifyLimits limits = new VerifyLimits(maxVerifyMemory, MAX_VERIFY_ITERATIONS.read(scope),
                MAX_VERIFY_PARALLELISM.read(scope), MAX_BCRYPT_COST.read(scope), MAX_PBKDF2_ITERATIONS.read(scope));
        return new Argon2Settings(cost, HASH_LENGTH.read(scope), SALT_LENGTH.read(scope),
                MAX_PASSWORD_BYTES.read(scope), budget, Duration.ofMillis(MAX_WAIT_MS.read(scope)), limits);
    }

    Map<String, String> describe() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("default-cost", defaultCost.toString());
        info.put(HASH_LENGTH.key(), String.valueOf(hashLength));
        info.put(SALT_LENGTH.key(), String.valueOf(saltLength));
        info.put(MAX_PASSWORD_BYTES.key(), String.valueOf(maxPasswordBytes));
        info.put(MEMORY_BUDGET_KIB.key(), String.valueOf(memoryBudgetKiB));
        info.put(MAX_WAIT_MS.key(), String.valueOf(maxWait.toMillis()));
        info.put("verify-limits", verifyLimits.toString());
        return info;
    }
}
