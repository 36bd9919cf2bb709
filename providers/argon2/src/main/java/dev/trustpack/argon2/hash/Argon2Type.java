package dev.trustpack.argon2.hash;

import java.util.Optional;

/** The three Argon2 variants, as named in PHC strings. New Trustpack hashes are always {@link #ARGON2ID}. */
public enum Argon2Type {
    ARGON2D("argon2d"),
    ARGON2I("argon2i"),
    ARGON2ID("argon2id");

    private final String phcName;

    Argon2Type(String phcName) {
        this.phcName = phcName;
    }

    public String phcName() {
        return phcName;
    }

    static Optional<Argon2Type> fromPhcName(String name) {
        for (Argon2Type type : values()) {
            if (type.phcName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
