package dev.trustpack.tenancy.admin;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustpack.common.admin.Inputs;
import dev.trustpack.common.error.TrustpackException;
import dev.trustpack.tenancy.Tenant;
import dev.trustpack.tenancy.branding.BrandingRules;
import dev.trustpack.tenancy.branding.BrandingStore;
import dev.trustpack.tenancy.branding.TenantBranding;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.util.JsonSerialization;

/**
 * {@code /admin/realms/{realm}/trustpack/tenants/{alias}/branding}: the tenant's login-page branding
 * ({@code displayName}, {@code logo}, {@code accentColor}). Read by whoever may see the tenant, replaced or removed by
 * realm administrators and the tenant's admins. A PUT is checked as a whole: one invalid value refuses it, naming each
 * field, and nothing is written.
 */
public final class TenantBrandingResource {

    /** A body larger than this is refused before it is read as JSON (a data URL logo is at most 8 KiB). */
    static final int MAX_BODY_BYTES = 16 * 1024;
    private static final Set<String> FIELDS = Set.of(TenantBranding.DISPLAY_NAME, TenantBranding.LOGO,
            TenantBranding.ACCENT_COLOR);

    private final KeycloakSession session;
    private final TenantAccess access;
    private final Tenant tenant;
    private final AdminEventBuilder adminEvent;

    TenantBrandingResource(KeycloakSession session, TenantAccess access, Tenant tenant, AdminEventBuilder adminEvent) {
        this.session = session;
        this.access = access;
        this.tenant = tenant;
        this.adminEvent = adminEvent;
    }

    /** The stored branding; {@code invalid} names fields whose stored value does not validate (and is not shown). */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode get() {
        return representation(BrandingStore.read(access.organization(tenant)));
    }

    /** Replaces the branding: fields left out or null are removed (the realm's branding shows there). */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode put(String body) {
        access.requireManage(tenant);
        TenantBranding branding = parse(body);
        BrandingStore.write(access.organization(tenant), branding);
        ObjectNode stored = representation(BrandingStore.read(access.organization(tenant)));
        adminEvent.operation(OperationType.UPDATE)
                .resource(ResourceType.ORGANIZATION)
                .resourcePath(session.getContext().getUri())
                .representation(stored)
                .success();
        return stored;
    }

    @DELETE
    public Response delete() {
        access.requireManage(tenant);
        BrandingStore.write(access.organization(tenant), TenantBranding.NONE);
        adminEvent.operation(OperationType.DELETE)
                .resource(ResourceType.ORGANIZATION)
                .resourcePath(session.getContext().getUri())
                .success();
        return Response.noContent().build();
    }

    static TenantBranding parse(String body) {
        JsonNode json = JsonBody.read(body, MAX_BODY_BYTES, "The body must be a JSON object with displayName, logo "
                + "and accentColor (each optional); send {} to remove the branding", "The branding is at most "
                + MAX_BODY_BYTES / 1024 + " KiB");
        if (json == null || !json.isObject()) {
            throw new TrustpackException(TrustpackException.Kind.INVALID, "The body must be a JSON object");
        }
        List<TrustpackException.Problem> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            String field = it.next().getKey();
            if (!FIELDS.contains(field)) {
                problems.add(new TrustpackException.Problem(field, "Unknown field '" + Inputs.quoted(field)
                        + "'; branding has displayName, logo and accentColor"));
            }
        }
        String name = value(json, TenantBranding.DISPLAY_NAME, BrandingRules::displayName, problems);
        String logo = value(json, TenantBranding.LOGO, BrandingRules::logo, problems);
        String colour = value(json, TenantBranding.ACCENT_COLOR, BrandingRules::accentColor, problems);
        if (!problems.isEmpty()) {
            throw TrustpackException.of(TrustpackException.Kind.INVALID, problems);
        }
        return new TenantBranding(name, logo, colour);
    }

    private static String value(JsonNode json, String field, java.util.function.UnaryOperator<String> rule,
                                List<TrustpackException.Problem> problems) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add(new TrustpackException.Problem(field, field + " must be a string"));
            return null;
        }
        try {
            return rule.apply(node.textValue());
        } catch (BrandingRules.BrandingValueException e) {
            problems.add(new TrustpackException.Problem(field, e.getMessage()));
            return null;
        }
    }

    private static ObjectNode representation(BrandingStore.Stored stored) {
        ObjectNode json = JsonSerialization.mapper.createObjectNode();
        json.put(TenantBranding.DISPLAY_NAME, stored.branding().displayName());
        json.put(TenantBranding.LOGO, stored.branding().logo());
        json.put(TenantBranding.ACCENT_COLOR, stored.branding().accentColor());
        json.putPOJO("invalid", stored.invalid());
        return json;
    }
}
