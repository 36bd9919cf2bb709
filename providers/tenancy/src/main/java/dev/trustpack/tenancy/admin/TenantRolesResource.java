package dev.trustpack.tenancy.admin;

import java.util.List;

import dev.trustpack.common.config.InvalidConfigException;
import dev.trustpack.common.error.TrustpackException;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.TenantRoleSet;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * {@code /admin/realms/{realm}/trustpack/tenant-roles}: the realm's tenant roles. Readable by realm administrators
 * and tenant admins; changed only by realm administrators ({@code manage-realm}), validated before it is stored in
 * the realm attributes {@value TenantRoleSet#ROLES_ATTRIBUTE} and {@value TenantRoleSet#ADMIN_ROLES_ATTRIBUTE}.
 */
public final class TenantRolesResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final TenantAccess access;

    TenantRolesResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                        AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.access = new TenantAccess(session, realm, auth);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public TenantRolesRepresentation get() {
        if (!access.canViewAllTenants() && !auth.realm().canViewRealm() && access.administeredTenant().isEmpty()) {
            throw new TrustpackException(TrustpackException.Kind.FORBIDDEN,
                    "Only realm administrators and tenant admins may read the tenant roles");
        }
        return representation(session.getProvider(TenancyProvider.class).roleSet());
    }

    /**
     * Replaces the role set. Grants of a role that is no longer defined stay stored but no longer appear in tokens
     * or in the API until the role is defined again.
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public TenantRolesRepresentation put(TenantRolesRepresentation update) {
        auth.realm().requireManageRealm();
        if (update == null || update.roles() == null) {
            throw new TrustpackException(TrustpackException.Kind.INVALID,
                    "Body must be {\"roles\": [...], \"adminRoles\": [...]}");
        }
        String roles = String.join(",", update.roles());
        String adminRoles = update.adminRoles() == null ? "" : String.join(",", update.adminRoles());
        TenantRoleSet roleSet;
        try {
            roleSet = TenantRoleSet.parse(roles, adminRoles);
        } catch (InvalidConfigException e) {
            throw new TrustpackException(TrustpackException.Kind.INVALID, e.key(), e.getMessage());
        }
        realm.setAttribute(TenantRoleSet.ROLES_ATTRIBUTE, String.join(",", roleSet.roles()));
        realm.setAttribute(TenantRoleSet.ADMIN_ROLES_ATTRIBUTE, String.join(",", roleSet.adminRoles()));
        TenantRolesRepresentation stored = representation(roleSet);
        adminEvent.operation(OperationType.UPDATE)
                .resource(ResourceType.REALM)
                .resourcePath(session.getContext().getUri())
                .representation(stored)
                .success();
        return stored;
    }

    private static TenantRolesRepresentation representation(TenantRoleSet roleSet) {
        return new TenantRolesRepresentation(roleSet.roles(), List.copyOf(roleSet.adminRoles()));
    }
}
