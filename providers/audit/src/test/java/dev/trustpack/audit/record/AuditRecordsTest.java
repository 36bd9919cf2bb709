package dev.trustpack.audit.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.common.audit.AuditEntry;
import org.junit.jupiter.api.Test;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

class AuditRecordsTest {

    private static final AuditRecords.Context CONTEXT = new AuditRecords.Context("realm-id", "acme-realm", "tenant-id",
            "acme", "user-id", "alice");

    @Test
    void aLoginErrorBecomesARecordWithEveryField() {
        Event event = new Event();
        event.setId("6f1c2d4e-0000-4000-8000-000000000001");
        event.setTime(1_763_800_000_123L);
        event.setType(EventType.LOGIN_ERROR);
        event.setRealmId("realm-id");
        event.setClientId("spa");
        event.setUserId("user-id");
        event.setIpAddress("127.0.0.1");
        event.setError("invalid_user_credentials");
        event.setDetails(Map.of("username", "alice", "auth_method", "openid-connect", "code_id", "secret-ish"));

        AuditRecords.NewRecord record = AuditRecords.fromUserEvent(event, CONTEXT, event.getDetails());
        JsonNode payload = Canonical.read(record.payload());

        assertThat(record.id()).isEqualTo(event.getId());
        assertThat(record.type()).isEqualTo("dev.trustpack.audit.user.login_error");
        assertThat(record.tenantId()).isEqualTo("tenant-id");
        assertThat(payload.path("schema").asInt()).isEqualTo(AuditRecords.SCHEMA);
        assertThat(payload.path("time").asText()).isEqualTo("2025-11-22T08:26:40.123Z");
        assertThat(payload.path("kind").asText()).isEqualTo("user");
        assertThat(payload.path("realm").path("name").asText()).isEqualTo("acme-realm");
        assertThat(payload.path("tenant").path("alias").asText()).isEqualTo("acme");
        assertThat(payload.path("user").path("username").asText()).isEqualTo("alice");
        assertThat(payload.path("client").asText()).isEqualTo("spa");
        assertThat(payload.path("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(payload.path("outcome").asText()).isEqualTo("failure");
        assertThat(payload.path("error").asText()).isEqualTo("invalid_user_credentials");
        assertThat(payload.path("details").has("code_id")).isFalse();
        assertThat(record.payload()).isEqualTo(Canonical.write(payload));
    }

    @Test
    void anAdminEventCarriesOperationPathAuthAndARedactedRepresentation() {
        AdminEvent event = new AdminEvent();
        event.setId("6f1c2d4e-0000-4000-8000-000000000002");
        event.setTime(1_763_800_000_000L);
        event.setRealmId("realm-id");
        event.setOperationType(OperationType.UPDATE);
        event.setResourceType(ResourceType.CLIENT);
        event.setResourcePath("clients/123");
        AuthDetails auth = new AuthDetails();
        auth.setRealmId("master-id");
        auth.setClientId("admin-cli");
        auth.setUserId("admin-id");
        auth.setIpAddress("10.0.0.1");
        event.setAuthDetails(auth);
        event.setRepresentation("{\"clientId\":\"backend\",\"secret\":\"s3cr3t-value\"}");

        JsonNode payload = Canonical.read(AuditRecords.fromAdminEvent(event, true, CONTEXT).payload());

        assertThat(payload.path("type").asText()).isEqualTo("dev.trustpack.audit.admin.client.update");
        assertThat(payload.path("kind").asText()).isEqualTo("admin");
        assertThat(payload.path("admin").path("operation").asText()).isEqualTo("UPDATE");
        assertThat(payload.path("admin").path("resourcePath").asText()).isEqualTo("clients/123");
        assertThat(payload.path("admin").path("auth").path("clientId").asText()).isEqualTo("admin-cli");
        assertThat(payload.path("ip").asText()).isEqualTo("10.0.0.1");
        assertThat(payload.path("admin").path("representation").path("clientId").asText()).isEqualTo("backend");
        assertThat(payload.toString()).doesNotContain("s3cr3t-value");
    }

    @Test
    void withoutDetailsEnabledAnAdminEventHasNoRepresentation() {
        AdminEvent event = new AdminEvent();
        event.setTime(1L);
        event.setOperationType(OperationType.DELETE);
        event.setResourceType(ResourceType.USER);
        event.setRepresentation("{\"username\":\"x\"}");

        AuditRecords.NewRecord record = AuditRecords.fromAdminEvent(event, false, CONTEXT);

        assertThat(record.id()).hasSize(36);
        assertThat(Canonical.read(record.payload()).path("admin").has("representation")).isFalse();
    }

    @Test
    void aHugeRepresentationIsReplacedByANoteSoTheRecordAlwaysFits() {
        AdminEvent event = new AdminEvent();
        event.setTime(1L);
        event.setOperationType(OperationType.CREATE);
        event.setResourceType(ResourceType.REALM);
        StringBuilder users = new StringBuilder("{\"users\":[");
        for (int i = 0; i < 20000; i++) {
            users.append(i == 0 ? "" : ",").append("{\"username\":\"user").append(i).append("\"}");
        }
        event.setRepresentation(users.append("]}").toString());

        AuditRecords.NewRecord record = AuditRecords.fromAdminEvent(event, true, CONTEXT);

        assertThat(record.payload().length()).isLessThan(AuditRecords.MAX_REPRESENTATION_CHARS);
        assertThat(Canonical.read(record.payload()).path("admin").path("representation").path("omitted").asText())
                .contains("exceeds");
    }

    @Test
    void aModuleEntryIsTypedUnderTrustpack() {
        AuditEntry entry = AuditEntry.failure("audit_sink_paused", null, "sink_paused", Map.of("sink_id", "s1"));

        AuditRecords.NewRecord record = AuditRecords.fromEntry(entry, 5L, null,
                AuditRecords.Context.ofRealm("realm-id", "acme-realm"));
        JsonNode payload = Canonical.read(record.payload());

        assertThat(record.type()).isEqualTo("dev.trustpack.audit.trustpack.audit_sink_paused");
        assertThat(record.tenantId()).isNull();
        assertThat(payload.has("tenant")).isFalse();
        assertThat(payload.path("details").path("sink_id").asText()).isEqualTo("s1");
        assertThat(payload.path("outcome").asText()).isEqualTo("failure");
    }
}
