package dev.trustpack.argon2.hash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Set;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Milliseconds per Argon2id hash from Java over JNA, one option per JVM (so that no two native Argon2 libraries
 * share a process or JNA's library cache), at the parameters given, with a fresh random 16-byte salt per hash:
 * <ul>
 *   <li>{@code today}: what Trustpack's engine calls, argon2-jvm's {@code rawHashAdvanced} from the shaded product
 *       jar, with the libargon2 it bundles (classpath: the product jar and JNA);</li>
 *   <li>{@code argon2}: the same binding unshaded (argon2-jvm-nolibs), which loads the libargon2 that
 *       {@code -Djna.library.path} points at (classpath: the nolibs jar and JNA, no bundled library);</li>
 *   <li>{@code sodium PATH}: libsodium's {@code crypto_pwhash} (Argon2id v1.3, parallelism 1) loaded from PATH.</li>
 * </ul>
 * Also prints the outputs on fixed inputs (see benchmarks/src/c/argon2_vectors.c): {@code p1} (t=2, m=19456 KiB,
 * p=1) and, for libargon2, the RFC 9106 Argon2id vector (secret and associated data, p=4), and the native library
 * this process mapped for it (JNA may find a system libargon2 before argon2-jvm's bundled one: see the script). Run by benchmarks/run-argon2-limit.sh, not a test.
 * Arguments: mode [path] t m_kib p warmup measured. Prints one line of key=value.
 */
public final class OptionsBenchmark {

    private static final byte[] PASSWORD = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FIXED_SALT = "trustpack-salt16".getBytes(StandardCharsets.US_ASCII);

    /** One raw Argon2id v1.3 computation; secret and associated data may be null. */
    interface Argon2id {
        byte[] hash(int t, int mKiB, int p, byte[] password, byte[] salt, byte[] secret, byte[] ad, int length);
    }

    /** The part of libsodium's API used here (size_t and unsigned long long as long: LP64 only). */
    public interface Sodium extends Library {
        int sodium_init();

        int crypto_pwhash(byte[] out, long outlen, byte[] passwd, long passwdlen, byte[] salt, long opslimit,
                          long memlimit, int alg);
    }

    private static final int CRYPTO_PWHASH_ALG_ARGON2ID13 = 2;

    public static void main(String[] args) throws IOException {
        String mode = args[0];
        int next = 1;
        if (Native.POINTER_SIZE != 8) { // loads JNA's own native part first, so that what maps next is Argon2's
            throw new IllegalStateException("64-bit only (size_t and unsigned long long are passed as long)");
        }
        Set<String> before = mappedFiles();
        Argon2id argon2 = switch (mode) {
            case "today" -> today();
            case "argon2" -> nolibs();
            case "sodium" -> sodium(args[next++]);
            default -> throw new IllegalArgumentException("mode: today, argon2 or sodium PATH");
        };
        boolean secretAndAd = !mode.equals("sodium");
        int t = Integer.parseInt(args[next++]);
        int m = Integer.parseInt(args[next++]);
        int p = Integer.parseInt(args[next++]);
        int warmup = Integer.parseInt(args[next++]);
        int measured = Integer.parseInt(args[next]);

        HexFormat hex = HexFormat.of();
        String p1 = hex.formatHex(argon2.hash(2, 19456, 1, PASSWORD, FIXED_SALT, null, null, 32));
        String rfc = "-";
        if (secretAndAd) {
            byte[] password = filled(32, 1), salt = filled(16, 2), secret = filled(8, 3), ad = filled(12, 4);
            rfc = hex.formatHex(argon2.hash(3, 32, 4, password, salt, secret, ad, 32));
        }

        SecureRandom random = new SecureRandom();
        double[] times = new double[measured];
        for (int i = 0; i < warmup + measured; i++) {
            byte[] salt = new byte[16];
            random.nextBytes(salt);
            long started = System.nanoTime();
            argon2.hash(t, m, p, PASSWORD, salt, null, null, 32);
            if (i >= warmup) {
                times[i - warmup] = (System.nanoTime() - started) / 1e6;
            }
        }
        double mean = Arrays.stream(times).average().orElse(0);
        Arrays.sort(times);
        double median = measured % 2 == 1 ? times[measured / 2] : (times[measured / 2 - 1] + times[measured / 2]) / 2;
        System.out.printf("median=%.3f mean=%.3f p1=%s rfc9106=%s lib=%s%n", median, mean, p1, rfc, loaded(before));
    }

    /** Each binding in its own method: a JVM running one option never loads the classes of another. */
    private static Argon2id today() {
        dev.trustpack.shaded.argon2.Argon2Advanced shaded = dev.trustpack.shaded.argon2.Argon2Factory
                .createAdvanced(dev.trustpack.shaded.argon2.Argon2Factory.Argon2Types.ARGON2id);
        return (t, m, p, password, salt, secret, ad, length) -> shaded.rawHashAdvanced(t, m, p, password, salt,
                secret, ad, length, dev.trustpack.shaded.argon2.Argon2Version.V13);
    }

    private static Argon2id nolibs() {
        de.mkammerer.argon2.Argon2Advanced nolibs = de.mkammerer.argon2.Argon2Factory
                .createAdvanced(de.mkammerer.argon2.Argon2Factory.Argon2Types.ARGON2id);
        return (t, m, p, password, salt, secret, ad, length) -> nolibs.rawHashAdvanced(t, m, p, password, salt,
                secret, ad, length, de.mkammerer.argon2.Argon2Version.V13);
    }

    private static Argon2id sodium(String path) {
        Sodium sodium = Native.load(path, Sodium.class);
        if (sodium.sodium_init() < 0) {
            throw new IllegalStateException("sodium_init failed");
        }
        return (t, m, p, password, salt, secret, ad, length) -> {
            if (p != 1 || secret != null || ad != null || salt.length != 16) {
                throw new IllegalArgumentException("libsodium: p=1, 16-byte salt, no secret or ad only");
            }
            byte[] out = new byte[length];
            if (sodium.crypto_pwhash(out, length, password, password.length, salt, t, (long) m * 1024,
                    CRYPTO_PWHASH_ALG_ARGON2ID13) != 0) {
                throw new IllegalStateException("crypto_pwhash failed");
            }
            return out;
        };
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** The executable files this process mapped since {@code before}: the Argon2 library (comma-separated). */
    private static String loaded(Set<String> before) throws IOException {
        Set<String> now = mappedFiles();
        now.removeAll(before);
        now.removeIf(file -> file.matches(".*/lib(c|m|dl|rt|pthread)[.-][^/]*")); // the C library's parts it needs
        return now.isEmpty() ? "none" : String.join(",", now);
    }

    /**
     * Files mapped executable into this process; a library JNA extracted from a jar shows as its temporary file,
     * deleted once loaded (" (deleted)" left out).
     */
    private static Set<String> mappedFiles() throws IOException {
        Set<String> files = new LinkedHashSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            String[] fields = line.split("\\s+", 6);
            if (fields.length == 6 && fields[1].contains("x") && fields[5].startsWith("/")) {
                files.add(fields[5].replace(" (deleted)", ""));
            }
        }
        return files;
    }
}
