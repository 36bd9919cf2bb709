package dev.trustpack.sessions.enforce;

import java.net.URI;
import java.util.Optional;

import dev.trustpack.sessions.limits.SessionLimits;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What the module keeps on an SSO session (user-session notes, persisted with it, so every node and a restarted
 * node see them): its limits, the strictest of every tenant it was used for, and when a login last used it.
 */
public final class SessionNotes {

    public static final String IDLE = "trustpack.sessions.idle";
    public static final String MAX = "trustpack.sessions.max";
    /**
     * Epoch seconds of the last login through the session. Keycloak's own {@code lastSessionRefresh} cannot tell it
     * at a cookie-SSO login: the cookie step moves it to "now" before any later step runs.
     */
    public static final String SEEN = "trustpack.sessions.seen";

    /**
     * The server's base address the session signed in through: the sweep, which runs outside any request, gives it to
     * Keycloak's logout so the back-channel logout token carries the issuer the clients know.
     */
    public static final String BASE = "trustpack.sessions.base";

    private SessionNotes() {
    }

    /** The session's limits; empty for a session no Trustpack login step has seen (Keycloak's limits apply). */
    public static Optional<SessionLimits> limits(UserSessionModel userSession) {
        try {
            String idle = userSession.getNote(IDLE);
            String max = userSession.getNote(MAX);
            return idle == null || max == null ? Optional.empty()
                    : Optional.of(new SessionLimits(Long.parseLong(idle), Long.parseLong(max)));
        } catch (NumberFormatException e) {
            // Notes are ours; one that does not parse was tampered with or half-written: the shortest limits apply.
            return Optional.of(new SessionLimits(0, 0));
        }
    }

    /**
     * When the session was last used, without Keycloak's {@code lastSessionRefresh} (which a cookie-SSO login has
     * already moved): the last login through it and the last refresh of any of its clients.
     */
    public static long lastUseBeforeThisLogin(UserSessionModel userSession) {
        long lastUse = userSession.getStarted();
        String seen = userSession.getNote(SEEN);
        if (seen != null) {
            try {
                lastUse = Math.max(lastUse, Long.parseLong(seen));
            } catch (NumberFormatException e) {
                // Treated as never seen: the session's start counts, the stricter reading.
            }
        }
        for (AuthenticatedClientSessionModel client : userSession.getAuthenticatedClientSessions().values()) {
            lastUse = Math.max(lastUse, client.getTimestamp());
        }
        return lastUse;
    }

    /** When the session was last used, as a token request sees it (Keycloak's refresh time is still the previous one). */
    public static long lastUse(UserSessionModel userSession) {
        return Math.max(userSession.getLastSessionRefresh(), lastUseBeforeThisLogin(userSession));
    }

    /** The base address recorded at sign-in, if any (sessions signed in before this note existed have none). */
    public static Optional<URI> baseUri(UserSessionModel userSession) {
        String base = userSession.getNote(BASE);
        try {
            return base == null ? Optional.empty() : Optional.of(URI.create(base));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Records the limits of this login on the SSO session it creates or continues, keeping the stricter ones. */
    public static void record(AuthenticationSessionModel authSession, UserSessionModel existing, SessionLimits limits,
                              long now, URI base) {
        SessionLimits strictest = existing == null ? limits : limits.stricter(limits(existing).orElse(null));
        authSession.setUserSessionNote(IDLE, Long.toString(strictest.idleSeconds()));
        authSession.setUserSessionNote(MAX, Long.toString(strictest.maxSeconds()));
        authSession.setUserSessionNote(SEEN, Long.toString(now));
        authSession.setUserSessionNote(BASE, base.toString());
    }

    /** Puts tighter limits on an existing session (its user's roles changed); never loosens them. */
    public static SessionLimits tighten(UserSessionModel userSession, SessionLimits limits) {
        SessionLimits strictest = limits.stricter(limits(userSession).orElse(null));
        userSession.setNote(IDLE, Long.toString(strictest.idleSeconds()));
        userSession.setNote(MAX, Long.toString(strictest.maxSeconds()));
        return strictest;
    }
}
