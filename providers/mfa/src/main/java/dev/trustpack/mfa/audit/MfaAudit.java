package dev.trustpack.mfa.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.trustpack.common.audit.AuditEntry;
import dev.trustpack.common.audit.AuditRecorder;
import dev.trustpack.tenancy.TenancyEvents;
import org.keycloak.models.KeycloakSession;

/**
 * The audit records of the MFA module, written through the audit module's {@link AuditRecorder} (skipped when that
 * module is not installed). Never a code, secret or credential id in them.
 */
public final class MfaAudit {

    public static final String GRACE_STARTED = "mfa_grace_started";
    public static final String POSTPONED = "mfa_postponed";
    /** A grace period ended and enrolment was forced. */
    public static final String ENFORCED = "mfa_enforced";
    public static final String ENROLLED = "mfa_enrolled";
    /** An SSO session that had not completed the factor a tenant requires was asked for it. */
    public static final String STEP_UP = "mfa_step_up";
    /** A user removed one of their second factors. */
    public static final String REMOVED = "mfa_removed";
    /** An admin removed a user's second factor (a reset after a lost device). */
    public static final String RESET_BY_ADMIN = "mfa_reset_by_admin";
    /** A password grant of a client a realm admin marked as a legacy client exempt from MFA. */
    public static final String EXEMPTION_USED = "mfa_exemption_used";

    public static final String FACTOR = "factor";
    public static final String DAYS_LEFT = "days_left";
    public static final String GRACE_DAYS = "grace_days";
    public static final String GRACE_HOURS = "grace_hours";
    public static final String ADMIN = "admin";

    private MfaAudit() {
    }

    public static void record(KeycloakSession session, String type, String userId, String clientId, String tenantAlias,
                              Map<String, String> details) {
        AuditRecorder recorder = session.getProvider(AuditRecorder.class);
        if (recorder == null) {
            return;
        }
        Map<String, String> all = new LinkedHashMap<>(details);
        if (tenantAlias != null) {
            all.put(TenancyEvents.TENANT, tenantAlias);
        }
        recorder.record(new AuditEntry(type, userId, clientId, true, null, all));
    }
}
