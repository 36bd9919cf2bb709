package dev.trustpack.tenancy.admin;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.trustpack.common.admin.Inputs;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationDomainModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.ErrorResponse;
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

    /** Every tenant for realm administrators; the administered ones for tenant admins; 403 for anyone else. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<TenantRepresentation> list(@QueryParam("search") String search, @QueryParam("first") Integer first,
                                           @QueryParam("max") Integer max) {
        int offset = Inputs.first(first);
        int limit = Inputs.max(max);
        Stream<Tenant> tenants;
        if (access.canViewAllTenants()) {
            tenants = session.getProvider(OrganizationProvider.class)
                    .getAllStream(search == null ? "" : search, false, offset, limit)
                    .filter(OrganizationModel::isEnabled)
                    .map(organization -> access.tenancy().tenantById(organization.getId()).orElseThrow());
        } else {
            List<Tenant> administered = access.administeredTenants();
            if (administered.isEmpty()) {
                throw ErrorResponse.error("Only realm administrators and tenant admins may list tenants",
                        Response.Status.FORBIDDEN);
            }
            tenants = administered.stream()
                    .filter(tenant -> matches(tenant, search))
                    .sorted(Comparator.comparing(Tenant::alias))
                    .skip(offset)
                    .limit(limit);
        }
        return tenants.map(this::representation).toList();
    }

    @Path("{alias}")
    public TenantResource tenant(@PathParam("alias") String alias) {
        return new TenantResource(session, access, access.requireVisible(alias), adminEvent);
    }

    TenantRepresentation representation(Tenant tenant) {
        return representation(access, tenant);
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
