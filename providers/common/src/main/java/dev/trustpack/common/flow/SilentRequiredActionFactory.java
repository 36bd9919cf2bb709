package dev.trustpack.common.flow;

import java.util.List;
import java.util.Map;

import dev.trustpack.common.TrustpackVersion;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Base of the factory of a Trustpack required action that Trustpack adds to a login itself (never a user or an
 * admin): one stateless action, no config (no {@code max_auth_age}: it is no application-initiated action).
 */
public abstract class SilentRequiredActionFactory implements RequiredActionFactory, ServerInfoAwareProviderFactory {

    private final RequiredActionProvider action;

    protected SilentRequiredActionFactory(RequiredActionProvider action) {
        this.action = action;
    }

    @Override
    public final RequiredActionProvider create(KeycloakSession session) {
        return action;
    }

    @Override
    public final List<ProviderConfigProperty> getConfigMetadata() {
        return List.of();
    }

    @Override
    public final void init(Config.Scope config) {
    }

    @Override
    public final void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public final void close() {
    }

    @Override
    public final Map<String, String> getOperationalInfo() {
        return TrustpackVersion.operationalInfo(getClass(), Map.of());
    }
}
