package dev.trustpack.argon2.legacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.trustpack.argon2.hash.Argon2Engine;
import dev.trustpack.argon2.hash.MemoryBudget;
import dev.trustpack.argon2.hash.Passwords;
import dev.trustpack.argon2.hash.PhcArgon2;
import dev.trustpack.argon2.hash.UnusableHashException;
import dev.trustpack.argon2.hash.VerifyLimits;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Checks a password against a hash in one of the {@link LegacyFormat}s, as the system that wrote it would: the
 * password exactly as typed (UTF-8, no normalization), every cost bounded by {@link VerifyLimits} before any work,
 * and constant-time comparison.
 */
public final class LegacyVerifier {

    private static final Pattern DJANGO_PBKDF2 = Pattern.compile(
            "pbkdf2_(sha256|sha1)\\$(\\d{1,10})\\$([^$]{1,128})\\$([A-Za-z0-9+/]{20,88}={0,2})");
    private static final Pattern BCRYPT = Pattern.compile("\\$(2[aby])\\$(\\d{2})\\$([./A-Za-z0-9]{53})");
    /** bcrypt reads at most 72 bytes of a password; longer ones were truncated when the hash was made. */
    private static final int BCRYPT_MAX_BYTES = 72;

    private final VerifyLimits limits;
    private final Argon2Engine engine;

    public LegacyVerifier(VerifyLimits limits, Argon2Engine engine) {
        this.limits = limits;
        this.engine = engine;
    }

    /** Checks the hash's form and bounds without verifying a password (used by the importer). */
    public void checkUsable(LegacyFormat format, String hash) throws UnusableHashException {
        switch (format) {
            case DJANGO_PBKDF2_SHA256, DJANGO_PBKDF2_SHA1 -> djangoPbkdf2(format, hash);
            case BCRYPT -> bcrypt(hash);
            case DJANGO_BCRYPT_SHA256 -> bcrypt(stripPrefix(hash, "bcrypt_sha256$"));
            case PHC_ARGON2 -> PhcArgon2.parse(hash, limits);
            case DJANGO_ARGON2 -> PhcArgon2.parse(stripPrefix(hash, "argon2"), limits);
        }
    }

    public boolean verify(LegacyFormat format, String hash, String password)
            throws UnusableHashException, MemoryBudget.BudgetExceededException {
        byte[] typed = Passwords.asTyped(password);
        try {
            return switch (format) {
                case DJANGO_PBKDF2_SHA256, DJANGO_PBKDF2_SHA1 -> verifyDjangoPbkdf2(format, hash, typed);
                case BCRYPT -> verifyBcrypt(hash, typed);
                case DJANGO_BCRYPT_SHA256 -> verifyBcrypt(stripPrefix(hash, "bcrypt_sha256$"),
                        sha256Hex(typed).getBytes(StandardCharsets.US_ASCII));
                case PHC_ARGON2 -> engine.matches(PhcArgon2.parse(hash, limits), typed, format.providerId());
                case DJANGO_ARGON2 -> engine.matches(PhcArgon2.parse(stripPrefix(hash, "argon2"), limits), typed,
                        format.providerId());
            };
        } finally {
            Arrays.fill(typed, (byte) 0);
        }
    }

    private Matcher djangoPbkdf2(LegacyFormat format, String hash) throws UnusableHashException {
        Matcher django = hash == null ? null : DJANGO_PBKDF2.matcher(hash);
        String expected = format == LegacyFormat.DJANGO_PBKDF2_SHA256 ? "sha256" : "sha1";
        if (django == null || !django.matches() || !django.group(1).equals(expected)) {
            throw new UnusableHashException("not a Django pbkdf2_" + expected + " hash "
                    + "(pbkdf2_" + expected + "$<iterations>$<salt>$<base64 hash>)");
        }
        long iterations = Long.parseLong(django.group(2));
        if (iterations < 1 || iterations > limits.maxPbkdf2Iterations()) {
            throw new UnusableHashException("PBKDF2 iterations " + iterations + " outside 1.." + limits.maxPbkdf2Iterations());
        }
        return django;
    }

    private boolean verifyDjangoPbkdf2(LegacyFormat format, String hash, byte[] password) throws UnusableHashException {
        Matcher django = djangoPbkdf2(format, hash);
        byte[] expected;
        try {
            expected = Base64.getDecoder().decode(django.group(4));
        } catch (IllegalArgumentException e) {
            throw new UnusableHashException("invalid Base64 in Django PBKDF2 hash");
        }
        Digest digest = format == LegacyFormat.DJANGO_PBKDF2_SHA256 ? new SHA256Digest() : new SHA1Digest();
        PKCS5S2ParametersGenerator pbkdf2 = new PKCS5S2ParametersGenerator(digest);
        pbkdf2.init(password, django.group(3).getBytes(StandardCharsets.UTF_8), Integer.parseInt(django.group(2)));
        byte[] computed = ((KeyParameter) pbkdf2.generateDerivedMacParameters(expected.length * 8)).getKey();
        return MessageDigest.isEqual(computed, expected);
    }

    private Matcher bcrypt(String hash) throws UnusableHashException {
        Matcher bcrypt = hash == null ? null : BCRYPT.matcher(hash);
        if (bcrypt == null || !bcrypt.matches()) {
            throw new UnusableHashException("not a bcrypt hash ($2a$, $2b$ or $2y$, two-digit cost, 53 characters)");
        }
        int cost = Integer.parseInt(bcrypt.group(2));
        if (cost < 4 || cost > limits.maxBcryptCost()) {
            throw new UnusableHashException("bcrypt cost " + cost + " outside 4.." + limits.maxBcryptCost());
        }
        return bcrypt;
    }

    private boolean verifyBcrypt(String hash, byte[] password) throws UnusableHashException {
        Matcher bcrypt = bcrypt(hash);
        byte[] salt = BcryptBase64.decodeSalt(bcrypt.group(3).substring(0, 22));
        byte[] input = password.length > BCRYPT_MAX_BYTES ? Arrays.copyOf(password, BCRYPT_MAX_BYTES) : password;
        String computed = OpenBSDBCrypt.generate(bcrypt.group(1), input, salt, Integer.parseInt(bcrypt.group(2)));
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII));
    }

    private static String stripPrefix(String hash, String prefix) throws UnusableHashException {
        if (hash == null || !hash.startsWith(prefix)) {
            throw new UnusableHashException("hash does not start with " + prefix);
        }
        return hash.substring(prefix.length());
    }

    private static String sha256Hex(byte[] password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
