package dev.trustpack.tenancy;

import java.util.List;
import java.util.Optional;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Trustpack's tenant model for the realm of the current request, for the other Trustpack modules (MFA, session
 * timeouts, Google sign-in, audit) and for the tenancy module itself. Obtain it with
 * {@code session.getProvider(TenancyProvider.class)}.
 *
 * <p>Tenants are Keycloak Organizations; tenant roles are granted through organization groups that carry the
 * attribute {@link #ROLE_GROUP_ATTRIBUTE}. Reads see only enabled tenants.
 */
public interface TenancyProvider extends Provider {

    /** Attribute marking an organization group as the holder of one tenant role; its value is the role name. */
    String ROLE_GROUP_ATTRIBUTE = "trustpack.tenant-role";

    /** Client-session note with the id of the tenant chosen at login (also kept in the token's scope). */
    String ACTIVE_TENANT_NOTE = "trustpack.tenant";

    /** Prefix of the user-session notes that record each tenant used in an SSO session (for revocation). */
    String SESSION_TENANT_NOTE_PREFIX = "trustpack.tenant.";

    /** The enabled tenant with this alias. */
    Optional<Tenant> tenant(String alias);

    /** The enabled tenant with this id. */
    Optional<Tenant> tenantById(String id);

    /** The enabled tenants the user is a member of, ordered by alias. */
    List<Tenant> tenantsOf(UserModel user);

    boolean isMember(Tenant tenant, UserModel user);

    /** The realm's tenant roles and tenant admin roles. */
    TenantRoleSet roleSet();

    /** The user's roles in the tenant, in the realm's role order; empty if not a member. */
    List<String> rolesOf(Tenant tenant, UserModel user);

    /** Whether the user holds one of the realm's tenant admin roles in the tenant. */
    default boolean isTenantAdmin(Tenant tenant, UserModel user) {
        TenantRoleSet roleSet = roleSet();
        return rolesOf(tenant, user).stream().anyMatch(roleSet::isAdminRole);
    }

    /** The tenant chosen for the login being authenticated, once the tenant step has run. */
    Optional<Tenant> activeTenant(AuthenticationSessionModel authenticationSession);

    /**
     * The tenant a token being issued is for: the {@code organization:<alias>} scope of the token (so a refresh keeps
     * the tenant of the original grant), else the tenant chosen at login. Empty unless the user is still a member
     * of that enabled tenant.
     */
    Optional<Tenant> activeTenant(ClientSessionContext clientSessionContext, UserModel user);

    /** A tenant policy attribute (a single value of the organization's attribute {@code key}). */
    Optional<String> attribute(Tenant tenant, String key);

    /** Adds the user to the tenant; false if already a member. */
    boolean addMember(Tenant tenant, UserModel user);

    /** Removes the user, their tenant roles and the SSO sessions they used for this tenant; false if not a member. */
    boolean removeMember(Tenant tenant, UserModel user);

    /** Grants a defined tenant role to a member; false if already granted. */
    boolean grantRole(Tenant tenant, UserModel user, String role);

    /** Revokes a tenant role; false if the user did not hold it. */
    boolean revokeRole(Tenant tenant, UserModel user, String role);

    /** Ends the user's SSO sessions (online and offline) in which the tenant was used. Returns how many ended. */
    int endSessionsBoundTo(Tenant tenant, UserModel user);

    @Override
    default void close() {
    }
}
