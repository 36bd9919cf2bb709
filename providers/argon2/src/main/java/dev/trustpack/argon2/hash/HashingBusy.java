package dev.trustpack.argon2.hash;

import java.util.Optional;

import org.keycloak.models.KeycloakSession;

/**
 * That a password could not be checked in this request because the hashing memory budget was exhausted: not a
 * wrong password. The hash provider marks the request's session (Keycloak's credential check turns every provider
 * outcome into true or false), and the login steps and the brute-force protector read the mark, so the refusal is
 * answered as "try again" and never counts as a failed login.
 *
 * @param retryAfterSeconds when trying again is worth it
 */
public record HashingBusy(int retryAfterSeconds) {

    private static final String ATTRIBUTE = HashingBusy.class.getName();

    public static void mark(KeycloakSession session, Argon2Settings settings) {
        if (session != null) {
            int seconds = (int) Math.max(1, Math.min(60, (settings.maxWait().toMillis() + 1999) / 1000));
            session.setAttribute(ATTRIBUTE, new HashingBusy(seconds));
        }
    }

    /** Present if a password check of this request was refused for lack of hashing budget. */
    public static Optional<HashingBusy> of(KeycloakSession session) {
        return session == null ? Optional.empty()
                : Optional.ofNullable(session.getAttribute(ATTRIBUTE, HashingBusy.class));
    }
}
