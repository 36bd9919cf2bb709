package dev.trustpack.audit.listener;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.trustpack.audit.outbox.OutboxStore;
import dev.trustpack.audit.record.AuditRecords;
import dev.trustpack.common.audit.AuditEntry;
import org.jboss.logging.Logger;
import org.keycloak.Token;
import org.keycloak.common.ClientConnection;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.AccessToken;

/**
 * A realm's deletion does not take its trail along: in the deleting transaction the trail gets a last record naming
 * who deleted the realm, and its chain is marked as a deleted realm's. The records then stay until retention has
 * passed and every operator sink has them; a master realm admin verifies and exports them meanwhile. Without this a
 * realm's own admin could erase the realm's trail by deleting the realm.
 */
final class RealmDeletion {

    /** The entry type of the record that closes a deleted realm's trail. */
    static final String ENTRY = "realm_deleted";
    private static final Logger LOG = Logger.getLogger(RealmDeletion.class);
    private static final int MAX_DESCRIPTION = 255;

    private RealmDeletion() {
    }

    static void record(KeycloakSession session, RealmModel realm) {
        OutboxStore outbox = OutboxStore.of(session);
        // Only queries here: the realm model is detached by now (Keycloak cleared the persistence context), and a
        // chain loaded unlocked would be written back stale.
        if (!outbox.hasTrail(realm.getId())) {
            return;
        }
        Actor by = Actor.of(session);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("deleted_realm", realm.getName());
        put(details, "by_realm", by.realm());
        put(details, "by_username", by.username());
        put(details, "by_impersonator_id", by.impersonatorId());
        put(details, "by_impersonator_username", by.impersonatorUsername());
        long now = System.currentTimeMillis();
        AuditEntry entry = new AuditEntry(ENTRY, by.userId(), by.client(), true, null, details);
        outbox.append(AuditRecords.fromEntry(entry, now, by.ip(), new AuditRecords.Context(realm.getId(),
                realm.getName(), null, null, by.userId(), by.username())));
        outbox.closeRealm(realm.getId(), realm.getName(), now, by.describe());
    }

    /**
     * A realm created with the id of a deleted realm whose trail is still kept starts a trail of its own; the kept
     * one moves to a key of its own and stays the operator's ({@link OutboxStore#moveDeletedTrail}).
     */
    static void created(KeycloakSession session, RealmModel realm) {
        String movedTo = OutboxStore.of(session).moveDeletedTrail(realm.getId());
        if (movedTo != null) {
            LOG.infof("Realm '%s' takes the id of a deleted realm; that realm's audit trail is kept apart as trail %s",
                    realm.getName(), movedTo);
        }
    }

    private static void put(Map<String, String> details, String key, String value) {
        if (value != null) {
            details.put(key, value);
        }
    }

    /** Who asked: the admin token of the request, or the server itself (no request). */
    record Actor(String userId, String username, String realm, String client, String ip, String impersonatorId,
                 String impersonatorUsername) {

        /**
         * Admin tokens are often lightweight (Keycloak's admin-cli and admin console): no subject, no username. The
         * user, and who impersonates them, is then what {@link RealmDeletionRequests} found behind the token's
         * session before the deletion, taken only if Keycloak verified a token of that same session.
         */
        static Actor of(KeycloakSession session) {
            Token bearer = session.getContext().getBearerToken();
            ClientConnection connection = session.getContext().getConnection();
            String ip = connection == null ? null : connection.getRemoteAddr();
            if (!(bearer instanceof AccessToken token)) {
                return new Actor(null, null, null, null, ip, null, null);
            }
            Object noted = session.getAttribute(RealmDeletionRequests.REQUESTER);
            if (noted instanceof RealmDeletionRequests.Requester requester && token.getSessionId() != null
                    && token.getSessionId().equals(requester.sessionId())
                    && (token.getSubject() == null || token.getSubject().equals(requester.userId()))) {
                return new Actor(requester.userId(), requester.username(), realmOf(token.getIssuer()),
                        token.getIssuedFor(), ip, requester.impersonatorId(), requester.impersonatorUsername());
            }
            return new Actor(token.getSubject(), token.getPreferredUsername(), realmOf(token.getIssuer()),
                    token.getIssuedFor(), ip, null, null);
        }

        /** The realm name at the end of an issuer URL ({@code .../realms/<name>}). */
        private static String realmOf(String issuer) {
            if (issuer == null) {
                return null;
            }
            int slash = issuer.lastIndexOf('/');
            return slash < 0 ? issuer : issuer.substring(slash + 1);
        }

        /** For the trail list: names are what people read, ids what a rename cannot change. */
        String describe() {
            if (realm == null && client == null) {
                return "the server (no administrator request)";
            }
            String who = (username != null ? username : "an unidentified user")
                    + (userId != null ? " (user " + userId + ")" : "") + " of realm '" + realm + "'"
                    + (impersonatorId != null ? ", impersonated by " + impersonatorUsername + " (user "
                    + impersonatorId + ")" : "")
                    + (client != null ? " via " + client : "") + (ip != null ? " from " + ip : "");
            return who.length() <= MAX_DESCRIPTION ? who : who.substring(0, MAX_DESCRIPTION);
        }
    }
}
