package dev.trustpack.audit.record;

import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.trustpack.audit.sink.SinkConfigs;
import dev.trustpack.tenancy.TenancyEvents;

/**
 * What may go into an audit record. User-event details pass through an allow-list; admin-event representations keep
 * their structure but every text value under a secret-looking key or in a provider config map is withheld (numbers
 * and booleans stay). Whatever the field, a value that looks like a token (JWT), a private key (PEM) or a bearer
 * header is replaced. Nothing here logs what it removes.
 */
public final class Redactor {

    public static final String REDACTED = "[REDACTED]";

    /** Keycloak event details that carry no secret (codes, tokens, token ids and session ids are left out). */
    static final Set<String> USER_EVENT_DETAILS = Set.of(
            "auth_method", "auth_type", "redirect_uri", "response_type", "response_mode", "grant_type", "consent",
            "remember_me", "identity_provider", "identity_provider_identity", "username", "email", "previous_email",
            "updated_email", "first_name", "last_name", "previous_first_name", "updated_first_name",
            "previous_last_name", "updated_last_name", "register_method", "reason", "client_auth_method",
            "custom_required_action", "credential_type", "credential_user_label", "scope", "audience",
            "granted_client", "revoked_client", "impersonator", "impersonator_realm", "num_failures", "not_before",
            "token_type", "refresh_token_type", "requested_token_type", "token_issued_for", "org_id",
            TenancyEvents.TENANT, TenancyEvents.REQUESTED_TENANT, "authentication_error_detail", "user_session_expired",
            "signature_algorithm", "client_policy_error", "client_policy_error_detail", "login_retry");

    /** Keys whose string or structured values are, or may be, secrets (numbers and booleans are kept). */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(secret|passw|pwd|credential|private|token|otp"
            + "|recovery|salt|hash|keystore|truststore|apikey|api_key|cookie|^authorization$|^code$|^key$|^keys$"
            + "|^value$).*");
    /**
     * Keys that look secret by name but hold settings an auditor needs to see changed: a realm's password, OTP and
     * WebAuthn policies, which credentials it requires, and its flow bindings.
     */
    private static final Pattern POLICY_KEY = Pattern.compile("passwordPolicy|otpPolicy[A-Za-z]*|otpSupportedApplications"
            + "|webAuthnPolicy[A-Za-z]*|requiredCredentials|[a-zA-Z]*Flow");
    /**
     * Maps of arbitrary provider settings (components, identity providers, mappers, authenticator and required-action
     * configs, client policy executors): their keys are kept, every text value is withheld, since no list of names can
     * know every provider's secret fields.
     */
    private static final Set<String> CONFIG_CONTAINERS = Set.of("config", "configuration");
    /** Keys that only name or label what they sit in (a credential's type); kept even where values are withheld. */
    private static final Set<String> LABEL_KEYS = Set.of("type", "userLabel");

    private Redactor() {
    }

    /** The allow-listed, redacted details of a user event, sorted. */
    public static Map<String, String> userEventDetails(Map<String, String> details) {
        Map<String, String> kept = new TreeMap<>();
        if (details == null) {
            return kept;
        }
        details.forEach((key, value) -> {
            if (USER_EVENT_DETAILS.contains(key) && value != null) {
                kept.put(key, key.equals("redirect_uri") ? withoutQuery(value) : scrub(value));
            }
        });
        return kept;
    }

    /** Details of a Trustpack module's entry: same value checks, keys restricted to a safe shape. */
    public static Map<String, String> entryDetails(Map<String, String> details) {
        Map<String, String> kept = new TreeMap<>();
        details.forEach((key, value) -> {
            if (key.matches("[a-z][a-z0-9_]{0,63}") && value != null) {
                kept.put(key, SECRET_KEY.matcher(key).matches() ? REDACTED : scrub(value));
            }
        });
        return kept;
    }

    /**
     * An admin event's representation (Keycloak's JSON string) with its secrets removed, as a JSON tree; null if
     * there is none, or a marker object if it is not JSON.
     */
    public static JsonNode representation(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        JsonNode tree;
        try {
            tree = Canonical.MAPPER.readTree(json);
        } catch (Exception e) {
            ObjectNode marker = JsonNodeFactory.instance.objectNode();
            marker.put("unparseable", true);
            return marker;
        }
        return redact(tree, false);
    }

    private static JsonNode redact(JsonNode node, boolean withheld) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                JsonNode value = field.getValue();
                boolean secretKey = SECRET_KEY.matcher(key).matches() && !POLICY_KEY.matcher(key).matches();
                if (withheld && LABEL_KEYS.contains(key) && value.isTextual()) {
                    copy.set(key, TextNode.valueOf(scrub(value.asText())));
                } else if (!withheld && CONFIG_CONTAINERS.contains(key) && value.isObject()
                        && SinkConfigs.isAuditSink(node)) {
                    copy.set(key, SinkConfigs.visible(node.path("providerId").asText(), value));
                } else {
                    copy.set(key, redact(value, withheld || secretKey || CONFIG_CONTAINERS.contains(key)));
                }
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(redact(item, withheld)));
            return copy;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(withheld ? REDACTED : scrub(node.asText()));
        }
        return node;
    }

    /** A value with anything token- or key-like replaced, and bounded in length (see {@link Scrub#text}). */
    static String scrub(String value) {
        return Scrub.text(value);
    }

    private static String withoutQuery(String uri) {
        try {
            URI parsed = URI.create(uri);
            return scrub(new URI(parsed.getScheme(), parsed.getAuthority(), parsed.getPath(), null, null).toString());
        } catch (Exception e) {
            int cut = uri.indexOf('?');
            return scrub(cut < 0 ? uri : uri.substring(0, cut));
        }
    }
}
