package dev.trustpack.tenancy.binding;

import java.util.Map;

import dev.trustpack.common.TrustpackVersion;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.refresh.RefreshTokenProvider;
import org.keycloak.protocol.oidc.refresh.RefreshTokenProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Registers {@link TenantBoundRefreshTokenProvider}. Keycloak asks the refresh-token providers in descending
 * {@link #order()} and takes the first that supports the token, so this one (order {@value #ORDER}) handles the
 * refreshes Keycloak's default provider (order 0) would, and delegates to it; OID4VCI's (order 10) keeps its own.
 */
public final class TenantBoundRefreshTokenProviderFactory implements RefreshTokenProviderFactory,
        ServerInfoAwareProviderFactory {

    public static final String ID = "trustpack-tenant-bound";
    static final int ORDER = 100;

    @Override
    public RefreshTokenProvider create(KeycloakSession session) {
        return new TenantBoundRefreshTokenProvider(session);
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

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return TrustpackVersion.operationalInfo(TenantBoundRefreshTokenProviderFactory.class, Map.of());
    }
}
