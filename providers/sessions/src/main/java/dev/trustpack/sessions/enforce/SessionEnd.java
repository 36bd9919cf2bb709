package dev.trustpack.sessions.enforce;

import java.util.Map;

import dev.trustpack.common.audit.AuditEntry;
import dev.trustpack.common.audit.AuditRecorder;
import dev.trustpack.sessions.limits.SessionLimits;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Ends an SSO session past its limits: Keycloak's own logout (every client session, back-channel logout to the
 * clients that registered one, offline sessions untouched) and an audit record with the reason.
 */
public final class SessionEnd {

    public static final String AUDIT_TYPE = "session_ended";
    public static final String REASON = "reason";
    /** Reason of a session ended because an admin disabled its user. */
    public static final String USER_DISABLED = "user_disabled";

    private SessionEnd() {
    }

    /** In the request's own transaction (a login step, whose page is answered normally). */
    public static void now(KeycloakSession session, RealmModel realm, UserSessionModel userSession,
                           SessionLimits.Reason reason) {
        now(session, realm, userSession, reason.code());
    }

    /** As {@link #now(KeycloakSession, RealmModel, UserSessionModel, SessionLimits.Reason)}, for a revocation. */
    public static void now(KeycloakSession session, RealmModel realm, UserSessionModel userSession, String reason) {
        record(session, userSession, reason);
        AuthenticationManager.backchannelLogout(session, realm, userSession, session.getContext().getUri(),
                session.getContext().getConnection(), session.getContext().getRequestHeaders(), true);
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
                record(own, userSession, reason.code());
                AuthenticationManager.backchannelLogout(own, ownRealm, userSession, session.getContext().getUri(),
                        session.getContext().getConnection(), session.getContext().getRequestHeaders(), true);
            }
        });
    }

    private static void record(KeycloakSession session, UserSessionModel userSession, String reason) {
        AuditRecorder recorder = session.getProvider(AuditRecorder.class);
        if (recorder != null) {
            recorder.record(new AuditEntry(AUDIT_TYPE, userSession.getUser().getId(), null, true, null,
                    Map.of(REASON, reason)));
        }
    }
}
