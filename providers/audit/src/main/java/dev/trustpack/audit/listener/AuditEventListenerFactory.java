package dev.trustpack.audit.listener;

import java.util.List;
import java.util.Map;

import dev.trustpack.audit.worker.AuditSettings;
import dev.trustpack.audit.worker.AuditWorker;
import dev.trustpack.common.TrustpackVersion;
import dev.trustpack.common.config.Setting;
import io.micrometer.core.instrument.Metrics;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * {@code trustpack-audit}: add it to a realm's event listeners (admin console: Realm settings, Events) to put that
 * realm's user and admin events into the audit trail. Also starts this node's audit worker.
 */
public final class AuditEventListenerFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "trustpack-audit";

    private AuditSettings settings;
    private AuditWorker worker;

    /** Whether the realm records its events into the audit trail. */
    public static boolean isEnabled(RealmModel realm) {
        return realm.getEventsListenersStream().anyMatch(ID::equals);
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new AuditEventListener(session);
    }

    @Override
    public void init(Config.Scope config) {
        settings = AuditSettings.read(config);
    }

    /**
     * The worker starts once Keycloak has migrated the database, so the audit tables exist. A deleted realm's
     * records stay, closed by a record of the deletion ({@link RealmDeletion}).
     */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        worker = new AuditWorker(factory, settings, Metrics.globalRegistry);
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                worker.start();
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                RealmDeletion.record(removed.getKeycloakSession(), removed.getRealm());
            } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
                RealmDeletion.created(created.getKeycloakSession(), created.getCreatedRealm());
            }
        });
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.stop();
        }
    }

    @Override
    public String getId() {
        return ID;
    }

    /** This node's worker (the admin API asks it to purge now). */
    public AuditWorker worker() {
        return worker;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return AuditSettings.ALL.stream().map(Setting::toProperty).toList();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return TrustpackVersion.operationalInfo(AuditEventListenerFactory.class, settings.describe());
    }
}
