package dev.trustpack.common.clientpolicy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.trustpack.common.TrustpackVersion;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/**
 * Base of the factory of a Trustpack client-policy executor (MFA's token guard, the session guard): one executor per
 * Keycloak session, nothing to configure, the Trustpack version in server info. A subclass gives the id, the help
 * text and how to create the executor.
 */
public abstract class ExecutorFactory implements ClientPolicyExecutorProviderFactory, ServerInfoAwareProviderFactory {

    private final String id;
    private final String helpText;
    private final Function<KeycloakSession, ClientPolicyExecutorProvider<?>> executor;

    protected ExecutorFactory(String id, String helpText,
                              Function<KeycloakSession, ClientPolicyExecutorProvider<?>> executor) {
        this.id = id;
        this.helpText = helpText;
        this.executor = executor;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public final ClientPolicyExecutorProvider create(KeycloakSession session) {
        return executor.apply(session);
    }

    @Override
    public final String getId() {
        return id;
    }

    @Override
    public final String getHelpText() {
        return helpText;
    }

    @Override
    public final List<ProviderConfigProperty> getConfigProperties() {
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
