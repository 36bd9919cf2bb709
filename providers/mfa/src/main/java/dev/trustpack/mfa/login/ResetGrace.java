package dev.trustpack.mfa.login;

import java.time.Instant;

import org.keycloak.models.UserModel;

/**
 * Until when a user whose factors an admin reset may sign in without setting a new one up. A value that does not
 * parse gives no grace.
 */
public final class ResetGrace {

    public static final String ATTRIBUTE = "trustpack.mfa.reset-grace-until";

    private static final InstantAttribute VALUE = new InstantAttribute(ATTRIBUTE, null);

    private ResetGrace() {
    }

    public static Instant until(UserModel user) {
        return VALUE.read(user);
    }

    public static void grant(UserModel user, Instant until) {
        VALUE.write(user, until);
    }

    public static void clear(UserModel user) {
        VALUE.clear(user);
    }
}
