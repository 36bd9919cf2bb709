package dev.trustpack.tenancy.admin;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustpack.common.admin.Inputs;
import dev.trustpack.common.error.TrustpackException;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * {@code /admin/realms/{realm}/trustpack/tenants/{alias}}: one tenant the caller may see, its members, their tenant
 * roles and its policy. Every change is validated completely before anything is written, happens in the request's
 * transaction (a refused request writes nothing), and is recorded as a Keycloak admin event.
 */
public final class TenantResource {

    private final KeycloakSession session;
    private final TenantAccess access;
    private final TenancyProvider tenancy;
    private final Tenant tenant;
    private final AdminEventBuilder adminEvent;

    TenantResource(KeycloakSession session, TenantAccess access, Tenant tenant, AdminEventBuilder adminEvent) {
        this.session = session;
        this.access = access;
        this.tenancy = access.tenancy();
        this.tenant = tenant;
        this.adminEvent = adminEvent;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public TenantRepresentation get() {
        return TenantsResource.representation(access, tenant);
    }

    /**
     * A capability module's resource about this tenant (SPI {@link TenantResourceSpi#NAME}, for example
     * {@code mfa-report}); the caller may see the tenant (checked when this resource was located).
     */
    @Path("{extension}")
    public Object extension(@PathParam("extension") String segment) {
        TenantResourceProvider provider = session.getProvider(TenantResourceProvider.class, segment);
        if (provider == null) {
            throw new TrustpackException(TrustpackException.Kind.NOT_FOUND, "No such tenant resource '"
                    + Inputs.quoted(segment) + "'");
        }
        return provider.resource(access, tenant, adminEvent);
    }

    /** The tenant's policy document. */
    @Path("policy")
    public TenantPolicyResource policy() {
        return new TenantPolicyResource(session, access, tenant, adminEvent);
    }

    /** The tenant's login-page branding. */
    @Path("branding")
    public TenantBrandingResource branding() {
        return new TenantBrandingResource(session, access, tenant, adminEvent);
    }

    @GET
    @Path("members")
    @Produces(MediaType.APPLICATION_JSON)
    public List<TenantMemberRepresentation> members(@QueryParam("search") String search,
                                                    @QueryParam("first") String first, @QueryParam("max") String max) {
        ReadOnlyReads.flushOnlyAtCommit(session);
        return session.getProvider(OrganizationProvider.class)
                .getMembersStream(access.organization(tenant), search, false, Inputs.first(first), Inputs.max(max))
                .map(this::member)
                .toList();
    }

    @GET
    @Path("members/{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    public TenantMemberRepresentation member(@PathParam("userId") String userId) {
        return member(requireMember(userId));
    }

    /**
     * The member's effective policy: every value of every installed section, the level that set it (realm, tenant,
     * a role section) and the stored values that did not validate.
     */
    @GET
    @Path("members/{userId}/policy")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode memberPolicy(@PathParam("userId") String userId) {
        UserModel user = requireMember(userId);
        return PolicyViews.effective(session, tenancy, tenant, user);
    }

    /**
     * Adds a member, optionally with roles ({@code {"roles": ["Viewer"]}}). 201 when added, 204 when the user was
     * already a member (roles in the body are then granted too).
     */
    @PUT
    @Path("members/{userId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response addMember(@PathParam("userId") String userId, MemberRequest request) {
        access.requireManage(tenant);
        UserModel user = requireUser(userId);
        Set<String> roles = validRoles(request == null ? null : request.roles());
        access.requireGrantable(tenant, roles);
        boolean added = false;
        if (!tenancy.isMember(tenant, user)) {
            access.requireAddable(tenant, user);
            added = tenancy.addMember(tenant, user);
        }
        roles.forEach(role -> tenancy.grantRole(tenant, user, role));
        TenantMemberRepresentation member = member(user);
        adminEvent.operation(added ? OperationType.CREATE : OperationType.UPDATE)
                .resource(ResourceType.ORGANIZATION_MEMBERSHIP)
                .resourcePath(session.getContext().getUri())
                .representation(member)
                .success();
        return added ? Response.status(Response.Status.CREATED).entity(member).build() : Response.noContent().build();
    }

    /**
     * Removes a member; their tenant roles go, and the SSO sessions they used for this tenant end. 409 for the
     * tenant's last holder of the top role.
     */
    @DELETE
    @Path("members/{userId}")
    public Response removeMember(@PathParam("userId") String userId) {
        access.requireManage(tenant);
        UserModel user = requireMember(userId);
        access.requireGrantable(tenant, new HashSet<>(tenancy.rolesOf(tenant, user)));
        tenancy.removeMember(tenant, user);
        adminEvent.operation(OperationType.DELETE)
                .resource(ResourceType.ORGANIZATION_MEMBERSHIP)
                .resourcePath(session.getContext().getUri())
                .success();
        return Response.noContent().build();
    }

    @GET
    @Path("members/{userId}/roles")
    @Produces(MediaType.APPLICATION_JSON)
    public List<String> roles(@PathParam("userId") String userId) {
        return tenancy.rolesOf(tenant, requireMember(userId));
    }

    /** Replaces the member's roles with the given list (a JSON array of role names). */
    @PUT
    @Path("members/{userId}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public List<String> replaceRoles(@PathParam("userId") String userId, List<String> roles) {
        access.requireManage(tenant);
        UserModel user = requireMember(userId);
        if (roles == null) {
            throw new TrustpackException(TrustpackException.Kind.INVALID, "Body must be a JSON array of tenant role names");
        }
        Set<String> wanted = validRoles(roles);
        Set<String> held = new LinkedHashSet<>(tenancy.rolesOf(tenant, user));
        Set<String> changed = new HashSet<>(wanted);
        changed.addAll(held);
        changed.removeIf(role -> wanted.contains(role) && held.contains(role));
        access.requireGrantable(tenant, changed);
        // Grants first: replacing an Owner's roles by ["Owner", ...] never passes through "no Owner".
        wanted.stream().filter(role -> !held.contains(role)).forEach(role -> tenancy.grantRole(tenant, user, role));
        held.stream().filter(role -> !wanted.contains(role)).forEach(role -> tenancy.revokeRole(tenant, user, role));
        List<String> now = tenancy.rolesOf(tenant, user);
        adminEvent.operation(OperationType.UPDATE)
                .resource(ResourceType.ORGANIZATION_GROUP_MEMBERSHIP)
                .resourcePath(session.getContext().getUri())
                .representation(now)
                .success();
        return now;
    }

    @PUT
    @Path("members/{userId}/roles/{role}")
    public Response grant(@PathParam("userId") String userId, @PathParam("role") String role) {
        access.requireManage(tenant);
        UserModel user = requireMember(userId);
        String valid = validRoles(List.of(role)).iterator().next();
        access.requireGrantable(tenant, Set.of(valid));
        if (tenancy.grantRole(tenant, user, valid)) {
            adminEvent.operation(OperationType.CREATE)
                    .resource(ResourceType.ORGANIZATION_GROUP_MEMBERSHIP)
                    .resourcePath(session.getContext().getUri())
                    .representation(tenancy.rolesOf(tenant, user))
                    .success();
        }
        return Response.noContent().build();
    }

    /** Revokes a role; 409 if it is the tenant's last holder of the top role. */
    @DELETE
    @Path("members/{userId}/roles/{role}")
    public Response revoke(@PathParam("userId") String userId, @PathParam("role") String role) {
        access.requireManage(tenant);
        UserModel user = requireMember(userId);
        String valid = validRoles(List.of(role)).iterator().next();
        access.requireGrantable(tenant, Set.of(valid));
        if (tenancy.revokeRole(tenant, user, valid)) {
            adminEvent.operation(OperationType.DELETE)
                    .resource(ResourceType.ORGANIZATION_GROUP_MEMBERSHIP)
                    .resourcePath(session.getContext().getUri())
                    .representation(tenancy.rolesOf(tenant, user))
                    .success();
        }
        return Response.noContent().build();
    }

    private TenantMemberRepresentation member(UserModel user) {
        return TenantMemberRepresentation.of(user, tenancy.rolesOf(tenant, user));
    }

    private UserModel requireUser(String userId) {
        UserModel user = userId == null ? null : session.users().getUserById(session.getContext().getRealm(), userId);
        if (user == null) {
            throw new TrustpackException(TrustpackException.Kind.NOT_FOUND, "No user '" + Inputs.quoted(userId) + "'");
        }
        return user;
    }

    private UserModel requireMember(String userId) {
        UserModel user = requireUser(userId);
        if (!tenancy.isMember(tenant, user)) {
            throw new TrustpackException(TrustpackException.Kind.NOT_FOUND, "User '" + Inputs.quoted(userId)
                    + "' is not a member of tenant '" + tenant.alias() + "'");
        }
        return user;
    }

    /** Every name must be a defined tenant role; the message lists the valid ones. */
    private Set<String> validRoles(List<String> roles) {
        Set<String> valid = new LinkedHashSet<>();
        if (roles == null) {
            return valid;
        }
        for (String role : roles) {
            if (role == null || !tenancy.roleSet().defines(role)) {
                throw new TrustpackException(TrustpackException.Kind.INVALID, "Unknown tenant role '"
                        + Inputs.quoted(role) + "'; the tenant roles are " + tenancy.roleSet().describe());
            }
            valid.add(role);
        }
        return valid;
    }

    /** Body of PUT members/{userId}. */
    public record MemberRequest(List<String> roles) {
    }
}
