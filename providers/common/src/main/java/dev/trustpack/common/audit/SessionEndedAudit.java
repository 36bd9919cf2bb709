package dev.trustpack.common.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;

/**
 * The audit record of an SSO session that Trustpack ended, with the reason. Shared by the modules that end sessions
 * (sessions: timeouts, revocation, a tenant admin; tenancy: a membership removed), so an auditor reads one record type
 * whatever ended the session.
 */
public final class SessionEndedAudit {

    public static final String TYPE = "session_ended";
    public static final String REASON = "reason";
    public static final String TENANT = "tenant";
    /** The ended session's id, as the audit trail carries it on Keycloak's own events (it is no credential). */
    public static final String SESSION = "session";
    /** {@code "true"} on the record of an offline session (which shares its id with the online one). */
    public static final String OFFLINE = "offline";

    /** Past its idle limit. */
    public static final String IDLE = "idle";
    /** Past its absolute limit. */
    public static final String MAX = "max";
    /** Its user was disabled. */
    public static final String USER_DISABLED = "user_disabled";
    /** Its user left the tenant it was used for. */
    public static final String MEMBERSHIP_REMOVED = "membership_removed";
    /** Its user's tenant roles changed and the stricter limits they bring had already passed. */
    public static final String ROLES_CHANGED = "roles_changed";
    /** A tenant admin (or realm admin) ended it through the tenant's sessions resource. */
    public static final String TENANT_ADMIN = "tenant_admin";

    private SessionEndedAudit() {
    }

    /** Records that {@code userSession} ended; skipped when the audit module is not installed. */
    public static void record(KeycloakSession session, UserSessionModel userSession, String reason,
                              Map<String, String> details) {
        AuditRecorder recorder = session.getProvider(AuditRecorder.class);
        if (recorder == null) {
            return;
        }
        Map<String, String> all = new LinkedHashMap<>(details);
        all.put(REASON, reason);
        all.put(SESSION, userSession.getId());
        recorder.record(AuditEntry.success(TYPE, userSession.getUser().getId(), all));
    }
}
