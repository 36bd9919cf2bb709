package dev.trustpack.tenancy;

import java.net.IDN;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import dev.trustpack.common.audit.SessionEndedAudit;
import dev.trustpack.common.log.WarnOnce;
import dev.trustpack.tenancy.mapper.TenantClaimsMapper;
import dev.trustpack.tenancy.policy.PolicyCatalog;
import dev.trustpack.tenancy.policy.PolicyWarnings;
import dev.trustpack.tenancy.policy.StoredTenantPolicies;
import dev.trustpack.tenancy.policy.TenantPolicies;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.OrganizationDomainModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.jpa.entities.GroupEntity;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/** Tenants on Keycloak Organizations, tenant roles on organization groups marked {@link #ROLE_GROUP_ATTRIBUTE}. */
final class DefaultTenancyProvider implements TenancyProvider {

    private static final Logger LOG = Logger.getLogger(DefaultTenancyProvider.class);

    private static final int MAX_DOMAIN_LENGTH = 253;

    private final KeycloakSession session;
    private final TenantRoleSet serverDefaults;
    private final PolicyCatalog policyCatalog;
    private final PolicyWarnings policyWarnings;
    private final WarnOnce configWarnings;
    /** Per realm: a session may serve several realms (background jobs switch the context realm). */
    private final Map<String, TenantRoleSet> roleSets = new HashMap<>();
    private final Map<String, TenantPolicies> policiesByRealm = new HashMap<>();
    /** Roles by tenant id and user id, for this request: a token asks for them once per token and once for policy. */
    private final Map<String, List<String>> roles = new HashMap<>();
    private final TenantAliasIndex aliases;

    DefaultTenancyProvider(KeycloakSession session, TenantRoleSet serverDefaults, PolicyCatalog policyCatalog,
                           PolicyWarnings policyWarnings, WarnOnce configWarnings, TenantAliasIndex aliases) {
        this.session = session;
        this.aliases = aliases;
        this.serverDefaults = serverDefaults;
        this.policyCatalog = policyCatalog;
        this.policyWarnings = policyWarnings;
        this.configWarnings = configWarnings;
    }

    @Override
    public Optional<Tenant> tenant(String alias) {
        if (alias == null || alias.isBlank() || !organizations().isEnabled()) {
            return Optional.empty();
        }
        OrganizationProvider organizations = organizations();
        return aliases.find(realm().getId(), alias, organizations::getById, OrganizationModel::getAlias,
                        OrganizationModel::getId, organizations::getByAlias)
                .filter(OrganizationModel::isEnabled)
                .map(Tenant::of);
    }

    @Override
    public Optional<Tenant> tenantById(String id) {
        if (id == null || id.isBlank() || !organizations().isEnabled()) {
            return Optional.empty();
        }
        return Optional.ofNullable(organizations().getById(id))
                .filter(OrganizationModel::isEnabled)
                .map(Tenant::of);
    }

    @Override
    public Optional<Tenant> tenantByVerifiedDomain(String domain) {
        String normalized = normalizeDomain(domain);
        if (normalized == null || !organizations().isEnabled()) {
            return Optional.empty();
        }
        OrganizationModel organization = organizations().getByDomainName(normalized);
        if (organization == null || !organization.isEnabled()) {
            return Optional.empty();
        }
        boolean ownsVerified = organization.getDomains()
                .filter(OrganizationDomainModel::isVerified)
                .map(OrganizationDomainModel::getName)
                .anyMatch(owned -> normalized.equals(normalizeDomain(owned)));
        return ownsVerified ? Optional.of(Tenant.of(organization)) : Optional.empty();
    }

    /**
     * The ASCII (IDNA) lower-case form of a host name, or null if it is not one. No trailing dot, no empty label:
     * those would let {@code acme.example.} pass for {@code acme.example}.
     */
    static String normalizeDomain(String domain) {
        if (domain == null || domain.isEmpty() || domain.length() > MAX_DOMAIN_LENGTH || domain.startsWith(".")
                || domain.endsWith(".") || domain.contains("..") || !domain.strip().equals(domain)) {
            return null;
        }
        try {
            String ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            return ascii.isEmpty() || ascii.length() > MAX_DOMAIN_LENGTH ? null : ascii;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public List<Tenant> tenantsOf(UserModel user) {
        if (!organizations().isEnabled()) {
            return List.of();
        }
        return organizations().getByMember(user)
                .filter(OrganizationModel::isEnabled)
                .map(Tenant::of)
                .sorted(Comparator.comparing(Tenant::alias))
                .toList();
    }

    @Override
    public boolean isMember(Tenant tenant, UserModel user) {
        OrganizationModel organization = organization(tenant);
        return organization != null && user != null && organizations().isMember(organization, user);
    }

    @Override
    public TenantRoleSet roleSet() {
        RealmModel realm = realm();
        return roleSets.computeIfAbsent(realm.getId(), id -> {
            String roles = realm.getAttribute(TenantRoleSet.ROLES_ATTRIBUTE);
            String adminRoles = realm.getAttribute(TenantRoleSet.ADMIN_ROLES_ATTRIBUTE);
            return roles == null && adminRoles == null
                    ? serverDefaults
                    : TenantRoleSet.parse(roles == null ? String.join(",", serverDefaults.roles()) : roles,
                            adminRoles == null ? "" : adminRoles);
        });
    }

    @Override
    public List<String> rolesOf(Tenant tenant, UserModel user) {
        if (tenant == null || user == null) {
            return List.of();
        }
        return roles.computeIfAbsent(tenant.id() + '/' + user.getId(), key -> storedRolesOf(tenant, user));
    }

    private List<String> storedRolesOf(Tenant tenant, UserModel user) {
        OrganizationModel organization = organization(tenant);
        // Through Keycloak's cached provider, this check also caches whether the membership is managed, which
        // Keycloak's user cache asks for each of the user's organizations every time it hands out the user: without
        // it, that is a query per lookup (a page of 100 members went from about 20 ms to 130 ms).
        if (organization == null || !organizations().isMember(organization, user)) {
            return List.of();
        }
        TenantRoleSet roleSet = roleSet();
        List<String> held = organizations().getOrganizationGroupsByMember(organization, user)
                .map(DefaultTenancyProvider::roleOf)
                .filter(Objects::nonNull)
                .filter(roleSet::defines)
                .toList();
        return roleSet.roles().stream().filter(held::contains).toList();
    }

    @Override
    public Optional<Tenant> activeTenant(AuthenticationSessionModel authenticationSession) {
        return tenantById(authenticationSession.getClientNote(ACTIVE_TENANT_NOTE));
    }

    @Override
    public void activate(AuthenticationSessionModel authSession, UserModel user, EventBuilder event, Tenant tenant) {
        Tenant current = tenantById(tenant.id()).filter(t -> isMember(t, user)).orElseThrow(() ->
                new TenancyException(TenancyException.Kind.NOT_FOUND, "You are not a member of the requested tenant"));
        authSession.setClientNote(ACTIVE_TENANT_NOTE, current.id());
        authSession.setAuthNote(ACTIVE_TENANT_USER_NOTE, user.getId());
        // Keycloak's own organization mappers and its "organization" (any) scope read this note.
        authSession.setClientNote(OrganizationModel.ORGANIZATION_ATTRIBUTE, current.id());
        ClientModel client = authSession.getClient();
        if (TenantScope.isAvailableTo(client)) {
            // The binding: this login's code, and every token of its grant, carry organization:<alias> in their scope.
            authSession.setClientNote(OIDCLoginProtocol.SCOPE_PARAM,
                    TenantScope.withTenant(authSession.getClientNote(OIDCLoginProtocol.SCOPE_PARAM), current.alias()));
        } else if (configWarnings.first(realm().getId() + "/" + client.getId())) {
            LOG.warnf("Client '%s' of realm '%s' has no 'organization' client scope: its tokens cannot be bound to a "
                    + "tenant and carry none. Add the scope to the client (docs/tenancy.md, Binding).",
                    client.getClientId(), realm().getName());
        }
        if (!hasTenantClaimsMapper(client) && configWarnings.first(realm().getId() + "/mapper/" + client.getId())) {
            LOG.warnf("Client '%s' of realm '%s' has no '%s' mapper (on the client or a default client scope): its "
                    + "tokens carry no tenant claims, and nothing removes 'tenant' or 'tenant_roles' another mapper "
                    + "writes. Add the mapper (docs/tenancy.md, Token claims).", client.getClientId(),
                    realm().getName(), TenantClaimsMapper.ID);
        }
        authSession.setUserSessionNote(SESSION_TENANT_NOTE_PREFIX + current.id(), current.alias());
        if (event != null) {
            event.detail(TenancyEvents.TENANT, current.alias());
        }
    }

    @Override
    public Optional<Tenant> tokenTenant(ClientSessionContext clientSessionContext) {
        TenantScope.Request bound = TenantScope.parse(clientSessionContext.getScopeString(true));
        if (bound.kind() != TenantScope.Kind.SPECIFIC) {
            return Optional.empty();
        }
        return boundTenant(bound.alias(), clientSessionContext.getClientSession().getUserSession());
    }

    @Override
    public Optional<Tenant> tokenTenant(AccessToken token) {
        TenantScope.Request bound = TenantScope.parse(token.getScope());
        if (bound.kind() != TenantScope.Kind.SPECIFIC || token.getSessionId() == null) {
            return Optional.empty();
        }
        UserSessionModel userSession = session.sessions().getUserSession(realm(), token.getSessionId());
        if (userSession == null) {
            userSession = session.sessions().getOfflineUserSession(realm(), token.getSessionId());
        }
        // Lightweight access tokens (and refresh tokens made from them) may carry no subject; the session, found by
        // the id in a token Keycloak verified, names the user.
        if (userSession == null || userSession.getUser() == null
                || token.getSubject() != null && !userSession.getUser().getId().equals(token.getSubject())) {
            return Optional.empty();
        }
        return boundTenant(bound.alias(), userSession);
    }

    /** The tenant of a binding, if it still stands: enabled, the user a member, and chosen by a login of the session. */
    private Optional<Tenant> boundTenant(String alias, UserSessionModel userSession) {
        if (userSession == null) {
            return Optional.empty();
        }
        return tenant(alias)
                .filter(tenant -> isMember(tenant, userSession.getUser()))
                .filter(tenant -> userSession.getNote(SESSION_TENANT_NOTE_PREFIX + tenant.id()) != null);
    }

    @Override
    public Optional<Tenant> tenantOfAdminPath(String resourcePath) {
        return AdminPaths.tenantOf(resourcePath).flatMap(reference -> reference.alias() != null
                ? tenant(reference.alias()) : tenantById(reference.organizationId()));
    }

    @Override
    public TenantPolicies policies() {
        return policiesByRealm.computeIfAbsent(realm().getId(),
                id -> new StoredTenantPolicies(session, this, policyCatalog, policyWarnings));
    }

    /** Memberships and roles feed the roles and effective policies this request may have computed already. */
    private void membershipsChanged() {
        policiesByRealm.clear();
        roles.clear();
    }

    @Override
    public boolean addMember(Tenant tenant, UserModel user) {
        membershipsChanged();
        OrganizationModel organization = requireOrganization(tenant);
        if (organizations().isMember(organization, user)) {
            return false;
        }
        return organizations().addMember(organization, user);
    }

    @Override
    public boolean addManagedMember(Tenant tenant, UserModel user) {
        membershipsChanged();
        OrganizationModel organization = requireOrganization(tenant);
        if (organizations().isMember(organization, user)) {
            return false;
        }
        return organizations().addManagedMember(organization, user);
    }

    @Override
    public boolean removeMember(Tenant tenant, UserModel user) {
        membershipsChanged();
        OrganizationModel organization = requireOrganization(tenant);
        if (!organizations().isMember(organization, user)) {
            return false;
        }
        requireAnotherTopHolder(organization, user, null);
        // Keycloak fires OrganizationMemberLeaveEvent, whose listener calls memberLeft: the same path as a removal
        // through the admin console.
        return organizations().removeMember(organization, user);
    }

    @Override
    public boolean grantRole(Tenant tenant, UserModel user, String role) {
        membershipsChanged();
        OrganizationModel organization = requireOrganization(tenant);
        requireDefined(role);
        if (!organizations().isMember(organization, user)) {
            throw new TenancyException(TenancyException.Kind.INVALID,
                    "User '" + user.getUsername() + "' is not a member of tenant '" + tenant.alias() + "'; add them first");
        }
        GroupModel group = roleGroup(organization, role, true);
        if (user.isMemberOf(group)) {
            return false;
        }
        user.joinGroup(group);
        return true;
    }

    @Override
    public boolean revokeRole(Tenant tenant, UserModel user, String role) {
        membershipsChanged();
        OrganizationModel organization = requireOrganization(tenant);
        requireDefined(role);
        GroupModel group = roleGroup(organization, role, false);
        if (group == null || !user.isMemberOf(group)) {
            return false;
        }
        requireAnotherTopHolder(organization, user, role);
        user.leaveGroup(group);
        return true;
    }

    /**
     * A tenant always keeps a holder of the top role (the first of the role set, Owner by default). The role's group
     * row is locked for the rest of the transaction, so two concurrent changes (two Owners removing each other) are
     * decided one after the other, each counting what the other committed.
     *
     * @param role the role being revoked, or null when the user leaves the tenant
     */
    private void requireAnotherTopHolder(OrganizationModel organization, UserModel user, String role) {
        String top = roleSet().roles().get(0);
        if (role != null && !role.equals(top)) {
            return;
        }
        GroupModel group = roleGroup(organization, top, false);
        if (group == null || !user.isMemberOf(group)) {
            return;
        }
        EntityManager entityManager = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        entityManager.find(GroupEntity.class, group.getId(), LockModeType.PESSIMISTIC_WRITE);
        // Only enabled holders count: a disabled Owner administers nothing.
        long others = entityManager.createQuery("select count(m) from UserGroupMembershipEntity m "
                        + "where m.groupId = :group and m.user.id <> :user and m.user.enabled = true", Long.class)
                .setParameter("group", group.getId())
                .setParameter("user", user.getId())
                .getSingleResult();
        if (others == 0) {
            throw new TenancyException(TenancyException.Kind.CONFLICT, "'" + user.getUsername() + "' is the only "
                    + top + " of tenant '" + organization.getAlias() + "'; a tenant always keeps at least one " + top
                    + ". Grant " + top + " to another (enabled) member first.");
        }
    }

    /** Called when a user left a tenant by any path: clears their tenant roles and ends the tenant's sessions. */
    void memberLeft(OrganizationModel organization, UserModel user) {
        membershipsChanged();
        // Roles go too, so a later re-invitation does not bring old roles back.
        List<GroupModel> roleGroups = roleGroupsOf(organization, user);
        roleGroups.forEach(user::leaveGroup);
        int ended = endSessionsBoundTo(Tenant.of(organization), user);
        LOG.debugf("User %s left tenant %s: %d tenant role(s) cleared, %d session(s) ended", user.getId(),
                organization.getAlias(), roleGroups.size(), ended);
    }

    @Override
    public int endSessionsBoundTo(Tenant tenant, UserModel user) {
        RealmModel realm = realm();
        String note = SESSION_TENANT_NOTE_PREFIX + tenant.id();
        List<UserSessionModel> online = session.sessions().getUserSessionsStream(realm, user)
                .filter(userSession -> userSession.getNote(note) != null)
                .toList();
        Map<String, String> details = Map.of(SessionEndedAudit.TENANT, tenant.alias());
        online.forEach(userSession -> {
            SessionEndedAudit.record(session, userSession, SessionEndedAudit.MEMBERSHIP_REMOVED, details);
            AuthenticationManager.backchannelLogout(session, userSession, true);
        });
        List<UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, user)
                .filter(userSession -> userSession.getNote(note) != null)
                .toList();
        Map<String, String> offlineDetails = Map.of(SessionEndedAudit.TENANT, tenant.alias(),
                SessionEndedAudit.OFFLINE, "true");
        offline.forEach(userSession -> {
            SessionEndedAudit.record(session, userSession, SessionEndedAudit.MEMBERSHIP_REMOVED, offlineDetails);
            session.sessions().removeOfflineUserSession(realm, userSession);
        });
        return online.size() + offline.size();
    }

    /** The organization group holding a role in a tenant; created on first grant. */
    private GroupModel roleGroup(OrganizationModel organization, String role, boolean create) {
        Optional<GroupModel> existing = organizations()
                .searchGroupsByAttributes(organization, Map.of(ROLE_GROUP_ATTRIBUTE, role), 0, 10)
                .filter(group -> role.equals(roleOf(group)))
                .findFirst();
        if (existing.isPresent() || !create) {
            return existing.orElse(null);
        }
        try {
            GroupModel group = organizations().createGroup(organization, role, null);
            group.setSingleAttribute(ROLE_GROUP_ATTRIBUTE, role);
            return group;
        } catch (ModelDuplicateException e) {
            throw new TenancyException(TenancyException.Kind.CONFLICT, "Tenant '" + organization.getAlias()
                    + "' already has an organization group named '" + role + "' that is not a Trustpack tenant-role "
                    + "group (attribute " + ROLE_GROUP_ATTRIBUTE + "); rename it or add the attribute");
        }
    }

    private List<GroupModel> roleGroupsOf(OrganizationModel organization, UserModel user) {
        return organizations().getOrganizationGroupsByMember(organization, user)
                .filter(group -> roleOf(group) != null)
                .toList();
    }

    private static String roleOf(GroupModel group) {
        return group.getFirstAttribute(ROLE_GROUP_ATTRIBUTE);
    }

    private void requireDefined(String role) {
        TenantRoleSet roleSet = roleSet();
        if (!roleSet.defines(role)) {
            throw new TenancyException(TenancyException.Kind.INVALID,
                    "Unknown tenant role '" + role + "'; the tenant roles are " + roleSet.describe());
        }
    }

    private OrganizationModel requireOrganization(Tenant tenant) {
        OrganizationModel organization = organization(tenant);
        if (organization == null) {
            throw new TenancyException(TenancyException.Kind.NOT_FOUND, "No tenant '" + tenant.alias() + "'");
        }
        return organization;
    }

    private OrganizationModel organization(Tenant tenant) {
        if (tenant == null || !organizations().isEnabled()) {
            return null;
        }
        OrganizationModel organization = organizations().getById(tenant.id());
        return organization != null && organization.isEnabled() ? organization : null;
    }

    private static boolean hasTenantClaimsMapper(ClientModel client) {
        return Stream.concat(Stream.of(client.getProtocolMappersStream()),
                        client.getClientScopes(true).values().stream().map(scope -> scope.getProtocolMappersStream()))
                .flatMap(mappers -> mappers)
                .anyMatch(mapper -> TenantClaimsMapper.ID.equals(mapper.getProtocolMapper()));
    }

    private OrganizationProvider organizations() {
        return session.getProvider(OrganizationProvider.class);
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }
}
