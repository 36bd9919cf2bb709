package dev.trustpack.audit.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain of a realm's audit records: {@code hash(n) = SHA-256(hash(n-1) + "\n" + n + "\n" + payload(n))} as
 * lower-case hex, with 64 zeros before the first record. Editing a payload changes its hash; deleting a record leaves
 * a gap in the sequence numbers and a link that no longer matches.
 */
public final class ChainHash {

    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    public static String of(String previousHash, long seq, String payload) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        sha256.update(previousHash.getBytes(StandardCharsets.US_ASCII));
        sha256.update(("\n" + seq + "\n").getBytes(StandardCharsets.US_ASCII));
        sha256.update(payload.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Compares two hashes in constant time; false if either is missing. */
    public static boolean same(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII));
    }
}
