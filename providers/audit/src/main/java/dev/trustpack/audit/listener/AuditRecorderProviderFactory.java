package dev.trustpack.audit.listener;

import dev.trustpack.audit.record.AuditRecords;
import dev.trustpack.common.audit.AuditEntry;
import dev.trustpack.common.audit.AuditRecorder;
import dev.trustpack.common.audit.AuditRecorderFactory;
import org.keycloak.Config;
import org.keycloak.common.ClientConnection;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * The audit trail's side of the {@link AuditRecorder} API that Trustpack modules call: records an entry of the
 * current realm in the current transaction, if the realm has the audit listener enabled.
 */
public final class AuditRecorderProviderFactory implements AuditRecorderFactory {

    public static final String ID = "default";

    @Override
    public AuditRecorder create(KeycloakSession session) {
        return entry -> record(session, entry);
    }

    private static void record(KeycloakSession session, AuditEntry entry) {
        RealmModel realm = session.getContext().getRealm();
        if (realm == null || !AuditEventListenerFactory.isEnabled(realm)) {
            return;
        }
        ClientConnection connection = session.getContext().getConnection();
        AuditRecords.Context context = new RecordContexts(session).forEntry(realm, entry.userId(), entry.details());
        OutboxWriter.write(session, AuditRecords.fromEntry(entry, System.currentTimeMillis(),
                connection == null ? null : connection.getRemoteAddr(), context));
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
