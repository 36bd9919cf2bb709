package dev.trustpack.common.audit;

import org.keycloak.provider.Provider;

/**
 * Puts an {@link AuditEntry} of the current realm into the audit trail, in the current transaction (so it commits
 * or rolls back with the work it describes). Implemented by the audit module; when that module is not installed,
 * {@code session.getProvider(AuditRecorder.class)} is null and callers simply skip recording.
 */
public interface AuditRecorder extends Provider {

    void record(AuditEntry entry);

    @Override
    default void close() {
    }
}
