package dev.trustpack.tenancy.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustpack.common.error.TrustpackException;
import dev.trustpack.tenancy.policy.PolicyDocument;
import dev.trustpack.tenancy.policy.TenantPolicies;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/trustpack/policy}: the realm's policy document, the floor every tenant's policy is
 * merged onto. Read by realm administrators and tenant admins (who may only tighten it for their tenant); replaced
 * by realm administrators with {@code manage-realm}.
 */
public final class RealmPolicyResource {

    private final KeycloakSession session;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final TenantAccess access;

    RealmPolicyResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                        AdminEventBuilder adminEvent) {
        this.session = session;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.access = new TenantAccess(session, realm, auth);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode get() {
        requireRead();
        TenantPolicies policies = access.tenancy().policies();
        return policies.realmDocument().toJson(policies.catalog());
    }

    /** Replaces the realm document; fields left out take the modules' defaults. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode put(String body) {
        auth.realm().requireManageRealm();
        TenantPolicies policies = access.tenancy().policies();
        PolicyDocument document = policies.parse(PolicyViews.body(body));
        policies.storeRealm(document);
        ObjectNode stored = policies.realmDocument().toJson(policies.catalog());
        adminEvent.operation(OperationType.UPDATE)
                .resource(ResourceType.REALM)
                .resourcePath(session.getContext().getUri())
                .representation(stored)
                .success();
        return stored;
    }

    /** The sections the installed modules contribute, with each field's type, bounds, default and strictest value. */
    @GET
    @Path("sections")
    @Produces(MediaType.APPLICATION_JSON)
    public ArrayNode sections() {
        requireRead();
        return PolicyViews.sections(access.tenancy().policies().catalog());
    }

    /** The realm floor as it applies (every field, with defaults), and the stored values that did not validate. */
    @GET
    @Path("effective")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode effective() {
        requireRead();
        TenantPolicies policies = access.tenancy().policies();
        ObjectNode view = JsonNodeFactory.instance.objectNode();
        view.set("policy", policies.realm().toJson(policies.catalog()));
        view.set("problems", policies.realm().problemsJson());
        return view;
    }

    private void requireRead() {
        if (!auth.realm().canViewRealm() && !access.canViewAllTenants() && access.administeredTenant().isEmpty()) {
            throw new TrustpackException(TrustpackException.Kind.FORBIDDEN,
                    "Only realm administrators and tenant admins may read the realm policy");
        }
    }
}
