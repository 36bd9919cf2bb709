package dev.trustpack.audit.worker;

import dev.trustpack.audit.outbox.AuditChainEntity;
import dev.trustpack.audit.outbox.OutboxStore;
import dev.trustpack.audit.outbox.SinkStateEntity;
import dev.trustpack.audit.sink.AuditSink;
import dev.trustpack.audit.sink.OperatorSinks;
import dev.trustpack.audit.sink.SinkTenant;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * What a progress row delivers: the sink component and the realm that owns it (the master realm for an operator
 * sink), and whose records — the row's realm, which for an operator sink may be a deleted realm, known then only by
 * the name its trail kept.
 *
 * @param tenant the sink's tenant; realm-wide (no alias) for an operator sink
 */
record SinkTarget(RealmModel owner, ComponentModel component, String sourceRealmId, String sourceRealmName,
                  SinkTenant tenant) {

    /** The row's sink, or null if its component is gone (or is no longer an operator sink, for an operator row). */
    static SinkTarget of(KeycloakSession session, SinkStateEntity state) {
        boolean operatorRow = state.getOperatorSinkId() != null;
        RealmModel owner = operatorRow ? OperatorSinks.adminRealm(session)
                : session.realms().getRealm(state.getRealmId());
        ComponentModel component = owner == null ? null : owner.getComponent(state.getComponentId());
        if (component == null || !AuditSink.class.getName().equals(component.getProviderType())
                || operatorRow != OperatorSinks.isOperatorSink(owner, component)) {
            return null;
        }
        if (!operatorRow) {
            return new SinkTarget(owner, component, owner.getId(), owner.getName(), SinkTenant.of(session, owner, component));
        }
        RealmModel source = session.realms().getRealm(state.getRealmId());
        String sourceName = source != null ? source.getName() : OutboxStore.of(session).chain(state.getRealmId())
                .map(AuditChainEntity::getRealmName).orElse(state.getRealmId());
        return new SinkTarget(owner, component, state.getRealmId(), sourceName, SinkTenant.REALM_WIDE);
    }
}
