package dev.trustpack.tenancy;

import java.util.List;
import java.util.Optional;

import dev.trustpack.tenancy.policy.TenantPolicies;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;
import org.keycloak.representations.AccessToken;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Trustpack's tenant model for the realm of the current request: the one public API the other Trustpack modules
 * (MFA, session timeouts, Google sign-in, audit) use. Obtain it with {@code session.getProvider(TenancyProvider.class)}.
 *
 * <p>Tenants are Keycloak Organizations; tenant roles are granted through organization groups that carry the
 * attribute {@link #ROLE_GROUP_ATTRIBUTE}. Reads see only enabled tenants.
 *
 * <p><b>Binding.</b> A token is bound to the tenant its login chose: the login's tenant step writes
 * {@code organization:<alias>} into the scope of that login's authorization code, which Keycloak keeps in every token
 * and refresh token of the grant. {@link #tokenTenant(ClientSessionContext)} reads it back, and only if the SSO
 * session records that a login chose that tenant ({@link #SESSION_TENANT_NOTE_PREFIX}). Refresh and token exchange
 * keep it (docs/tenancy.md, "Binding").
 */
public interface TenancyProvider extends Provider {

    /** Attribute marking an organization group as the holder of one tenant role; its value is the role name. */
    String ROLE_GROUP_ATTRIBUTE = "trustpack.tenant-role";

    /**
     * Authentication-session client note with the id of the tenant the login being authenticated activated. Read it
     * with {@link #activeTenant(AuthenticationSessionModel)}. Its copy on the client session is not a binding: later
     * logins of the same client in the same browser overwrite it.
     */
    String ACTIVE_TENANT_NOTE = "trustpack.tenant";

    /**
     * Authentication-session <b>auth</b> note with the id of the user the active tenant was chosen for. Keycloak clears
     * auth notes, not client notes, when a login is restarted for another user: where it matters whose tenant it is
     * (the login pages' branding), compare this with the signed-in user.
     */
    String ACTIVE_TENANT_USER_NOTE = "trustpack.tenant.user";

    /** Value of {@link #ACTIVE_TENANT_NOTE} once the tenant step decided that the login has no tenant. */
    String NO_TENANT = "none";

    /** Prefix of the user-session notes that record each tenant a login of the SSO session chose ({@code <prefix><id>}). */
    String SESSION_TENANT_NOTE_PREFIX = "trustpack.tenant.";

    /** The enabled tenant with this alias. */
    Optional<Tenant> tenant(String alias);

    /** The enabled tenant with this id. */
    Optional<Tenant> tenantById(String id);

    /**
     * The enabled tenant that owns this domain as a <b>verified</b> organization domain. Exact match only, ASCII
     * case-insensitive after IDNA normalisation: no suffix, prefix, trailing-dot or look-alike match. Empty for a
     * domain that is not a valid host name.
     */
    Optional<Tenant> tenantByVerifiedDomain(String domain);

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

    /** The tenant the login being authenticated activated, once a tenant step (or a module) has activated one. */
    Optional<Tenant> activeTenant(AuthenticationSessionModel authenticationSession);

    /**
     * Makes the tenant the active tenant of the login being authenticated, from any authenticator (browser, direct
     * grant, identity-provider login): binds the grant to it and records it in the login event (detail
     * {@link TenancyEvents#TENANT}) and in the SSO session. The user must be a member of the enabled tenant.
     *
     * @throws TenancyException (NOT_FOUND) if the user may not use the tenant
     */
    default void activate(AuthenticationFlowContext context, Tenant tenant) {
        activate(context.getAuthenticationSession(), context.getUser(), context.getEvent(), tenant);
    }

    /** {@link #activate(AuthenticationFlowContext, Tenant)} for callers that are not authenticators. */
    void activate(AuthenticationSessionModel authenticationSession, UserModel user, EventBuilder event, Tenant tenant);

    /** Records that the login being authenticated has no tenant (a user in none), so policy readers know it is decided. */
    default void activateNone(AuthenticationSessionModel authenticationSession) {
        authenticationSession.setClientNote(ACTIVE_TENANT_NOTE, NO_TENANT);
    }

    /**
     * The tenant a token being issued is bound to (protocol mappers call this): the {@code organization:<alias>} in
     * the token's own scope, if the user is still a member of that enabled tenant and a login of this SSO session
     * chose it. Never a later login's choice, never a guess.
     */
    Optional<Tenant> tokenTenant(ClientSessionContext clientSessionContext);

    /** The tenant a verified access token (for example an admin REST caller's bearer token) is bound to. */
    Optional<Tenant> tokenTenant(AccessToken token);

    /**
     * The tenant an admin event's resource path is about: Trustpack's own {@code trustpack/tenants/<alias>/...} and
     * Keycloak's {@code organizations/<id>/...}, matched from the start of the path only.
     */
    Optional<Tenant> tenantOfAdminPath(String resourcePath);

    /** The tenant policy document: realm floor, tenants, role sections, effective policy. */
    TenantPolicies policies();

    /** Adds the user to the tenant; false if already a member. */
    boolean addMember(Tenant tenant, UserModel user);

    /**
     * Adds the user as a managed member: an account created for the tenant by sign-in through an identity provider
     * (Keycloak's managed organization member). False if already a member.
     */
    boolean addManagedMember(Tenant tenant, UserModel user);

    /**
     * Removes the user, their tenant roles and the SSO sessions they used for this tenant; false if not a member.
     *
     * @throws TenancyException (CONFLICT) if the user is the tenant's last holder of the top role
     */
    boolean removeMember(Tenant tenant, UserModel user);

    /** Grants a defined tenant role to a member; false if already granted. */
    boolean grantRole(Tenant tenant, UserModel user, String role);

    /**
     * Revokes a tenant role; false if the user did not hold it.
     *
     * @throws TenancyException (CONFLICT) if that would leave the tenant without a holder of the top role
     */
    boolean revokeRole(Tenant tenant, UserModel user, String role);

    /**
     * Ends the user's SSO sessions (online and offline) in which the tenant was used, each with a {@code session_ended}
     * audit record (reason {@code membership_removed}). Returns how many ended.
     */
    int endSessionsBoundTo(Tenant tenant, UserModel user);

    @Override
    default void close() {
    }
}
