package dev.trustpack.tenancy.admin;

import dev.trustpack.tenancy.Tenant;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Base of a module's tenant sub-resource: give the path segment and build the resource. Register the concrete factory
 * in {@code META-INF/services/dev.trustpack.tenancy.admin.TenantResourceProviderFactory}.
 */
public abstract class TenantResourceProviderFactory implements ProviderFactory<TenantResourceProvider> {

    private final String segment;

    protected TenantResourceProviderFactory(String segment) {
        this.segment = segment;
    }

    /** The JAX-RS resource for one request about one tenant. */
    protected abstract Object resource(KeycloakSession session, TenantAccess access, Tenant tenant,
                                       AdminEventBuilder adminEvent);

    @Override
    public final TenantResourceProvider create(KeycloakSession session) {
        return (access, tenant, adminEvent) -> resource(session, access, tenant, adminEvent);
    }

    @Override
    public final String getId() {
        return segment;
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
