package dev.trustpack.audit.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

@DisplayName("One scrub for every field of every record, and a bound on the record")
class ScrubTest {

    private static final AuditRecords.Context CONTEXT = new AuditRecords.Context("realm-id", "demo", null, null, null,
            null);

    @Nested
    @DisplayName("given a text value")
    class TextValues {

        @Test
        @DisplayName("when it holds control characters, then each run becomes one replacement character")
        void controls() {
            assertThat(Scrub.text("a\u0000\u0001\u001b[2Jb\r\nc\u2028d")).isEqualTo("a\uFFFD[2Jb\uFFFDc\uFFFDd");
        }

        @Test
        @DisplayName("when it is longer than the cap, then it is cut and ends with an ellipsis")
        void cap() {
            String cut = Scrub.text("x".repeat(10_000));
            assertThat(cut).hasSize(Scrub.MAX_VALUE + 1).endsWith("…");
            assertThat(Scrub.text("y".repeat(Scrub.MAX_VALUE))).hasSize(Scrub.MAX_VALUE).doesNotEndWith("…");
        }

        @Test
        @DisplayName("when it looks like a token, a private key or a bearer header, then it is redacted")
        void secrets() {
            assertThat(Scrub.text("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl")).isEqualTo(Redactor.REDACTED);
            assertThat(Scrub.text("-----BEGIN PRIVATE KEY-----\nMII")).isEqualTo(Redactor.REDACTED);
            assertThat(Scrub.text("Bearer abcdefghijklmnop")).isEqualTo("Bearer " + Redactor.REDACTED);
        }
    }

    @Nested
    @DisplayName("given a record built from hostile input")
    class Records {

        @Test
        @DisplayName("when every detail is 10,000 control bytes, then each is one character and the record stays small")
        void controlFlood() {
            Event event = loginError(Map.of("redirect_uri", "https://app.example/" + "\u0001".repeat(130_000),
                    "username", "\u0007".repeat(130_000)));

            String payload = AuditRecords.fromUserEvent(event, CONTEXT, event.getDetails()).payload();

            assertThat(payload.length()).isLessThan(4_000);
            assertThat(payload).doesNotContain("\\u0001").doesNotContain("\\u0007");
        }

        @Test
        @DisplayName("when a representation is huge, then the record is within its bound and says what was left out")
        void bound() {
            AdminEvent event = new AdminEvent();
            event.setTime(1L);
            event.setOperationType(OperationType.UPDATE);
            event.setResourceType(ResourceType.USER);
            StringBuilder attributes = new StringBuilder("{\"attributes\":{");
            for (int i = 0; i < 3_000; i++) {
                attributes.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":[\"").append("\u00e9".repeat(40))
                        .append("\"]");
            }
            event.setRepresentation(attributes.append("}}").toString());

            String payload = AuditRecords.fromAdminEvent(event, true, CONTEXT).payload();

            assertThat(payload.length()).isLessThanOrEqualTo(AuditRecords.MAX_RECORD_CHARS);
            JsonNode representation = Canonical.read(payload).path("admin").path("representation");
            assertThat(representation.path("omitted").asText()).contains("exceeds");
        }

        @Test
        @DisplayName("when keys are user input, then they are scrubbed and cut too")
        void keys() {
            AdminEvent event = new AdminEvent();
            event.setTime(1L);
            event.setOperationType(OperationType.UPDATE);
            event.setResourceType(ResourceType.USER);
            event.setRepresentation("{\"attributes\":{\"" + "k".repeat(500) + "\\u0000\":[\"v\"]}}");

            JsonNode attributes = Canonical.read(AuditRecords.fromAdminEvent(event, true, CONTEXT).payload())
                    .path("admin").path("representation").path("attributes");

            assertThat(attributes.fieldNames().next()).hasSize(Scrub.MAX_KEY + 1).endsWith("…");
        }
    }

    private static Event loginError(Map<String, String> details) {
        Event event = new Event();
        event.setTime(1L);
        event.setType(EventType.LOGIN_ERROR);
        event.setError("user_not_found");
        event.setDetails(details);
        return event;
    }
}
