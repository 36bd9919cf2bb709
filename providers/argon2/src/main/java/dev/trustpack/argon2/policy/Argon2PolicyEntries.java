package dev.trustpack.argon2.policy;

import dev.trustpack.argon2.hash.Argon2Cost;
import org.keycloak.models.PasswordPolicy;

/**
 * The realm password-policy entries that set the cost of new {@code trustpack-argon2id} hashes, and how the cost is
 * chosen: each entry the realm sets, else Keycloak's {@code hashIterations} entry for the passes, else the server
 * default.
 */
public final class Argon2PolicyEntries {

    public static final String MEMORY_ID = "trustpackArgon2Memory";
    public static final String ITERATIONS_ID = "trustpackArgon2Iterations";
    public static final String PARALLELISM_ID = "trustpackArgon2Parallelism";

    private Argon2PolicyEntries() {
    }

    public static Argon2Cost effectiveCost(PasswordPolicy policy, int hashIterations, Argon2Cost serverDefault) {
        Integer memory = policy.getPolicyConfig(MEMORY_ID);
        Integer iterations = policy.getPolicyConfig(ITERATIONS_ID);
        Integer parallelism = policy.getPolicyConfig(PARALLELISM_ID);
        int passes = iterations != null ? iterations : hashIterations > 0 ? hashIterations : serverDefault.iterations();
        return new Argon2Cost(memory != null ? memory : serverDefault.memoryKiB(), passes,
                parallelism != null ? parallelism : serverDefault.parallelism());
    }
}
