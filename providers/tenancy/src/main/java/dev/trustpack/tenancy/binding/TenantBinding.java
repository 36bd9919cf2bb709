package dev.trustpack.tenancy.binding;

import dev.trustpack.tenancy.TenancyProvider;
import dev.trustpack.tenancy.TenantScope;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

/**
 * What a refresh or a token exchange may do with the tenant its grant is bound to. A grant is bound to the tenant in
 * its own scope ({@code organization:<alias>}, written there by the login that created it): a request may keep it,
 * never name another one. Decisions only; the providers apply them.
 */
public final class TenantBinding {

    /** The decision for one request. */
    public sealed interface Outcome permits Keep, Refuse {
    }

    /** Go ahead with this scope parameter (null: the grant's own scope, as Keycloak does when none is sent). */
    public record Keep(String scope) implements Outcome {
    }

    /** Refuse with this OAuth error. */
    public record Refuse(String error, String description) implements Outcome {
    }

    private TenantBinding() {
    }

    /**
     * A refresh. Without a {@code scope} parameter Keycloak reuses the grant's scope, binding included. A {@code
     * scope} that names no tenant is narrowed as asked and keeps the bound tenant; one that names another tenant
     * (or several) is refused, as is one that names a tenant for a grant bound to none.
     */
    public static Outcome refresh(TenantScope.Request bound, String requestedScope) {
        if (requestedScope == null || requestedScope.isBlank()) {
            return new Keep(requestedScope);
        }
        return decide(bound, requestedScope, "refresh");
    }

    /**
     * A token exchange: the new token is for the subject token's tenant. Without a {@code scope} the requesting
     * client's default scopes apply, so the bound tenant is added to them.
     */
    public static Outcome exchange(TenantScope.Request bound, String requestedScope) {
        return decide(bound, requestedScope == null ? "" : requestedScope, "token exchange");
    }

    private static Outcome decide(TenantScope.Request bound, String requestedScope, String what) {
        TenantScope.Request requested = TenantScope.parse(requestedScope);
        if (bound.kind() != TenantScope.Kind.SPECIFIC) {
            return requested.kind() == TenantScope.Kind.UNSPECIFIED ? new Keep(requestedScope)
                    : new Refuse(OAuthErrorException.INVALID_SCOPE, "This grant is bound to no tenant; a " + what
                            + " cannot add one. Start a sign-in for the tenant instead.");
        }
        return switch (requested.kind()) {
            case INVALID -> new Refuse(OAuthErrorException.INVALID_SCOPE, requested.problem());
            case SPECIFIC -> requested.alias().equals(bound.alias())
                    ? new Keep(requestedScope)
                    : new Refuse(OAuthErrorException.INVALID_SCOPE, "This grant is bound to tenant '" + bound.alias()
                            + "'; a " + what + " cannot move it to another tenant. Start a sign-in for that tenant instead.");
            case UNSPECIFIED -> new Keep(TenantScope.withTenant(requestedScope, bound.alias()));
        };
    }

    /** Whether the request concerns a tenant at all (the fast path skips everything else). */
    static boolean concernsTenant(TenantScope.Request bound, String requestedScope) {
        return bound.kind() == TenantScope.Kind.SPECIFIC || TenantScope.namesTenant(requestedScope);
    }

    /**
     * The user session of a grant, online or offline; null if it is gone (Keycloak then refuses the request itself).
     * Only sessions in which a Trustpack tenant step ran are bound: other realms on the same server are left alone.
     */
    static UserSessionModel trustpackSession(KeycloakSession session, RealmModel realm, String sessionId) {
        if (sessionId == null) {
            return null;
        }
        UserSessionModel userSession = session.sessions().getUserSession(realm, sessionId);
        if (userSession == null) {
            userSession = session.sessions().getOfflineUserSession(realm, sessionId);
        }
        if (userSession == null) {
            return null;
        }
        boolean bound = userSession.getNotes().keySet().stream()
                .anyMatch(note -> note.startsWith(TenancyProvider.SESSION_TENANT_NOTE_PREFIX));
        return bound ? userSession : null;
    }
}
