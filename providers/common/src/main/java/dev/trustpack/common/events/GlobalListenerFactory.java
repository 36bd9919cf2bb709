package dev.trustpack.common.events;

import java.util.List;
import java.util.Map;

import dev.trustpack.common.TrustpackVersion;
import dev.trustpack.common.config.Setting;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Base of a module's global event listener: on in every realm, since what it reacts to are facts the module's policy
 * depends on (a user disabled, a factor removed), not an optional log a realm admin picks. The subclass reads its
 * {@link Setting}s in {@link #init(Config.Scope)} and says how they read in {@link #describeSettings()}; server info
 * shows them with the Trustpack version.
 */
public abstract class GlobalListenerFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    private final String id;
    private final List<Setting<?>> settings;

    protected GlobalListenerFactory(String id, List<Setting<?>> settings) {
        this.id = id;
        this.settings = List.copyOf(settings);
    }

    /** The settings as read, by key, for server info. */
    protected abstract Map<String, String> describeSettings();

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public final boolean isGlobal() {
        return true;
    }

    @Override
    public final String getId() {
        return id;
    }

    @Override
    public final List<ProviderConfigProperty> getConfigMetadata() {
        return settings.stream().map(Setting::toProperty).toList();
    }

    @Override
    public final Map<String, String> getOperationalInfo() {
        return TrustpackVersion.operationalInfo(getClass(), describeSettings());
    }
}
