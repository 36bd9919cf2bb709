package dev.trustpack.argon2.legacy;

import dev.trustpack.argon2.hash.UnusableHashException;
/** bcrypt's own Base64 alphabet ("./A-Za-z0-9", no padding), for the 16-byte salt of a bcrypt string. */
final class BcryptBase64 {

    private static final String ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SALT_BYTES = 16;

    private BcryptBase64() {
    }

    /** Decodes the 22 characters of a bcrypt salt into its 16 bytes. */
    static byte[] decodeSalt(String encoded) throws UnusableHashException {
        byte[] out = new byte[SALT_BYTES];
        int bits = 0;
        int bitCount = 0;
        int written = 0;
        for (int i = 0; i < encoded.length() && written < SALT_BYTES; i++) {
            int value = ALPHABET.indexOf(encoded.charAt(i));
            if (value < 0) {
                throw new UnusableHashException("invalid character in bcrypt salt");
            }
            bits = (bits << 6) | value;
            bitCount += 6;
            if (bitCount >= 8) {
                bitCount -= 8;
                out[written++] = (byte) (bits >> bitCount);
                bits &= (1 << bitCount) - 1;
            }
        }
        if (written != SALT_BYTES) {
            throw new UnusableHashException("bcrypt salt too short");
        }
        return out;
    }
}
