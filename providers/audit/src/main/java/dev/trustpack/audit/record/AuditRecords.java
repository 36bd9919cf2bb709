package dev.trustpack.audit.record;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trustpack.common.audit.AuditEntry;
import org.keycloak.events.Event;
import org.keycloak.events.admin.AdminEvent;

/**
 * Builds the payload of an audit record (schema version {@value #SCHEMA}) from a Keycloak user event, a Keycloak
 * admin event, or a Trustpack module's {@link AuditEntry}. The payload is the canonical JSON that is stored, hashed,
 * delivered (as the {@code data} of a CloudEvent) and exported.
 */
public final class AuditRecords {

    public static final int SCHEMA = 1;
    public static final String TYPE_PREFIX = "dev.trustpack.audit.";
    private static final int MAX_ID_LENGTH = 64;
    /** Bound of an admin representation in a record (canonical characters). */
    static final int MAX_REPRESENTATION_CHARS = 48 * 1024;
    /**
     * Bound of a whole record (canonical characters, so also of what a sink sends per record): whatever the request
     * carried, a record never exceeds it. Every field is already cut to {@link Scrub#MAX_VALUE} characters.
     */
    public static final int MAX_RECORD_CHARS = 64 * 1024;

    private AuditRecords() {
    }

    /** Who and what a record is about, resolved by the caller (it needs a session). */
    public record Context(String realmId, String realmName, String tenantId, String tenantAlias, String userId,
                          String username) {

        /** A record about the realm itself, such as a sink alert: no tenant, no user. */
        public static Context ofRealm(String realmId, String realmName) {
            return new Context(realmId, realmName, null, null, null, null);
        }
    }

    /** A record ready for the outbox. */
    public record NewRecord(String id, long createdAt, String type, String realmId, String tenantId, String payload) {
    }

    /**
     * @param details the event's details as the caller prepared them (typed identity of an unknown user replaced by
     *                its keyed hash); they are allow-listed and scrubbed here
     */
    public static NewRecord fromUserEvent(Event event, Context context, Map<String, String> details) {
        String id = idOf(event.getId());
        String type = TYPE_PREFIX + "user." + lower(event.getType().name());
        Map<String, Object> payload = base(id, event.getTime(), type, "user", context);
        payload.put("client", event.getClientId());
        payload.put("ip", event.getIpAddress());
        payload.put("session", event.getSessionId());
        payload.put("outcome", event.getError() == null ? "success" : "failure");
        payload.put("error", event.getError());
        payload.put("details", Redactor.userEventDetails(details));
        return record(id, event.getTime(), type, context, payload);
    }

    public static NewRecord fromAdminEvent(AdminEvent event, boolean includeRepresentation, Context context) {
        String resourceType = event.getResourceTypeAsString();
        String id = idOf(event.getId());
        String type = TYPE_PREFIX + "admin." + lower(resourceType) + "." + lower(event.getOperationType().name());
        Map<String, Object> payload = base(id, event.getTime(), type, "admin", context);
        payload.put("outcome", event.getError() == null ? "success" : "failure");
        payload.put("error", event.getError());
        if (event.getAuthDetails() != null) {
            payload.put("client", event.getAuthDetails().getClientId());
            payload.put("ip", event.getAuthDetails().getIpAddress());
        }
        Map<String, Object> admin = new LinkedHashMap<>();
        admin.put("operation", event.getOperationType().name());
        admin.put("resourceType", resourceType);
        admin.put("resourcePath", event.getResourcePath());
        if (event.getAuthDetails() != null) {
            Map<String, Object> auth = new LinkedHashMap<>();
            auth.put("realmId", event.getAuthDetails().getRealmId());
            auth.put("clientId", event.getAuthDetails().getClientId());
            auth.put("userId", event.getAuthDetails().getUserId());
            admin.put("auth", auth);
        }
        JsonNode representation = includeRepresentation ? Redactor.representation(event.getRepresentation()) : null;
        admin.put("representation", bounded(representation));
        payload.put("admin", admin);
        return record(id, event.getTime(), type, context, payload);
    }

    public static NewRecord fromEntry(AuditEntry entry, long now, String ip, Context context) {
        String id = idOf(null);
        String type = TYPE_PREFIX + "trustpack." + entry.type();
        Map<String, Object> payload = base(id, now, type, "trustpack", context);
        payload.put("client", entry.clientId());
        payload.put("ip", ip);
        payload.put("outcome", entry.success() ? "success" : "failure");
        payload.put("error", entry.error());
        payload.put("details", Redactor.entryDetails(entry.details()));
        return record(id, now, type, context, payload);
    }

    private static Map<String, Object> base(String id, long time, String type, String kind, Context context) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("schema", SCHEMA);
        payload.put("id", id);
        payload.put("time", Instant.ofEpochMilli(time).toString());
        payload.put("type", type);
        payload.put("kind", kind);
        payload.put("realm", Map.of("id", context.realmId(), "name", context.realmName()));
        if (context.tenantId() != null) {
            payload.put("tenant", Map.of("id", context.tenantId(), "alias", context.tenantAlias()));
        }
        if (context.userId() != null || context.username() != null) {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("id", context.userId());
            user.put("username", context.username());
            payload.put("user", user);
        }
        return payload;
    }

    private static NewRecord record(String id, long time, String type, Context context, Map<String, Object> payload) {
        ObjectNode scrubbed = (ObjectNode) Scrub.tree(Canonical.MAPPER.valueToTree(payload));
        return new NewRecord(id, time, type, context.realmId(), context.tenantId(), bounded(scrubbed));
    }

    /**
     * The canonical payload, within {@link #MAX_RECORD_CHARS}: what does not fit is replaced by a note saying how big
     * it was — first the admin representation, then the details. The fields that identify the record (id, time, type,
     * realm, tenant, user, outcome) always stay.
     */
    static String bounded(ObjectNode payload) {
        String written = Canonical.write(payload);
        for (String[] path : new String[][] {{"admin", "representation"}, {"details"}}) {
            if (written.length() <= MAX_RECORD_CHARS) {
                return written;
            }
            ObjectNode parent = path.length == 1 ? payload : (ObjectNode) payload.get(path[0]);
            String field = path[path.length - 1];
            if (parent != null && parent.has(field)) {
                parent.set(field, omitted(Canonical.write(parent.get(field)).length(), "the record's bound of "
                        + MAX_RECORD_CHARS + " characters"));
                written = Canonical.write(payload);
            }
        }
        return written;
    }

    private static ObjectNode omitted(int size, String bound) {
        ObjectNode omitted = JsonNodeFactory.instance.objectNode();
        omitted.put("omitted", "a value of " + size + " characters exceeds " + bound);
        return omitted;
    }

    /**
     * A representation that would make the record larger than {@value #MAX_REPRESENTATION_CHARS} characters (such as
     * a partial import of thousands of users) is replaced by a note: a record must always fit its column.
     */
    private static JsonNode bounded(JsonNode representation) {
        if (representation == null) {
            return null;
        }
        int size = Canonical.write(representation).length();
        return size <= MAX_REPRESENTATION_CHARS ? representation
                : omitted(size, MAX_REPRESENTATION_CHARS + " characters");
    }

    /** Keycloak's event id (a UUID), or a new one where there is none or it would not fit the id column. */
    private static String idOf(String eventId) {
        return eventId != null && !eventId.isBlank() && eventId.length() <= MAX_ID_LENGTH ? eventId
                : UUID.randomUUID().toString();
    }

    /** A type segment: lower case letters, digits and underscores only, whatever a custom event type holds. */
    private static String lower(String value) {
        return value == null || value.isBlank() ? "unknown"
                : value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }
}
