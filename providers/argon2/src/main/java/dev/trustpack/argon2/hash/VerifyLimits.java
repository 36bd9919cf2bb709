package dev.trustpack.argon2.hash;

/**
 * Upper bounds for the parameters of a stored hash. A hash beyond them (m of gigabytes, t of millions, a bcrypt cost
 * of 31, billions of PBKDF2 iterations) is refused before any memory is allocated or any round is computed, so an
 * imported or tampered credential cannot take the server down.
 */
public record VerifyLimits(int maxMemoryKiB, int maxIterations, int maxParallelism, int maxBcryptCost,
                           int maxPbkdf2Iterations) {

    /** Null if the Argon2 cost is acceptable, else why not (no secret in it). */
    String checkArgon2(long memoryKiB, long iterations, long parallelism) {
        if (memoryKiB > maxMemoryKiB) {
            return "memory " + memoryKiB + " KiB exceeds the limit of " + maxMemoryKiB + " KiB";
        }
        if (iterations > maxIterations) {
            return "iterations " + iterations + " exceed the limit of " + maxIterations;
        }
        if (parallelism > maxParallelism) {
            return "parallelism " + parallelism + " exceeds the limit of " + maxParallelism;
        }
        return null;
    }
}
