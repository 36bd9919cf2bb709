package dev.trustpack.audit.listener;

import dev.trustpack.audit.record.AuditRecords;
import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Turns each user and admin event of a realm that lists {@code trustpack-audit} among its event listeners into an
 * outbox record, in the event's own transaction. Keycloak sends success events inside the request's transaction
 * (a rolled-back action leaves no record) and error events in a transaction of their own (a failed login is kept).
 */
final class AuditEventListener implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(AuditEventListener.class);

    private final KeycloakSession session;

    AuditEventListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        RealmModel realm = realm(event.getRealmId());
        if (realm == null) {
            return;
        }
        try {
            UserModel user = TypedIdentity.resolved(session, realm, event);
            OutboxWriter.write(session, AuditRecords.fromUserEvent(event,
                    new RecordContexts(session).forUserEvent(realm, event, user),
                    TypedIdentity.details(session, realm, event, user)));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Audit record for user event %s (%s) of realm %s could not be written", event.getId(),
                    event.getType(), realm.getName());
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        RealmModel realm = realm(event.getRealmId());
        if (realm == null) {
            return;
        }
        try {
            OutboxWriter.write(session, AuditRecords.fromAdminEvent(event, includeRepresentation,
                    new RecordContexts(session).forAdminEvent(realm, event)));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Audit record for admin event %s (%s %s) of realm %s could not be written", event.getId(),
                    event.getOperationType(), event.getResourceTypeAsString(), realm.getName());
        }
    }

    private RealmModel realm(String realmId) {
        RealmModel current = session.getContext().getRealm();
        if (current != null && current.getId().equals(realmId)) {
            return current;
        }
        RealmModel realm = realmId == null ? null : session.realms().getRealm(realmId);
        if (realm != null && current == null) {
            session.getContext().setRealm(realm);
        }
        return realm;
    }

    @Override
    public void close() {
    }
}
