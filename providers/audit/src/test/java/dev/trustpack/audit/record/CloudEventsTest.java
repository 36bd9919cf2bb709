package dev.trustpack.audit.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class CloudEventsTest {

    static SealedRecord sealed(long seq, String payload) {
        return new SealedRecord("id-" + seq, seq, "realm-id", "tenant-id", 1_763_800_000_000L,
                "dev.trustpack.audit.user.login", payload, ChainHash.GENESIS, ChainHash.of(ChainHash.GENESIS, seq, payload));
    }

    static final String PAYLOAD = Canonical.write(java.util.Map.of("id", "id-1", "time", "2025-11-22T08:26:40Z",
            "type", "dev.trustpack.audit.user.login", "realm", java.util.Map.of("id", "realm-id", "name", "acme realm"),
            "tenant", java.util.Map.of("id", "tenant-id", "alias", "acme"),
            "user", java.util.Map.of("id", "user-id", "username", "alice"), "outcome", "success"));

    @Test
    void anEventIsACloudEventWhoseDataIsTheStoredPayloadByteForByte() {
        SealedRecord record = sealed(1, PAYLOAD);

        String json = CloudEvents.event(record);
        JsonNode event = Canonical.read(json);

        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("id").asText()).isEqualTo("id-1");
        assertThat(event.path("source").asText()).isEqualTo("/realms/acme+realm");
        assertThat(event.path("type").asText()).isEqualTo("dev.trustpack.audit.user.login");
        assertThat(event.path("time").asText()).isEqualTo("2025-11-22T08:26:40Z");
        assertThat(event.path("subject").asText()).isEqualTo("user-id");
        assertThat(event.path("trustpacktenant").asText()).isEqualTo("acme");
        assertThat(event.path("trustpackseq").asLong()).isEqualTo(1);
        assertThat(event.path("trustpackhash").asText()).isEqualTo(record.hash());
        assertThat(json).contains("\"data\":" + PAYLOAD);
        assertThat(ChainHash.of(event.path("trustpackprevhash").asText(), 1, Canonical.write(event.path("data"))))
                .isEqualTo(record.hash());
    }

    @Test
    void aBatchIsAJsonArrayInSequenceOrder() {
        JsonNode batch = Canonical.read(CloudEvents.batch(List.of(sealed(1, PAYLOAD), sealed(2, PAYLOAD))));

        assertThat(batch.isArray()).isTrue();
        assertThat(batch.get(0).path("trustpackseq").asLong()).isEqualTo(1);
        assertThat(batch.get(1).path("trustpackseq").asLong()).isEqualTo(2);
    }
}
