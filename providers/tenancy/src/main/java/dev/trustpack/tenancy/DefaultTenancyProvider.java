package dev.trustpack.tenancy;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/** Tenants on Keycloak Organizations, tenant roles on organization groups marked {@link #ROLE_GROUP_ATTRIBUTE}. */
final class DefaultTenancyProvider implements TenancyProvider {

    private static final Logger LOG = Logger.getLogger(DefaultTenancyProvider.class);

    private final KeycloakSession session;
    private final TenantRoleSet serverDefaults;
    private TenantRoleSet realmRoleSet;

    DefaultTenancyProvider(KeycloakSession session, TenantRoleSet serverDefaults) {
        this.session = session;
        this.serverDefaults = serverDefaults;
    }

    @Override
    public Optional<Tenant> tenant(String alias) {
        if (alias == null || alias.isBlank() || !organizations().isEnabled()) {
            return Optional.empty();
        }
        return Optional.ofNullable(organizations().getByAlias(alias))
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
        return organization != null && organizations().isMember(organization, user);
    }

    @Override
    public TenantRoleSet roleSet() {
        if (realmRoleSet == null) {
            RealmModel realm = realm();
            String roles = realm.getAttribute(TenantRoleSet.ROLES_ATTRIBUTE);
            String adminRoles = realm.getAttribute(TenantRoleSet.ADMIN_ROLES_ATTRIBUTE);
            realmRoleSet = roles == null && adminRoles == null
                    ? serverDefaults
                    : TenantRoleSet.parse(roles == null ? String.join(",", serverDefaults.roles()) : roles,
                            adminRoles == null ? "" : adminRoles);
        }
        return realmRoleSet;
    }

    @Override
    public List<String> rolesOf(Tenant tenant, UserModel user) {
        OrganizationModel organization = organization(tenant);
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
    public Optional<Tenant> activeTenant(ClientSessionContext clientSessionContext, UserModel user) {
        TenantScope.Request requested = TenantScope.parse(clientSessionContext.getScopeString(true));
        Optional<Tenant> tenant = switch (requested.kind()) {
            case SPECIFIC -> tenant(requested.alias());
            case UNSPECIFIED -> tenantById(clientSessionContext.getClientSession().getNote(ACTIVE_TENANT_NOTE));
            case INVALID -> Optional.empty();
        };
        return tenant.filter(t -> isMember(t, user));
    }

    @Override
    public Optional<String> attribute(Tenant tenant, String key) {
        OrganizationModel organization = organization(tenant);
        if (organization == null) {
            return Optional.empty();
        }
        List<String> values = organization.getAttributes().getOrDefault(key, List.of());
        return values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    @Override
    public boolean addMember(Tenant tenant, UserModel user) {
        OrganizationModel organization = requireOrganization(tenant);
        if (organizations().isMember(organization, user)) {
            return false;
        }
        return organizations().addMember(organization, user);
    }

    @Override
    public boolean removeMember(Tenant tenant, UserModel user) {
        OrganizationModel organization = requireOrganization(tenant);
        if (!organizations().isMember(organization, user)) {
            return false;
        }
        // Keycloak fires OrganizationMemberLeaveEvent, whose listener calls memberLeft: the same path as a removal
        // through the admin console.
        return organizations().removeMember(organization, user);
    }

    @Override
    public boolean grantRole(Tenant tenant, UserModel user, String role) {
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
        OrganizationModel organization = requireOrganization(tenant);
        requireDefined(role);
        GroupModel group = roleGroup(organization, role, false);
        if (group == null || !user.isMemberOf(group)) {
            return false;
        }
        user.leaveGroup(group);
        return true;
    }

    /** Called when a user left a tenant by any path: clears their tenant roles and ends the tenant's sessions. */
    void memberLeft(OrganizationModel organization, UserModel user) {
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
        online.forEach(userSession -> AuthenticationManager.backchannelLogout(session, userSession, true));
        List<UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, user)
                .filter(userSession -> userSession.getNote(note) != null)
                .toList();
        offline.forEach(userSession -> session.sessions().removeOfflineUserSession(realm, userSession));
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

    private OrganizationProvider organizations() {
        return session.getProvider(OrganizationProvider.class);
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }
}
