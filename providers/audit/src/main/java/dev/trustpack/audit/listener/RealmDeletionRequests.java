package dev.trustpack.audit.listener;

import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.ImpersonationSessionNote;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * Notes who asks to delete a realm while their user still exists. By the time Keycloak announces the deletion, the
 * realm's users are gone, and admin tokens are usually lightweight (no subject, no username): a realm's own admin
 * could otherwise only be named by a session id. A post-matching filter, so it runs on the request's worker thread
 * with its session. The token is read here without verifying it; what is noted is used only if Keycloak accepted a
 * token of the same session for the deletion ({@link RealmDeletion}).
 */
@Provider
public final class RealmDeletionRequests implements ContainerRequestFilter {

    /** Session attribute holding the {@link Requester} of this request's realm deletion. */
    static final String REQUESTER = RealmDeletionRequests.class.getName() + ".requester";
    private static final Pattern REALM_DELETION = Pattern.compile("(?:.*/)?admin/realms/[^/]+/?");

    /** The user behind a token's session, and who impersonates them, as found before the deletion. */
    record Requester(String sessionId, String userId, String username, String impersonatorId,
                     String impersonatorUsername) {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!"DELETE".equals(request.getMethod()) || !REALM_DELETION.matcher(request.getUriInfo().getPath()).matches()) {
            return;
        }
        String authorization = request.getHeaderString("Authorization");
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (session == null || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return;
        }
        try {
            AccessToken token = new JWSInput(authorization.substring(7).trim()).readJsonContent(AccessToken.class);
            String issuer = token.getIssuer();
            if (issuer == null || token.getSessionId() == null) {
                return;
            }
            RealmModel realm = session.realms().getRealmByName(issuer.substring(issuer.lastIndexOf('/') + 1));
            UserSessionModel userSession = realm == null ? null
                    : session.sessions().getUserSession(realm, token.getSessionId());
            UserModel user = userSession == null ? null : userSession.getUser();
            if (user != null) {
                session.setAttribute(REQUESTER, new Requester(token.getSessionId(), user.getId(), user.getUsername(),
                        userSession.getNote(ImpersonationSessionNote.IMPERSONATOR_ID.toString()),
                        userSession.getNote(ImpersonationSessionNote.IMPERSONATOR_USERNAME.toString())));
            }
        } catch (JWSInputException | RuntimeException e) {
            // Not a token this can read: Keycloak refuses the request, or the deletion record names what it can.
        }
    }
}

