package dev.trustpack.sessions.admin;

import dev.trustpack.tenancy.Tenant;
import dev.trustpack.tenancy.admin.TenantAccess;
import dev.trustpack.tenancy.admin.TenantResourceProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/** Mounts a tenant's sessions at {@code /trustpack/tenants/{alias}/sessions}. */
public final class TenantSessionsResourceFactory extends TenantResourceProviderFactory {

    public static final String SEGMENT = "sessions";

    public TenantSessionsResourceFactory() {
        super(SEGMENT);
    }

    @Override
    protected Object resource(KeycloakSession session, TenantAccess access, Tenant tenant, AdminEventBuilder adminEvent) {
        return new TenantSessionsResource(session, access, tenant, adminEvent);
    }
}
