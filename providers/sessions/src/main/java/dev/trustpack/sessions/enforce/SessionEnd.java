package dev.trustpack.sessions.enforce;

import java.util.Map;

import dev.trustpack.common.audit.SessionEndedAudit;
import dev.trustpack.sessions.limits.SessionLimits;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Ends an SSO session: Keycloak's own logout (every client session, back-channel logout to the clients that registered
 * one, offline sessions untouched) and a {@link SessionEndedAudit} record with the reason.
 */
public final class SessionEnd {

    private SessionEnd() {
    }

    /** In the request's own transaction (a login step, whose page is answered normally). */
    public static void now(KeycloakSession session, RealmModel realm, UserSessionModel userSession,
                           SessionLimits.Reason reason) {
        now(session, realm, userSession, reason.code(), Map.of());
    }

    /**
     * As {@link #now(KeycloakSession, RealmModel, UserSessionModel, SessionLimits.Reason)}, for any reason of
     * {@link SessionEndedAudit}, with audit details (such as the tenant).
     */
    public static void now(KeycloakSession session, RealmModel realm, UserSessionModel userSession, String reason,
                           Map<String, String> details) {
        SessionEndedAudit.record(session, userSession, reason, details);
        AuthenticationManager.backchannelLogout(session, realm, userSession, session.getContext().getUri(),
                session.getContext().getConnection(), session.getContext().getRequestHeaders(), true);
    }

    /**
     * Ends a session outside any request without calling its clients: the sweep, for a session with no recorded base
     * address (signed in before this module recorded it), where any address it made up could put a wrong issuer in
     * the logout token.
     */
    public static void withoutLogoutCalls(KeycloakSession session, RealmModel realm, UserSessionModel userSession,
                                          SessionLimits.Reason reason) {
        SessionEndedAudit.record(session, userSession, reason.code(), Map.of());
        session.sessions().removeUserSession(realm, userSession);
    }

    /**
     * In a transaction of its own, for token-endpoint checks whose error answer may roll the request's transaction
     * back: the session ends whatever the request's outcome.
     */
    public static void inOwnTransaction(KeycloakSession session, RealmModel realm, String userSessionId,
                                        SessionLimits.Reason reason) {
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), session.getContext(), own -> {
            RealmModel ownRealm = own.realms().getRealm(realm.getId());
            own.getContext().setRealm(ownRealm);
            UserSessionModel userSession = own.sessions().getUserSession(ownRealm, userSessionId);
            if (userSession != null) {
                SessionEndedAudit.record(own, userSession, reason.code(), Map.of());
                AuthenticationManager.backchannelLogout(own, ownRealm, userSession, session.getContext().getUri(),
                        session.getContext().getConnection(), session.getContext().getRequestHeaders(), true);
            }
        });
    }
}
