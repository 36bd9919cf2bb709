package dev.trustpack.tenancy.admin;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustpack.common.error.TrustpackException;
import dev.trustpack.tenancy.Tenant;
import dev.trustpack.tenancy.policy.PolicyDocument;
import dev.trustpack.tenancy.policy.PolicyFloor;
import dev.trustpack.tenancy.policy.TenantPolicies;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * {@code /admin/realms/{realm}/trustpack/tenants/{alias}/policy}: the tenant's policy document. Read by whoever may
 * see the tenant; replaced by realm administrators (any value) and the tenant's admins, who may only tighten it: a
 * value looser than the realm floor or than the one stored now, or the removal of a stored value, is 403 naming each
 * field; role sections only of roles ranked at or below their own.
 */
public final class TenantPolicyResource {

    private final KeycloakSession session;
    private final TenantAccess access;
    private final Tenant tenant;
    private final AdminEventBuilder adminEvent;

    TenantPolicyResource(KeycloakSession session, TenantAccess access, Tenant tenant, AdminEventBuilder adminEvent) {
        this.session = session;
        this.access = access;
        this.tenant = tenant;
        this.adminEvent = adminEvent;
    }

    /** The stored document; a stored value that does not validate is shown as the text stored. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode get() {
        TenantPolicies policies = access.tenancy().policies();
        return policies.tenantDocument(tenant).toJson(policies.catalog());
    }

    /** Replaces the document: fields left out inherit from the realm floor. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode put(String body) {
        access.requireManage(tenant);
        TenantPolicies policies = access.tenancy().policies();
        PolicyDocument document = policies.parse(PolicyViews.body(body));
        if (!access.canManageRealmWide(tenant)) {
            access.requireGrantable(tenant, PolicyFloor.rolesChanged(policies.tenantDocument(tenant), document));
            List<TrustpackException.Problem> looser = policies.looserThanNow(tenant, document);
            if (!looser.isEmpty()) {
                throw TrustpackException.of(TrustpackException.Kind.FORBIDDEN, looser);
            }
        }
        policies.storeTenant(tenant, document);
        ObjectNode stored = policies.tenantDocument(tenant).toJson(policies.catalog());
        adminEvent.operation(OperationType.UPDATE)
                .resource(ResourceType.ORGANIZATION)
                .resourcePath(session.getContext().getUri())
                .representation(stored)
                .success();
        return stored;
    }
}
