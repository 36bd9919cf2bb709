package dev.trustpack.argon2.hash;

/**
 * Argon2 cost parameters: memory in KiB ({@code m}), passes ({@code t}), lanes ({@code p}).
 *
 * <p>The OWASP ASVS 5.0 appendix rows this project holds new hashes to (see requirements/SECURITY.md):
 * t=1 needs m &ge; 47104 KiB, t=2 needs m &ge; 19456 KiB, t &ge; 3 needs m &ge; 12288 KiB; p &ge; 1.
 */
public record Argon2Cost(int memoryKiB, int iterations, int parallelism) {

    public Argon2Cost {
        if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("Not a valid Argon2 cost: " + phc(memoryKiB, iterations, parallelism));
        }
    }

    /** The smallest memory (KiB) an ASVS 5.0 row allows for this many passes. */
    public static int asvsMinimumMemoryKiB(int iterations) {
        if (iterations <= 1) {
            return 47104;
        }
        return iterations == 2 ? 19456 : 12288;
    }

    public boolean meetsAsvs() {
        return memoryKiB >= asvsMinimumMemoryKiB(iterations);
    }

    /** "m=19456,t=2,p=1", the PHC parameter notation. */
    @Override
    public String toString() {
        return phc(memoryKiB, iterations, parallelism);
    }

    private static String phc(int m, int t, int p) {
        return "m=" + m + ",t=" + t + ",p=" + p;
    }
}
