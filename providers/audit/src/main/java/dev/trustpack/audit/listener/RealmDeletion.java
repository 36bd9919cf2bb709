package dev.trustpack.audit.listener;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.trustpack.audit.outbox.AuditChainEntity;
import dev.trustpack.audit.outbox.OutboxStore;
import dev.trustpack.audit.record.AuditRecords;
import dev.trustpack.common.audit.AuditEntry;
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
    /** The entry type of the record that reopens it when a realm of the same id is created again. */
    static final String RECREATED_ENTRY = "realm_recreated";
    private static final int MAX_DESCRIPTION = 255;

    private RealmDeletion() {
    }

    static void record(KeycloakSession session, RealmModel realm) {
        OutboxStore outbox = OutboxStore.of(session);
        if (outbox.chain(realm.getId()).isEmpty() && outbox.countUnsealed(realm.getId()) == 0
                && !AuditEventListenerFactory.isEnabled(realm)) {
            // The realm never recorded anything: there is no trail to keep.
            return;
        }
        Actor by = Actor.of(session);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("deleted_realm", realm.getName());
        put(details, "by_realm", by.realm());
        put(details, "by_username", by.username());
        long now = System.currentTimeMillis();
        AuditEntry entry = new AuditEntry(ENTRY, by.userId(), by.client(), true, null, details);
        outbox.append(AuditRecords.fromEntry(entry, now, by.ip(), new AuditRecords.Context(realm.getId(),
                realm.getName(), null, null, by.userId(), by.username())));
        outbox.closeRealm(realm.getId(), realm.getName(), now, by.describe());
    }

    /**
     * A realm created with the id of a deleted realm whose trail is still kept (a restore, a re-import) continues
     * that trail: the chain is one history of the realm id, so what happened before the deletion — tampering
     * included — stays verifiable and cannot be laundered by deleting and re-creating the realm. The new realm's
     * admins read the earlier records as their realm's.
     */
    static void recreated(KeycloakSession session, RealmModel realm) {
        OutboxStore outbox = OutboxStore.of(session);
        AuditChainEntity chain = outbox.chain(realm.getId()).orElse(null);
        if (chain == null || chain.getDeletedAt() == null) {
            return;
        }
        Actor by = Actor.of(session);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("recreated_realm", realm.getName());
        details.put("deleted_at", Instant.ofEpochMilli(chain.getDeletedAt()).toString());
        put(details, "deleted_by", chain.getDeletedBy());
        put(details, "by_realm", by.realm());
        put(details, "by_username", by.username());
        AuditEntry entry = new AuditEntry(RECREATED_ENTRY, by.userId(), by.client(), true, null, details);
        outbox.append(AuditRecords.fromEntry(entry, System.currentTimeMillis(), by.ip(), new AuditRecords.Context(
                realm.getId(), realm.getName(), null, null, by.userId(), by.username())));
        outbox.reopenRealm(realm.getId());
    }

    private static void put(Map<String, String> details, String key, String value) {
        if (value != null) {
            details.put(key, value);
        }
    }

    /** Who asked: the admin token of the request, or the server itself (no request). */
    record Actor(String userId, String username, String realm, String client, String ip) {

        /**
         * Admin tokens are often lightweight (Keycloak's admin-cli and admin console): no subject, no username. The
         * user is then the one {@link RealmDeletionRequests} found behind the token's session before the deletion,
         * taken only if Keycloak verified a token of that same session.
         */
        static Actor of(KeycloakSession session) {
            Token bearer = session.getContext().getBearerToken();
            ClientConnection connection = session.getContext().getConnection();
            String ip = connection == null ? null : connection.getRemoteAddr();
            if (!(bearer instanceof AccessToken token)) {
                return new Actor(null, null, null, null, ip);
            }
            String userId = token.getSubject();
            String username = token.getPreferredUsername();
            Object noted = session.getAttribute(RealmDeletionRequests.REQUESTER);
            if (noted instanceof RealmDeletionRequests.Requester requester && token.getSessionId() != null
                    && token.getSessionId().equals(requester.sessionId())
                    && (userId == null || userId.equals(requester.userId()))) {
                userId = requester.userId();
                username = requester.username();
            }
            return new Actor(userId, username, realmOf(token.getIssuer()), token.getIssuedFor(), ip);
        }

        /** The realm name at the end of an issuer URL ({@code .../realms/<name>}). */
        private static String realmOf(String issuer) {
            if (issuer == null) {
                return null;
            }
            int slash = issuer.lastIndexOf('/');
            return slash < 0 ? issuer : issuer.substring(slash + 1);
        }

        String describe() {
            String who = realm == null && client == null ? "the server (no administrator request)"
                    : (username != null ? username : userId != null ? "user " + userId : "an unidentified user")
                    + " of realm '" + realm + "'"
                    + (client != null ? " via " + client : "") + (ip != null ? " from " + ip : "");
            return who.length() <= MAX_DESCRIPTION ? who : who.substring(0, MAX_DESCRIPTION);
        }
    }
}
