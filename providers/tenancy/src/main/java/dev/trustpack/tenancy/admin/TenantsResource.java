package dev.trustpack.tenancy.admin;

import java.util.List;
import java.util.stream.Stream;

import dev.trustpack.common.admin.Inputs;
import dev.trustpack.common.error.TrustpackException;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationDomainModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code /admin/realms/{realm}/trustpack/tenants}: the tenants the caller may see. */
public final class TenantsResource {

    private final KeycloakSession session;
    private final AdminEventBuilder adminEvent;
    private final TenantAccess access;

    TenantsResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.adminEvent = adminEvent;
        this.access = new TenantAccess(session, realm, auth);
    }

    /** Every tenant for realm administrators; the one their token is for, for tenant admins; 403 for anyone else. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<TenantRepresentation> list(@QueryParam("search") String search, @QueryParam("first") String first,
                                           @QueryParam("max") String max) {
        int offset = Inputs.first(first);
        int limit = Inputs.max(max);
        Stream<Tenant> tenants;
        if (access.canViewAllTenants()) {
            tenants = session.getProvider(OrganizationProvider.class)
                    .getAllStream(search == null ? "" : search, false, offset, limit)
                    .filter(OrganizationModel::isEnabled)
                    .map(Tenant::of);
        } else {
            Tenant administered = access.administeredTenant().orElseThrow(() -> new TrustpackException(
                    TrustpackException.Kind.FORBIDDEN, "Only realm administrators and tenant admins may list tenants"));
            tenants = Stream.of(administered).filter(tenant -> matches(tenant, search)).skip(offset).limit(limit);
        }
        return tenants.map(tenant -> representation(access, tenant)).toList();
    }

    /** One tenant; authorization happens here, so every sub-resource is for a tenant the caller may see. */
    @Path("{alias}")
    public TenantResource tenant(@PathParam("alias") String alias) {
        return new TenantResource(session, access, access.requireVisible(alias), adminEvent);
    }

    static TenantRepresentation representation(TenantAccess access, Tenant tenant) {
        TenancyProvider tenancy = access.tenancy();
        List<String> domains = access.organization(tenant).getDomains().map(OrganizationDomainModel::getName)
                .sorted().toList();
        return new TenantRepresentation(tenant.id(), tenant.alias(), tenant.name(), domains, tenancy.roleSet().roles());
    }

    private static boolean matches(Tenant tenant, String search) {
        if (search == null || search.isBlank()) {
            return true;
        }
        String needle = search.toLowerCase();
        return tenant.alias().toLowerCase().contains(needle) || tenant.name().toLowerCase().contains(needle);
    }
}
