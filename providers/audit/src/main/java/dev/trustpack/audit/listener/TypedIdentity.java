package dev.trustpack.audit.listener;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.events.Event;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * What a user typed about who they are (username, email, names) is kept only when it named a user: people type their
 * password into the username field, and a failed login for an unknown user would otherwise store it. For a resolved
 * user the record names them by their stored username; for an unknown one each typed value becomes a keyed hash
 * ({@code hmac:<32 hex>}), so a SIEM can still correlate repeated attempts with the same text without reading it.
 *
 * <p>The key is derived from the realm's active HMAC signing key, which never leaves the server; a realm whose key is
 * rotated gets new hashes from then on. Without such a key the value is withheld.
 */
final class TypedIdentity {

    /** Details in which Keycloak puts text a user typed about themselves. */
    static final Set<String> TYPED = Set.of("username", "email", "first_name", "last_name", "previous_email",
            "updated_email", "previous_first_name", "updated_first_name", "previous_last_name", "updated_last_name");

    static final String WITHHELD = "[WITHHELD]";
    private static final String USERNAME = "username";
    private static final byte[] PURPOSE = "trustpack-audit-typed-identity-v1".getBytes(StandardCharsets.US_ASCII);

    private TypedIdentity() {
    }

    /** The user the event names, if it exists. */
    static UserModel resolved(KeycloakSession session, RealmModel realm, Event event) {
        return event.getUserId() == null ? null : session.users().getUserById(realm, event.getUserId());
    }

    /** The event's details as a record may keep them. */
    static Map<String, String> details(KeycloakSession session, RealmModel realm, Event event, UserModel user) {
        Map<String, String> details = new LinkedHashMap<>(event.getDetails() == null ? Map.of() : event.getDetails());
        if (event.getUserId() != null) {
            if (user != null && details.containsKey(USERNAME)) {
                details.put(USERNAME, user.getUsername());
            }
            return details;
        }
        Mac mac = mac(session, realm);
        details.replaceAll((key, value) -> TYPED.contains(key) && value != null ? hash(mac, value) : value);
        return details;
    }

    static String hash(Mac mac, String value) {
        if (mac == null) {
            return WITHHELD;
        }
        byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return "hmac:" + HexFormat.of().formatHex(digest, 0, 16);
    }

    /** HMAC-SHA256 under a key derived for this purpose only from the realm's active HMAC key; null if it has none. */
    static Mac mac(KeycloakSession session, RealmModel realm) {
        KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS512);
        if (key == null || key.getSecretKey() == null) {
            key = session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS256);
        }
        if (key == null || key.getSecretKey() == null) {
            return null;
        }
        try {
            return macFor(key.getSecretKey().getEncoded());
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    static Mac macFor(byte[] realmSecret) throws GeneralSecurityException {
        Mac derive = Mac.getInstance("HmacSHA256");
        derive.init(new SecretKeySpec(realmSecret, "HmacSHA256"));
        SecretKey derived = new SecretKeySpec(derive.doFinal(PURPOSE), "HmacSHA256");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(derived);
        return mac;
    }
}
