package dev.trustpack.mfa.login;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.keycloak.models.UserModel;

/**
 * A point in time the module keeps on a user, as an ISO-8601 attribute outside the user profile (so neither the
 * user nor the account console sees or edits it).
 *
 * @param name         the attribute
 * @param ifUnreadable what a value that does not parse counts as: always the reading that gives the user less time
 */
record InstantAttribute(String name, Instant ifUnreadable) {

    Instant read(UserModel user) {
        String value = user.getFirstAttribute(name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return ifUnreadable;
        }
    }

    void write(UserModel user, Instant instant) {
        user.setSingleAttribute(name, instant.toString());
    }

    void clear(UserModel user) {
        user.removeAttribute(name);
    }
}
