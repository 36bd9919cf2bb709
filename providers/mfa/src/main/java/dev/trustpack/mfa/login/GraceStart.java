package dev.trustpack.mfa.login;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.keycloak.models.UserModel;

/**
 * When the user's grace period started: a user attribute outside the user profile, so neither the user nor the
 * account console sees or edits it. A value that does not parse counts as a grace that started long ago (an
 * unreadable value never lengthens a grace).
 */
public final class GraceStart {

    public static final String ATTRIBUTE = "trustpack.mfa.grace-start";

    private GraceStart() {
    }

    public static Instant of(UserModel user) {
        String value = user.getFirstAttribute(ATTRIBUTE);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    public static void start(UserModel user, Instant now) {
        user.setSingleAttribute(ATTRIBUTE, now.toString());
    }

    public static void clear(UserModel user) {
        user.removeAttribute(ATTRIBUTE);
    }
}
