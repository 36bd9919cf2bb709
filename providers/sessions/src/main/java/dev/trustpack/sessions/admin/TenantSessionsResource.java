package dev.trustpack.sessions.admin;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.trustpack.common.admin.Inputs;
import dev.trustpack.common.audit.SessionEndedAudit;
import dev.trustpack.common.error.TrustpackException;
import dev.trustpack.sessions.enforce.SessionEnd;
import dev.trustpack.sessions.enforce.SessionNotes;
import dev.trustpack.sessions.limits.SessionLimits;
import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.Tenant;
import dev.trustpack.tenancy.admin.TenantAccess;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * {@code /admin/realms/{realm}/trustpack/tenants/{alias}/sessions}: the SSO sessions the tenant's members used for
 * this tenant, and ending one. Tenancy already checked that the caller may see the tenant (a realm admin, or an admin
 * of this tenant with a token bound to it); a session not used for this tenant is answered as a missing one, so no
 * tenant admin learns of another tenant's sessions. Ending one is audited ({@code session_ended}, reason
 * {@code tenant_admin}) and an admin event.
 */
public final class TenantSessionsResource {

    /** Keycloak's session ids; anything else is answered as a missing session before it reaches the database. */
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final KeycloakSession session;
    private final TenantAccess access;
    private final Tenant tenant;
    private final AdminEventBuilder adminEvent;
    private final RealmModel realm;

    TenantSessionsResource(KeycloakSession session, TenantAccess access, Tenant tenant, AdminEventBuilder adminEvent) {
        this.session = session;
        this.access = access;
        this.tenant = tenant;
        this.adminEvent = adminEvent;
        this.realm = session.getContext().getRealm();
    }

    /** The sessions of one page of members ({@code first}, {@code max} count members, as the member list does). */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<TenantSessionRepresentation> list(@QueryParam("first") String first, @QueryParam("max") String max) {
        return session.getProvider(OrganizationProvider.class)
                .getMembersStream(access.organization(tenant), (String) null, false, Inputs.first(first), Inputs.max(max))
                .flatMap(user -> session.sessions().getUserSessionsStream(realm, user).filter(this::usedForTenant))
                .map(TenantSessionsResource::represent)
                .toList();
    }

    /** Ends one session (every client's, with back-channel logouts). 404 for a session not used for this tenant. */
    @DELETE
    @Path("{sessionId}")
    public Response end(@PathParam("sessionId") String sessionId) {
        access.requireManage(tenant);
        UserSessionModel userSession = Optional.ofNullable(SESSION_ID.matcher(sessionId).matches()
                        ? session.sessions().getUserSession(realm, sessionId) : null)
                .filter(this::usedForTenant)
                .filter(found -> access.tenancy().isMember(tenant, found.getUser()))
                .orElseThrow(() -> new TrustpackException(TrustpackException.Kind.NOT_FOUND,
                        "No session '" + Inputs.quoted(sessionId) + "' in tenant '" + tenant.alias() + "'"));
        UserModel user = userSession.getUser();
        // As for removing a member: a tenant admin ends the sessions only of members ranked at or below them.
        access.requireGrantable(tenant, new HashSet<>(access.tenancy().rolesOf(tenant, user)));
        SessionEnd.now(session, realm, userSession, SessionEndedAudit.TENANT_ADMIN,
                Map.of(SessionEndedAudit.TENANT, tenant.alias()));
        adminEvent.operation(OperationType.DELETE)
                .resource(ResourceType.USER_SESSION)
                .resourcePath(session.getContext().getUri())
                .success();
        return Response.noContent().build();
    }

    private boolean usedForTenant(UserSessionModel userSession) {
        return userSession.getNote(TenancyProvider.SESSION_TENANT_NOTE_PREFIX + tenant.id()) != null;
    }

    private static TenantSessionRepresentation represent(UserSessionModel userSession) {
        Optional<SessionLimits> limits = SessionNotes.limits(userSession);
        long lastUse = SessionNotes.lastUse(userSession);
        return new TenantSessionRepresentation(userSession.getId(), userSession.getUser().getId(),
                userSession.getUser().getUsername(), userSession.getIpAddress(), userSession.getStarted() * 1000L,
                lastUse * 1000L,
                userSession.getAuthenticatedClientSessions().values().stream()
                        .map(client -> client.getClient().getClientId()).sorted()
                        .toList(),
                limits.map(l -> l.idleSeconds() / 60).orElse(null),
                limits.map(l -> l.maxSeconds() / 3600).orElse(null),
                limits.map(l -> l.endsAt(userSession.getStarted(), lastUse) * 1000L).orElse(null));
    }
}
