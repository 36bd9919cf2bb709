package dev.trustpack.argon2.hash;

/**
 * Run in a JVM of its own by {@link BundledLibargon2Test}, because JNA loads a library once per process: runs the
 * start-up self-test, then prints the bundled copy's path and every libargon2 file the process mapped.
 */
public final class Libargon2Probe {

    private Libargon2Probe() {
    }

    public static void main(String[] args) {
        TestRuntimes.standard().selfTest();
        System.out.println("pinned=" + BundledLibargon2.pinned().map(Object::toString).orElse(""));
        BundledLibargon2.mapped().forEach(path -> System.out.println("mapped=" + path));
    }
}
