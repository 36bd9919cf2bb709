package dev.trustpack.argon2.hash;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Argon2 hash in PHC string format: {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (salt and hash in
 * standard Base64 without padding). Parsing checks the cost against {@link VerifyLimits} from the digits alone,
 * before decoding anything.
 */
public record PhcArgon2(Argon2Type type, int version, Argon2Cost cost, byte[] salt, byte[] hash) {

    static final int VERSION_10 = 0x10;
    static final int VERSION_13 = 0x13;

    private static final Pattern FORMAT = Pattern.compile(
            "\\$(argon2id|argon2i|argon2d)(?:\\$v=(\\d{1,3}))?\\$m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,10})"
                    + "\\$([A-Za-z0-9+/]{11,88})\\$([A-Za-z0-9+/]{6,88})");
    private static final int MIN_SALT = 8;
    private static final int MIN_HASH = 4;
    private static final int MAX_BYTES = 64;

    public static PhcArgon2 parse(String encoded, VerifyLimits limits) throws UnusableHashException {
        Matcher phc = encoded == null ? null : FORMAT.matcher(encoded);
        if (phc == null || !phc.matches()) {
            throw new UnusableHashException("not an Argon2 PHC string ($argon2id$v=19$m=...,t=...,p=...$salt$hash)");
        }
        int version = phc.group(2) == null ? VERSION_10 : Integer.parseInt(phc.group(2));
        if (version != VERSION_10 && version != VERSION_13) {
            throw new UnusableHashException("unsupported Argon2 version v=" + version);
        }
        long memory = Long.parseLong(phc.group(3));
        long iterations = Long.parseLong(phc.group(4));
        long parallelism = Long.parseLong(phc.group(5));
        String beyondLimits = limits.checkArgon2(memory, iterations, parallelism);
        if (beyondLimits != null) {
            throw new UnusableHashException("Argon2 parameters refused: " + beyondLimits);
        }
        Argon2Cost cost;
        try {
            cost = new Argon2Cost((int) memory, (int) iterations, (int) parallelism);
        } catch (IllegalArgumentException e) {
            throw new UnusableHashException("invalid Argon2 parameters m=" + memory + ",t=" + iterations + ",p=" + parallelism);
        }
        byte[] salt = decode(phc.group(6));
        byte[] hash = decode(phc.group(7));
        if (salt.length < MIN_SALT || salt.length > MAX_BYTES || hash.length < MIN_HASH || hash.length > MAX_BYTES) {
            throw new UnusableHashException("Argon2 salt or hash length out of range");
        }
        return new PhcArgon2(Argon2Type.fromPhcName(phc.group(1)).orElseThrow(), version, cost, salt, hash);
    }

    public String format() {
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return "$" + type.phcName() + "$v=" + version + "$" + cost + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(hash);
    }

    private static byte[] decode(String base64) throws UnusableHashException {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new UnusableHashException("invalid Base64 in Argon2 PHC string");
        }
    }
}
