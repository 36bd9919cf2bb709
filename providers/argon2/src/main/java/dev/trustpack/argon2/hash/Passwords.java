package dev.trustpack.argon2.hash;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/** How a typed password becomes the bytes that are hashed. */
public final class Passwords {

    private Passwords() {
    }

    /**
     * NFC-normalized UTF-8 (NIST SP 800-63B): "é" typed as one code point or as "e" + combining accent hashes the
     * same. Used for Trustpack's own Argon2id hashes, when hashing and when verifying.
     */
    public static byte[] normalized(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFC).getBytes(StandardCharsets.UTF_8);
    }

    /** Exactly what was typed, as UTF-8: imported hashes were made from it, without normalization. */
    public static byte[] asTyped(String password) {
        return password.getBytes(StandardCharsets.UTF_8);
    }

    public static int utf8Length(String password) {
        int bytes = 0;
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < password.length()
                    && Character.isLowSurrogate(password.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
