package dev.trustpack.sessions.revocation;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.trustpack.common.audit.SessionEndedAudit;
import dev.trustpack.sessions.enforce.SessionEnd;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * Ends every online SSO session of a user an admin disables, at once. Keycloak refuses a disabled user's next
 * refresh, but leaves the sessions in place (counted, listed, and with their cookies until then); access "revoked
 * immediately" means they end now, with back-channel logouts to the clients.
 */
final class SessionRevocationListener implements EventListenerProvider {

    private static final Pattern USER_PATH = Pattern.compile("^users/([^/]+)$");

    private final KeycloakSession session;

    SessionRevocationListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getOperationType() != OperationType.UPDATE || event.getResourceType() != ResourceType.USER
                || event.getResourcePath() == null) {
            return;
        }
        Matcher path = USER_PATH.matcher(event.getResourcePath());
        RealmModel realm = path.matches() ? session.realms().getRealm(event.getRealmId()) : null;
        UserModel user = realm == null ? null : session.users().getUserById(realm, path.group(1));
        if (user == null || user.isEnabled()) {
            return;
        }
        List<UserSessionModel> sessions = session.sessions().getUserSessionsStream(realm, user).toList();
        sessions.forEach(userSession -> SessionEnd.now(session, realm, userSession, SessionEndedAudit.USER_DISABLED, Map.of()));
    }

    @Override
    public void close() {
    }
}
