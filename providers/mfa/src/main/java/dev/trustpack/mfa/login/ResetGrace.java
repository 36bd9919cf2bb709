package dev.trustpack.mfa.login;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.keycloak.models.UserModel;

/**
 * Until when a user whose factors an admin reset may sign in without setting a new one up (a user attribute outside
 * the user profile, like {@link GraceStart}). A value that does not parse gives no grace.
 */
public final class ResetGrace {

    public static final String ATTRIBUTE = "trustpack.mfa.reset-grace-until";

    private ResetGrace() {
    }

    public static Instant until(UserModel user) {
        String value = user.getFirstAttribute(ATTRIBUTE);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static void grant(UserModel user, Instant until) {
        user.setSingleAttribute(ATTRIBUTE, until.toString());
    }

    public static void clear(UserModel user) {
        user.removeAttribute(ATTRIBUTE);
    }
}
