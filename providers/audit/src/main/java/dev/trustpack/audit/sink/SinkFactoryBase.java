package dev.trustpack.audit.sink;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.trustpack.audit.outbox.SinkStateEntity;
import dev.trustpack.audit.outbox.SinkStateStore;
import dev.trustpack.common.config.InvalidConfigException;
import dev.trustpack.common.config.Setting;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * What every sink factory shares: the common settings ({@link SinkSettings}), validation that turns any bad value into
 * a 400 naming the setting, and the admin-console metadata.
 */
abstract class SinkFactoryBase implements AuditSinkFactory {

    private final String id;
    private final String helpText;
    private final List<Setting<?>> ownSettings;

    SinkFactoryBase(String id, String helpText, List<Setting<?>> ownSettings) {
        this.id = id;
        this.helpText = helpText;
        this.ownSettings = ownSettings;
    }

    /** Creates the sink; its settings were validated when the component was saved. */
    abstract AuditSink create(KeycloakSession session, SinkSettings settings, Map<String, String> config);

    /** Checks the sink's own settings beyond their individual syntax; throws {@link InvalidConfigException}. */
    abstract void validate(KeycloakSession session, RealmModel realm, Map<String, String> config);

    @Override
    public final AuditSink create(KeycloakSession session, ComponentModel model) {
        Map<String, String> config = SinkSettings.flatten(model);
        return create(session, SinkSettings.read(config), config);
    }

    @Override
    public final void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        Map<String, String> config = SinkSettings.flatten(model);
        try {
            SinkSettings settings = SinkSettings.read(config);
            if (settings.allRealms() && !OperatorSinks.isAdminRealm(realm)) {
                throw new InvalidConfigException(SinkSettings.ALL_REALMS.key(), "only a sink of the master realm can "
                        + "receive every realm's records");
            }
            ownSettings.forEach(setting -> setting.read(config));
            SinkStateEntity taken = model.getId() == null ? null : SinkStateStore.of(session).find(model.getId());
            if (taken != null && (taken.getOperatorSinkId() != null || !taken.getRealmId().equals(realm.getId()))) {
                throw new InvalidConfigException("id", "is the id of another sink's progress; leave the id out");
            }
            validate(session, realm, config);
            requireKnownTenant(session, realm, config);
        } catch (InvalidConfigException e) {
            // Keycloak formats the message as a MessageFormat pattern; as a parameter it is shown verbatim.
            throw new ComponentValidationException("{0}", e.getMessage());
        }
    }

    /**
     * A sink created through the admin API delivers the records sealed from now on (history: replay). An operator
     * sink gets every realm's kept records instead; the worker adds its rows, one per realm.
     */
    @Override
    public final void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        if (!OperatorSinks.isOperatorSink(realm, model)) {
            SinkStateStore.of(session).ensure(model.getId(), realm.getId(), System.currentTimeMillis(),
                    SinkStateStore.Start.NEW_RECORDS);
        }
    }

    @Override
    public final void preRemove(KeycloakSession session, RealmModel realm, ComponentModel model) {
        SinkStateStore store = SinkStateStore.of(session);
        store.deleteOwn(model.getId(), realm.getId());
        if (OperatorSinks.isAdminRealm(realm)) {
            store.deleteOperatorRows(model.getId());
        }
    }

    /**
     * An unknown tenant is refused when a sink is saved in a realm that has tenants. During a realm import the
     * tenants may not exist yet; a sink whose tenant never appears fails at delivery and is paused with that reason.
     */
    private static void requireKnownTenant(KeycloakSession session, RealmModel realm, Map<String, String> config) {
        if (!realm.isOrganizationsEnabled()) {
            return;
        }
        RealmModel previous = session.getContext().getRealm();
        try {
            session.getContext().setRealm(realm);
            if (session.getProvider(OrganizationProvider.class).count() == 0) {
                return;
            }
        } finally {
            session.getContext().setRealm(previous);
        }
        SinkTenant tenant = SinkTenant.of(session, realm, config);
        if (tenant.unknown()) {
            throw new InvalidConfigException(SinkSettings.TENANT.key(), "there is no tenant '" + tenant.alias()
                    + "' in realm '" + realm.getName() + "'");
        }
    }

    @Override
    public final List<ProviderConfigProperty> getConfigProperties() {
        return Stream.concat(ownSettings.stream(), SinkSettings.ALL.stream()).map(Setting::toProperty).toList();
    }

    @Override
    public final String getHelpText() {
        return helpText;
    }

    @Override
    public final String getId() {
        return id;
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
}
