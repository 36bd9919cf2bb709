package dev.trustpack.mfa.login;

import java.time.Instant;

import org.keycloak.models.UserModel;

/**
 * When the user's grace period started. A value that does not parse counts as a grace that started long ago (an
 * unreadable value never lengthens a grace).
 */
public final class GraceStart {

    public static final String ATTRIBUTE = "trustpack.mfa.grace-start";

    private static final InstantAttribute VALUE = new InstantAttribute(ATTRIBUTE, Instant.EPOCH);

    private GraceStart() {
    }

    public static Instant of(UserModel user) {
        return VALUE.read(user);
    }

    public static void start(UserModel user, Instant now) {
        VALUE.write(user, now);
    }

    public static void clear(UserModel user) {
        VALUE.clear(user);
    }
}
