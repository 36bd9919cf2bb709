package dev.trustpack.audit.listener;

import dev.trustpack.audit.outbox.OutboxStore;
import dev.trustpack.audit.record.AuditRecords;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Writes a record into the outbox in the transaction of the work it describes, so the two commit or roll back
 * together. Only when that transaction is already over (an event sent after commit) does the record get a
 * transaction of its own. Never does network I/O.
 */
public final class OutboxWriter {

    private OutboxWriter() {
    }

    public static void write(KeycloakSession session, AuditRecords.NewRecord record) {
        if (session.getTransactionManager().isActive()) {
            OutboxStore.of(session).append(record);
        } else {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), session.getContext(),
                    own -> OutboxStore.of(own).append(record));
        }
    }
}
