package dev.trustpack.sessions.enforce;

import java.util.Optional;

import dev.trustpack.sessions.limits.SessionLimits;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;
import org.keycloak.representations.RefreshToken;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.TokenIntrospectContext;
import org.keycloak.services.clientpolicy.context.TokenRefreshContext;
import org.keycloak.services.clientpolicy.context.UserInfoRequestContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;

/**
 * Ends an SSO session that is past its Trustpack limits when a token request reaches it — refresh
 * ({@code invalid_grant}), userinfo (401) and introspection ({@code active: false}) — before Keycloak, whose own
 * checks know only the realm's and the client's limits, would let it go on. Offline sessions are not checked: they
 * follow the realm's offline-session settings (docs/sessions.md).
 */
final class SessionGuard implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    static final String SESSION_ENDED = "Session not active: it passed its idle or maximum time";

    private final KeycloakSession session;

    SessionGuard(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getProviderId() {
        return SessionGuardFactory.ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        switch (context.getEvent()) {
            case TOKEN_REFRESH -> {
                String raw = ((TokenRefreshContext) context).getParams().getFirst("refresh_token");
                if (endIfPast(sessionOf(raw, RefreshToken.class), true)) {
                    throw new ClientPolicyException("invalid_grant", SESSION_ENDED);
                }
            }
            case USERINFO_REQUEST -> {
                UserSessionModel userSession = ((UserInfoRequestContext) context).getClientSession().getUserSession();
                if (!userSession.isOffline() && endIfPast(Optional.of(userSession), true)) {
                    throw new ClientPolicyException("invalid_token", SESSION_ENDED, Response.Status.UNAUTHORIZED);
                }
            }
            // Ended in this request's transaction (its answer is a normal 200): Keycloak's introspection, which looks
            // the session up next in the same transaction, then finds none and answers active: false.
            case TOKEN_INTROSPECT -> endIfPast(sessionOf(
                    ((TokenIntrospectContext) context).getParams().getFirst("token"), AccessToken.class), false);
            default -> {
            }
        }
    }

    /**
     * @param ownTransaction end it in a transaction of its own: the request then answers an error, which may roll its
     *                       own transaction back
     */
    private boolean endIfPast(Optional<UserSessionModel> found, boolean ownTransaction) {
        if (found.isEmpty()) {
            return false;
        }
        UserSessionModel userSession = found.get();
        Optional<SessionLimits> limits = SessionNotes.limits(userSession);
        if (limits.isEmpty()) {
            return false;
        }
        Optional<SessionLimits.Reason> ended = limits.get().ended(userSession.getStarted(),
                SessionNotes.lastUse(userSession), Time.currentTime());
        ended.ifPresent(reason -> {
            if (ownTransaction) {
                SessionEnd.inOwnTransaction(session, session.getContext().getRealm(), userSession.getId(), reason);
            } else {
                SessionEnd.now(session, session.getContext().getRealm(), userSession, reason);
            }
        });
        return ended.isPresent();
    }

    /** The online SSO session a token names, if its signature verifies; never an offline one. */
    private <T extends IDToken> Optional<UserSessionModel> sessionOf(String raw, Class<T> type) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        T token = session.tokens().decode(raw, type);
        if (token == null || token.getSessionId() == null
                || "Offline".equalsIgnoreCase(token.getType())) {
            return Optional.empty();
        }
        RealmModel realm = session.getContext().getRealm();
        return Optional.ofNullable(session.sessions().getUserSession(realm, token.getSessionId()));
    }
}
