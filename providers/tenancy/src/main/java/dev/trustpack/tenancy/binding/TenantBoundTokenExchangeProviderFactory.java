package dev.trustpack.tenancy.binding;

import java.util.Map;

import dev.trustpack.common.TrustpackVersion;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.common.Profile;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.TokenExchangeProvider;
import org.keycloak.protocol.oidc.TokenExchangeProviderFactory;
import org.keycloak.provider.EnvironmentDependentProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Registers {@link TenantBoundTokenExchangeProvider} where Keycloak's standard token exchange is enabled. Keycloak
 * asks the exchange providers in descending {@link #order()}; this one ({@value #ORDER}) comes before the standard
 * one (10) and accepts exactly the requests the standard one accepts.
 */
public final class TenantBoundTokenExchangeProviderFactory implements TokenExchangeProviderFactory,
        EnvironmentDependentProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "trustpack-tenant-bound";
    static final int ORDER = 20;

    private static final Logger LOG = Logger.getLogger(TenantBoundTokenExchangeProviderFactory.class);

    @Override
    public TokenExchangeProvider create(KeycloakSession session) {
        return new TenantBoundTokenExchangeProvider();
    }

    @Override
    public boolean isSupported(Config.Scope config) {
        return Profile.isFeatureEnabled(Profile.Feature.TOKEN_EXCHANGE_STANDARD_V2);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        if (Profile.isFeatureEnabled(Profile.Feature.TOKEN_EXCHANGE)) {
            LOG.warn("The preview feature 'token-exchange' (legacy token exchange V1) is enabled: requests it handles "
                    + "do not keep the tenant binding of the subject token. Disable it (docs/tenancy.md, Binding).");
        }
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return TrustpackVersion.operationalInfo(TenantBoundTokenExchangeProviderFactory.class, Map.of());
    }
}
