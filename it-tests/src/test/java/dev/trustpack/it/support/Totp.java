package dev.trustpack.it.support;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An authenticator app: RFC 6238 codes (HMAC-SHA1, 6 digits, 30 s, Keycloak's defaults) from the base32 key the
 * set-up page shows.
 */
public final class Totp {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final byte[] key;

    private Totp(byte[] key) {
        this.key = key;
    }

    public static Totp fromShownKey(String base32) {
        return new Totp(base32Decode(base32));
    }

    /** From the secret as Keycloak stores it (its bytes are the HMAC key), for credentials a test imported. */
    public static Totp fromStoredSecret(String secret) {
        return new Totp(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public String code(Instant at) {
        long counter = at.getEpochSecond() / 30;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String now() {
        return code(Instant.now());
    }

    /**
     * A code whose 30-second window has at least {@code margin} seconds left, waiting for the next window if needed,
     * so a test never submits a code that expires on the way.
     */
    public String freshCode(int margin) throws InterruptedException {
        long left = 30 - Instant.now().getEpochSecond() % 30;
        if (left < margin) {
            Thread.sleep(left * 1000 + 200);
        }
        return now();
    }

    /** The current code once it differs from one already used (waits for the next 30-second window if needed). */
    public String codeOtherThan(String used) throws InterruptedException {
        String code = now();
        while (code.equals(used)) {
            Thread.sleep(500);
            code = now();
        }
        return code;
    }

    private static byte[] base32Decode(String text) {
        String clean = text.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : clean.toCharArray()) {
            int value = BASE32.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("Not base32: " + c);
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
