package dev.trustpack.google.login;

import java.util.Map;

import dev.trustpack.google.audit.GoogleAudit;
import dev.trustpack.google.decision.GoogleRefusal;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.ErrorPage;
import org.keycloak.sessions.AuthenticationSessionModel;

/** One way to refuse a Google sign-in: an error event and an audit record with the reason, and the login page's message. */
public final class Refusals {

    /** Keycloak event error of every refused Google sign-in; detail {@code reason} says why. */
    public static final String EVENT_ERROR = "trustpack_google_refused";

    private Refusals() {
    }

    /**
     * For the provider, which answers outside an authentication flow: the exception carries the error page, which
     * Keycloak's broker endpoint returns as it is (the request's transaction commits, so the record stays).
     */
    public static WebApplicationException refuse(KeycloakSession session, AuthenticationSessionModel authSession,
                                                 String alias, GoogleRefusal reason, String tenantAlias,
                                                 Map<String, String> details) {
        record(session, authSession, alias, reason, null, tenantAlias, details);
        Response.Status status = switch (reason) {
            case TOKEN_INVALID, WRONG_ISSUER, WRONG_AUDIENCE, TOKEN_TIME, NONCE, GRANT_NOT_SUPPORTED ->
                    Response.Status.BAD_REQUEST;
            default -> Response.Status.FORBIDDEN;
        };
        return new WebApplicationException(ErrorPage.error(session, authSession, status, reason.messageKey()));
    }

    /**
     * For a flow step: the audit record, and the reason on the login's own event, sent as an error when the login
     * ends here ({@code endsLogin}); a login sent on to Google instead is not a failed login.
     */
    static void inFlow(AuthenticationFlowContext context, String alias, GoogleRefusal reason, String tenantAlias,
                       Map<String, String> details, boolean endsLogin) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String userId = context.getUser() == null ? null : context.getUser().getId();
        GoogleAudit.refused(context.getSession(), reason, userId, authSession.getClient().getClientId(), tenantAlias,
                details);
        if (endsLogin) {
            EventBuilder event = context.getEvent().detail(Details.REASON, reason.code());
            if (alias != null) {
                event.detail(Details.IDENTITY_PROVIDER, alias);
            }
            event.error(EVENT_ERROR);
        }
    }

    private static void record(KeycloakSession session, AuthenticationSessionModel authSession, String alias,
                       GoogleRefusal reason, String userId, String tenantAlias, Map<String, String> details) {
        EventBuilder event = new EventBuilder(session.getContext().getRealm(), session,
                session.getContext().getConnection()).event(EventType.IDENTITY_PROVIDER_LOGIN)
                .detail(Details.REASON, reason.code());
        if (alias != null) {
            event.detail(Details.IDENTITY_PROVIDER, alias);
        }
        if (authSession != null) {
            event.client(authSession.getClient());
        }
        if (userId != null) {
            event.user(userId);
        }
        event.error(EVENT_ERROR);
        GoogleAudit.refused(session, reason, userId,
                authSession == null ? null : authSession.getClient().getClientId(), tenantAlias, details);
    }
}
