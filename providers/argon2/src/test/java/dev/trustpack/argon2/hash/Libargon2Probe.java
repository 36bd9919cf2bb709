package dev.trustpack.argon2.hash;

/**
 * Run in a JVM of its own by {@link BundledLibargon2Test}, because JNA loads a library once per process: runs the
 * start-up self-test, then prints the bundled copy's path, every libargon2 file the process mapped, and what the server info would
 * say about it.
 */
public final class Libargon2Probe {

    private Libargon2Probe() {
    }

    public static void main(String[] args) {
        TestRuntimes.standard().selfTest();
        BundledLibargon2.Loaded loaded = BundledLibargon2.loaded();
        System.out.println("pinned=" + loaded.pinned().map(Object::toString).orElse(""));
        loaded.mapped().forEach(path -> System.out.println("mapped=" + path));
        System.out.println("bundled=" + loaded.describe().get("native-library-bundled"));
    }
}
