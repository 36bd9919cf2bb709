package dev.trustpack.tenancy.admin;

import dev.trustpack.tenancy.Tenant;
import org.keycloak.provider.Provider;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * A capability module's admin resource about one tenant, mounted at
 * {@code /admin/realms/{realm}/trustpack/tenants/{alias}/{id}} (for example {@code mfa-report}). Tenancy has already
 * checked that the caller may see the tenant (a realm admin who may view users, or an admin of that tenant with a
 * token bound to it); anything more (managing, tenant-admin rules) the resource checks through {@code access}.
 */
public interface TenantResourceProvider extends Provider {

    Object resource(TenantAccess access, Tenant tenant, AdminEventBuilder adminEvent);

    @Override
    default void close() {
    }
}
