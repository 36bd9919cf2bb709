package dev.trustpack.tenancy.admin;

import java.util.List;
import java.util.Set;

import dev.trustpack.common.admin.Inputs;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import dev.trustpack.tenancy.TenantRoleSet;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.ErrorResponse;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Who may do what through the tenant admin API.
 * <ul>
 *   <li>Realm administrators (Keycloak's own organization permissions: {@code view-organizations} to read,
 *       {@code manage-organizations} or realm admin to change) see and manage every tenant.</li>
 *   <li>A tenant admin (a member holding one of the realm's tenant admin roles in a tenant) sees and manages that
 *       tenant only, grants and revokes only roles they hold there themselves, and adds only users whose verified
 *       email is in one of the tenant's domains.</li>
 *   <li>Anyone else gets 403; a tenant the caller may not see is answered 404, as if it did not exist.</li>
 * </ul>
 */
final class TenantAccess {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final TenancyProvider tenancy;

    TenantAccess(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.tenancy = session.getProvider(TenancyProvider.class);
    }

    TenancyProvider tenancy() {
        return tenancy;
    }

    /** The calling user when it belongs to this realm (a tenant admin candidate); null for master-realm admins. */
    UserModel caller() {
        UserModel user = auth.adminAuth().getUser();
        return user != null && realm.equals(auth.adminAuth().getRealm()) ? user : null;
    }

    boolean canViewAllTenants() {
        return auth.orgs().canView();
    }

    boolean isRealmWideViewer(Tenant tenant) {
        return auth.orgs().canView(organization(tenant));
    }

    boolean isRealmWideManager(Tenant tenant) {
        return auth.orgs().canManage(organization(tenant));
    }

    boolean isTenantAdmin(Tenant tenant) {
        UserModel caller = caller();
        return caller != null && tenancy.isTenantAdmin(tenant, caller);
    }

    /** Tenants the caller administers (empty for realm administrators from another realm). */
    List<Tenant> administeredTenants() {
        UserModel caller = caller();
        return caller == null ? List.of() : tenancy.tenantsOf(caller).stream().filter(this::isTenantAdmin).toList();
    }

    /** The tenant by alias, if the caller may see it; 404 otherwise, the same answer as for a missing tenant. */
    Tenant requireVisible(String alias) {
        return tenancy.tenant(alias)
                .filter(tenant -> isRealmWideViewer(tenant) || isTenantAdmin(tenant))
                .orElseThrow(() -> ErrorResponse.error("No tenant '" + Inputs.quoted(alias) + "'", Response.Status.NOT_FOUND));
    }

    void requireManage(Tenant tenant) {
        if (!isRealmWideManager(tenant) && !isTenantAdmin(tenant)) {
            throw ErrorResponse.error("You may view but not change tenant '" + tenant.alias() + "'",
                    Response.Status.FORBIDDEN);
        }
    }

    /**
     * Every role a change touches must be ranked at or below the caller's own highest role in this tenant (an Owner
     * manages every role, an Admin every role but Owner). Realm administrators manage all roles.
     */
    void requireGrantable(Tenant tenant, Set<String> roles) {
        if (isRealmWideManager(tenant) || roles.isEmpty()) {
            return;
        }
        TenantRoleSet roleSet = tenancy.roleSet();
        int callerRank = tenancy.rolesOf(tenant, caller()).stream().mapToInt(roleSet::rank).min()
                .orElse(Integer.MAX_VALUE);
        for (String role : roles) {
            if (roleSet.rank(role) < callerRank) {
                throw ErrorResponse.error("Tenant admins manage only roles ranked at or below their own; '" + role
                        + "' is ranked above yours in '" + tenant.alias() + "'", Response.Status.FORBIDDEN);
            }
        }
    }

    /** Tenant admins may add only users with a verified email in one of the tenant's domains. */
    void requireAddable(Tenant tenant, UserModel user) {
        if (isRealmWideManager(tenant)) {
            return;
        }
        OrganizationModel organization = organization(tenant);
        String email = user.getEmail();
        boolean inDomain = user.isEmailVerified() && email != null && organization.getDomains()
                .anyMatch(domain -> email.toLowerCase().endsWith("@" + domain.getName().toLowerCase()));
        if (!inDomain) {
            throw ErrorResponse.error("Tenant admins add only users with a verified email in the tenant's domains; "
                    + "ask a realm administrator", Response.Status.FORBIDDEN);
        }
    }

    OrganizationModel organization(Tenant tenant) {
        return session.getProvider(OrganizationProvider.class).getById(tenant.id());
    }
}
