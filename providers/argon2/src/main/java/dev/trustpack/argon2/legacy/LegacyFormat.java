package dev.trustpack.argon2.legacy;

import java.util.Optional;

/**
 * Hash formats other systems store, each verified (never produced) by its own Keycloak password-hash provider; the
 * provider id is what an imported credential names as its algorithm.
 */
public enum LegacyFormat {
    /** Django's default {@code pbkdf2_sha256$<iterations>$<salt>$<base64 hash>}. */
    DJANGO_PBKDF2_SHA256("trustpack-django-pbkdf2-sha256", "pbkdf2_sha256$"),
    /** Django's {@code pbkdf2_sha1$<iterations>$<salt>$<base64 hash>}. */
    DJANGO_PBKDF2_SHA1("trustpack-django-pbkdf2-sha1", "pbkdf2_sha1$"),
    /** Django's Argon2PasswordHasher: {@code argon2} followed by a PHC string. */
    DJANGO_ARGON2("trustpack-django-argon2", "argon2$argon2"),
    /** Django's BCryptSHA256PasswordHasher: bcrypt of the hex SHA-256 of the password. */
    DJANGO_BCRYPT_SHA256("trustpack-django-bcrypt-sha256", "bcrypt_sha256$"),
    /** bcrypt ($2a$, $2b$, $2y$) as written by Rails, PHP, Node, Apache. */
    BCRYPT("trustpack-bcrypt", "$2"),
    /** Argon2 PHC strings ($argon2id$, $argon2i$, $argon2d$). */
    PHC_ARGON2("trustpack-phc-argon2", "$argon2");

    private final String providerId;
    private final String prefix;

    LegacyFormat(String providerId, String prefix) {
        this.providerId = providerId;
        this.prefix = prefix;
    }

    public String providerId() {
        return providerId;
    }

    /** The format a hash string is in, by its prefix (the content is checked when it is verified or imported). */
    public static Optional<LegacyFormat> detect(String hash) {
        if (hash == null) {
            return Optional.empty();
        }
        for (LegacyFormat format : values()) {
            if (hash.startsWith(format.prefix)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    public static Optional<LegacyFormat> byProviderId(String providerId) {
        for (LegacyFormat format : values()) {
            if (format.providerId.equals(providerId)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
