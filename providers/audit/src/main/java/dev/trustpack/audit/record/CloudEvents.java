package dev.trustpack.audit.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;

/**
 * The form in which records leave Keycloak (webhook, syslog, JSON-lines export): a CloudEvents 1.0 JSON event whose
 * {@code data} is the stored canonical payload, byte for byte, plus extension attributes that place it in the chain:
 * {@code trustpackseq}, {@code trustpackhash}, {@code trustpackprevhash}, and {@code trustpacktenant} (tenant alias).
 */
public final class CloudEvents {

    public static final String SPEC_VERSION = "1.0";
    public static final String BATCH_CONTENT_TYPE = "application/cloudevents-batch+json";

    private CloudEvents() {
    }

    public static String event(SealedRecord record) {
        return write(envelope(record));
    }

    /** A JSON array of events, as one webhook body. */
    public static String batch(List<SealedRecord> records) {
        return write(records.stream().map(CloudEvents::envelope).toList());
    }

    private static Map<String, Object> envelope(SealedRecord record) {
        JsonNode payload = Canonical.read(record.payload());
        Map<String, Object> event = new TreeMap<>();
        event.put("specversion", SPEC_VERSION);
        event.put("id", record.id());
        event.put("source", "/realms/" + URLEncoder.encode(payload.path("realm").path("name").asText(),
                StandardCharsets.UTF_8));
        event.put("type", record.type());
        event.put("time", payload.path("time").asText());
        event.put("datacontenttype", "application/json");
        String userId = payload.path("user").path("id").asText(null);
        if (userId != null) {
            event.put("subject", userId);
        }
        String tenant = payload.path("tenant").path("alias").asText(null);
        if (tenant != null) {
            event.put("trustpacktenant", tenant);
        }
        event.put("trustpackseq", record.seq());
        event.put("trustpackhash", record.hash());
        event.put("trustpackprevhash", record.prevHash());
        event.put("data", new RawValue(record.payload()));
        return event;
    }

    private static String write(Object value) {
        try {
            return Canonical.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
