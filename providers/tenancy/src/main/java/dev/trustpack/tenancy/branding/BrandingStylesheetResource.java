package dev.trustpack.tenancy.branding;

import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * {@code /realms/{realm}/trustpack-branding/{tenantId}/{version}.css}: a tenant's branding stylesheet, linked by the
 * login pages that show the tenant. Addressed by the tenant's id (random, learnt only by signing in), never by its
 * alias, so the address says nothing about which tenants exist. The version in the address changes with the branding:
 * a current address may be cached for a year, any other is answered with the current sheet, briefly cached.
 */
public final class BrandingStylesheetResource {

    static final String CSS = "text/css; charset=utf-8";

    private final KeycloakSession session;

    BrandingStylesheetResource(KeycloakSession session) {
        this.session = session;
    }

    static String address(UriBuilder base, RealmModel realm, Tenant tenant, TenantBranding branding) {
        return base.path("realms").path(realm.getName()).path(BrandingStylesheetResourceFactory.ID).path(tenant.id())
                .path(branding.styleVersion() + ".css").build().toString();
    }

    @GET
    @Path("{tenantId}/{version}.css")
    public Response stylesheet(@PathParam("tenantId") String tenantId, @PathParam("version") String version) {
        TenancyProvider tenancy = session.getProvider(TenancyProvider.class);
        Tenant tenant = tenancy.tenantById(tenantId).orElse(null);
        if (tenant == null) {
            return Response.status(Response.Status.NOT_FOUND).type(CSS).entity("/* no such stylesheet */\n").build();
        }
        TenantBranding branding = BrandingStore.read(session.getProvider(OrganizationProvider.class).getById(tenant.id()))
                .branding();
        boolean current = branding.styleVersion().equals(version);
        return Response.ok(BrandingStylesheet.render(branding), CSS)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", current ? "public, max-age=31536000, immutable" : "public, max-age=60")
                .build();
    }
}
