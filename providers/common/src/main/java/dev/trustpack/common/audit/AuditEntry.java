package dev.trustpack.common.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A security-relevant event a Trustpack module reports for the audit trail (for example an MFA grace period that
 * started, or an audit sink that was paused). Never put a password, OTP, token, code, secret or key in it.
 *
 * @param type     short, stable, lower_snake_case name, such as {@code mfa_grace_started}
 * @param userId   the user it concerns, or null
 * @param clientId the client it concerns, or null
 * @param success  whether the action it records succeeded
 * @param error    for failures, a short error code
 * @param details  string details (still filtered by the audit module's redaction)
 */
public record AuditEntry(String type, String userId, String clientId, boolean success, String error,
                         Map<String, String> details) {

    public AuditEntry {
        Objects.requireNonNull(type, "type");
        if (!type.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("Audit entry types are lower_snake_case: " + type);
        }
        details = details == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(details));
    }

    public static AuditEntry success(String type, String userId, Map<String, String> details) {
        return new AuditEntry(type, userId, null, true, null, details);
    }

    public static AuditEntry failure(String type, String userId, String error, Map<String, String> details) {
        return new AuditEntry(type, userId, null, false, error, details);
    }
}
