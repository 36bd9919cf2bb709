package dev.trustpack.it.support;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Audit sinks as an admin creates them (realm components through Keycloak's admin API), and the audit admin API
 * (status, export) as a security team reads it.
 */
public final class AuditSinks {

    public static final String PROVIDER_TYPE = "dev.trustpack.audit.sink.AuditSink";
    public static final String WEBHOOK = "trustpack-webhook";
    public static final String SYSLOG = "trustpack-syslog";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditSinks() {
    }

    /** Fast retries for tests: a first retry after 100 ms, never more than 1 s apart. */
    public static Map<String, String> fastRetries() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("retry-initial-ms", "100");
        config.put("retry-max-ms", "1000");
        return config;
    }

    /** Creates a sink component; returns its id, or throws with Keycloak's error message. */
    public static String create(ManagedRealm realm, String name, String providerId, Map<String, String> config) {
        try (Response response = add(realm, name, providerId, config)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Sink not created: HTTP " + response.getStatus() + " "
                        + response.readEntity(String.class));
            }
            String location = response.getLocation().getPath();
            return location.substring(location.lastIndexOf('/') + 1);
        }
    }

    /** The admin API's raw answer to creating a sink (for validation tests). */
    public static Response add(ManagedRealm realm, String name, String providerId, Map<String, String> config) {
        ComponentRepresentation sink = new ComponentRepresentation();
        sink.setName(name);
        sink.setProviderId(providerId);
        sink.setProviderType(PROVIDER_TYPE);
        sink.setParentId(realm.getId());
        MultivaluedHashMap<String, String> values = new MultivaluedHashMap<>();
        config.forEach(values::putSingle);
        sink.setConfig(values);
        return realm.admin().components().add(sink);
    }

    public static void remove(ManagedRealm realm, String sinkId) {
        realm.admin().components().component(sinkId).remove();
    }

    public static List<ComponentRepresentation> all(ManagedRealm realm) {
        return realm.admin().components().query(realm.getId(), PROVIDER_TYPE);
    }

    public static JsonNode status(TrustpackAdminApi api, String sinkId) throws IOException, InterruptedException {
        TrustpackAdminApi.Reply reply = api.get("/audit/sinks/" + sinkId);
        if (reply.status() != 200) {
            throw new IllegalStateException("Sink status: HTTP " + reply.status() + " " + reply.body());
        }
        return reply.json();
    }

    /** Waits until the sink's status matches. */
    public static JsonNode awaitStatus(TrustpackAdminApi api, String sinkId, Predicate<JsonNode> match,
                                       Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode status = status(api, sinkId);
        while (!match.test(status)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Sink status did not reach the expected state within "
                        + timeout.toSeconds() + " s: " + status);
            }
            Thread.sleep(100);
            status = status(api, sinkId);
        }
        return status;
    }

    /** The export's JSON lines as events; fails on any non-200 answer. */
    public static List<JsonNode> exportJsonLines(TrustpackAdminApi api, String query)
            throws IOException, InterruptedException {
        TrustpackAdminApi.Reply reply = api.get("/audit/export" + query);
        if (reply.status() != 200) {
            throw new IllegalStateException("Export: HTTP " + reply.status() + " " + reply.body());
        }
        List<JsonNode> events = new ArrayList<>();
        for (String line : reply.body().split("\n")) {
            if (!line.isBlank()) {
                events.add(JSON.readTree(line));
            }
        }
        return events;
    }

    /**
     * Waits until an exported (sealed) record created since {@code since} matches; records are sealed within a
     * second of their commit.
     */
    public static JsonNode awaitRecord(TrustpackAdminApi api, Instant since, Predicate<JsonNode> match,
                                       Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (JsonNode event : exportJsonLines(api, "?from=" + since)) {
                if (match.test(event)) {
                    return event;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No audit record matched within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }
}
