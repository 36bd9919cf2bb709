package dev.trustpack.tenancy.admin;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.trustpack.common.admin.Inputs;
import dev.trustpack.common.error.TrustpackException;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import dev.trustpack.tenancy.TenantRoleSet;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Who may do what to tenants through Trustpack's admin REST API — the one place every module's admin resource asks
 * (tenants, policies, audit export, MFA report):
 * <ul>
 *   <li>Realm administrators (Keycloak's own organization permissions: {@code view-organizations} to read,
 *       {@code manage-organizations} or realm admin to change) see and manage every tenant.</li>
 *   <li>A tenant admin holds one of the realm's tenant admin roles in the tenant <b>their token is bound to</b>, and
 *       acts on that tenant only: a token for acme gives no power over globex, even where the same user is an
 *       Admin of globex. They grant and revoke only roles ranked at or below their own, and add only users whose
 *       verified email is in one of the tenant's domains.</li>
 *   <li>Anyone else gets 403; a tenant the caller may not see is answered 404, as if it did not exist.</li>
 * </ul>
 */
public final class TenantAccess {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final TenancyProvider tenancy;
    private Optional<Tenant> administered;

    public TenantAccess(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.tenancy = session.getProvider(TenancyProvider.class);
    }

    public TenancyProvider tenancy() {
        return tenancy;
    }

    /** The calling user when they belong to this realm (a tenant admin candidate); empty for master-realm admins. */
    public Optional<UserModel> caller() {
        UserModel user = auth.adminAuth().getUser();
        return user != null && realm.equals(auth.adminAuth().getRealm()) ? Optional.of(user) : Optional.empty();
    }

    /** The tenant the caller's token is bound to; empty for a token bound to none or from another realm. */
    public Optional<Tenant> callerTenant() {
        AccessToken token = auth.adminAuth().getToken();
        return caller().isEmpty() || token == null ? Optional.empty() : tenancy.tokenTenant(token);
    }

    /** The tenant this caller administers with this token: its bound tenant, if they hold an admin role there. */
    public Optional<Tenant> administeredTenant() {
        if (administered == null) {
            administered = callerTenant().filter(tenant -> tenancy.isTenantAdmin(tenant, caller().orElseThrow()));
        }
        return administered;
    }

    public boolean administers(Tenant tenant) {
        return administeredTenant().map(administered -> administered.id().equals(tenant.id())).orElse(false);
    }

    /** Realm-wide readers of tenants ({@code view-organizations}). */
    public boolean canViewAllTenants() {
        return auth.orgs().canView();
    }

    public boolean canView(Tenant tenant) {
        return auth.orgs().canView(organization(tenant)) || administers(tenant);
    }

    /** Realm-wide managers of this tenant ({@code manage-organizations}, realm admins): they set anything. */
    public boolean canManageRealmWide(Tenant tenant) {
        return auth.orgs().canManage(organization(tenant));
    }

    /** The tenant by alias, if the caller may see it; 404 otherwise, the same answer as for a missing tenant. */
    public Tenant requireVisible(String alias) {
        return tenancy.tenant(alias).filter(this::canView).orElseThrow(() ->
                new TrustpackException(TrustpackException.Kind.NOT_FOUND, "No tenant '" + Inputs.quoted(alias) + "'"));
    }

    public void requireManage(Tenant tenant) {
        if (!canManageRealmWide(tenant) && !administers(tenant)) {
            throw new TrustpackException(TrustpackException.Kind.FORBIDDEN,
                    "You may view but not change tenant '" + tenant.alias() + "'");
        }
    }

    /**
     * Every role a change touches must be ranked at or below the caller's own highest role in this tenant (an Owner
     * manages every role, an Admin every role but Owner). Realm administrators manage all roles.
     */
    public void requireGrantable(Tenant tenant, Set<String> roles) {
        if (canManageRealmWide(tenant) || roles.isEmpty()) {
            return;
        }
        TenantRoleSet roleSet = tenancy.roleSet();
        int callerRank = caller().map(user -> tenancy.rolesOf(tenant, user)).orElse(List.of()).stream()
                .mapToInt(roleSet::rank).min().orElse(Integer.MAX_VALUE);
        for (String role : roles) {
            if (roleSet.rank(role) < callerRank) {
                throw new TrustpackException(TrustpackException.Kind.FORBIDDEN, "Tenant admins manage only roles "
                        + "ranked at or below their own; '" + role + "' is ranked above yours in '" + tenant.alias() + "'");
            }
        }
    }

    /**
     * Tenant admins may add only users whose verified email is at a domain the tenant owns as a <b>verified</b>
     * organization domain (matched as {@link TenancyProvider#tenantByVerifiedDomain} matches).
     */
    public void requireAddable(Tenant tenant, UserModel user) {
        if (canManageRealmWide(tenant)) {
            return;
        }
        String email = user.getEmail();
        int at = email == null ? -1 : email.lastIndexOf('@');
        boolean inDomain = user.isEmailVerified() && at > 0 && tenancy.tenantByVerifiedDomain(email.substring(at + 1))
                .map(owner -> owner.id().equals(tenant.id())).orElse(false);
        if (!inDomain) {
            throw new TrustpackException(TrustpackException.Kind.FORBIDDEN, "Tenant admins add only users with a "
                    + "verified email in the tenant's verified domains; ask a realm administrator");
        }
    }

    /** The Keycloak organization behind a tenant (for module resources that list its members). */
    public OrganizationModel organization(Tenant tenant) {
        return session.getProvider(OrganizationProvider.class).getById(tenant.id());
    }
}
