package dev.trustpack.google.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.trustpack.common.audit.AuditEntry;
import dev.trustpack.common.audit.AuditRecorder;
import dev.trustpack.google.decision.GoogleRefusal;
import dev.trustpack.tenancy.TenancyEvents;
import org.keycloak.models.KeycloakSession;

/**
 * The audit records of Google sign-in, through the audit module's {@link AuditRecorder} (skipped when it is not
 * installed). Identifiers only (Google's {@code sub}, the domain, the email): never a token, code or nonce.
 */
public final class GoogleAudit {

    public static final String LOGIN = "google_login";
    public static final String LINKED = "google_linked";
    public static final String USER_CREATED = "google_user_created";
    public static final String REFUSED = "google_refused";

    public static final String REASON = "reason";
    public static final String HD = "hd";
    public static final String GOOGLE_SUB = "google_sub";
    public static final String EMAIL = "email";
    /** "false" on refusals of tokens whose signature or claims did not verify: their details are claims, not facts. */
    public static final String TOKEN_VERIFIED = "token_verified";
    public static final String METHOD = "method";
    public static final String ROLE = "role";

    private GoogleAudit() {
    }

    public static void success(KeycloakSession session, String type, String userId, String clientId,
                               String tenantAlias, Map<String, String> details) {
        record(session, new AuditEntry(type, userId, clientId, true, null, withTenant(details, tenantAlias)));
    }

    public static void refused(KeycloakSession session, GoogleRefusal reason, String userId, String clientId,
                               String tenantAlias, Map<String, String> details) {
        Map<String, String> all = withTenant(details, tenantAlias);
        all.put(REASON, reason.code());
        record(session, new AuditEntry(REFUSED, userId, clientId, false, reason.code(), all));
    }

    private static Map<String, String> withTenant(Map<String, String> details, String tenantAlias) {
        Map<String, String> all = new LinkedHashMap<>();
        details.forEach((key, value) -> {
            if (value != null) {
                all.put(key, value);
            }
        });
        if (tenantAlias != null) {
            all.put(TenancyEvents.TENANT, tenantAlias);
        }
        return all;
    }

    private static void record(KeycloakSession session, AuditEntry entry) {
        AuditRecorder recorder = session.getProvider(AuditRecorder.class);
        if (recorder != null) {
            recorder.record(entry);
        }
    }
}
