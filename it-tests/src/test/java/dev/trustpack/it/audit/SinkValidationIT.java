package dev.trustpack.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.trustpack.it.support.AuditSinks;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.TestVault;
import dev.trustpack.it.support.TrustpackServerConfig;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * A sink configuration that cannot work is refused when it is saved, with a message naming the setting, and nothing
 * is stored; secrets typed in by mistake are never echoed. The audit admin API refuses unknown sinks and callers
 * without the events roles.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class SinkValidationIT extends DirectGrantTest {

    private static final String GOOD_SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString(UUID.randomUUID().toString().getBytes());

    @BeforeEach
    void vault() {
        TestVault.put(DemoRealm.NAME, "validation-webhook", GOOD_SECRET);
        TestVault.put(DemoRealm.NAME, "validation-short", "too-short");
    }

    @Test
    void badWebhookSettingsAreRefusedAndNothingIsStored() {
        List<ComponentRepresentation> before = AuditSinks.all(demo);

        assertRefused(webhook(Map.of("url", "http://siem.example/hook")), "Invalid value for 'url'",
                "plain http is allowed only to a loopback address");
        assertRefused(webhook(Map.of("url", "https://user:pass@siem.example/hook")), "'url'", "credentials");
        assertRefused(webhook(Map.of("batch-size", "0")), "'batch-size'", "between 1 and 1000");
        assertRefused(webhook(Map.of("retry-initial-ms", "5000", "retry-max-ms", "100")), "'retry-max-ms'");
        assertRefused(webhook(Map.of("secret", "${vault.no-such-key}")), "'secret'", "vault has no value");
        assertRefused(webhook(Map.of("secret", "${vault.validation-short}")), "'secret'", "shorter than 24 bytes");
        assertRefused(webhook(Map.of("tenant", "no-such-tenant")), "'tenant'", "there is no tenant 'no-such-tenant'");

        String pasted = "pasted-secret-" + UUID.randomUUID();
        try (Response response = AuditSinks.add(demo, "it-invalid", AuditSinks.WEBHOOK, webhook(Map.of("secret", pasted)))) {
            String body = response.readEntity(String.class);
            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(body).contains("'secret'").contains("vault reference").doesNotContain(pasted);
        }

        assertThat(AuditSinks.all(demo)).hasSameSizeAs(before);
    }

    @Test
    void badSyslogSettingsAreRefused() {
        assertRefused(syslog(Map.of("transport", "udp")), "'transport'", "tls or tcp");
        assertRefused(syslog(Map.of("port", "70000")), "'port'");
        assertRefused(syslog(Map.of("facility", "24")), "'facility'");
        assertRefused(syslog(Map.of("host", "")), "'host'", "a value is required");
        assertRefused(syslog(Map.of("structured-data-id", "no spaces allowed")), "'structured-data-id'");
    }

    @Test
    void anUpdateThatBreaksASinkIsRefusedAndTheOldSettingsStay() {
        String id = AuditSinks.create(demo, "it-valid", AuditSinks.WEBHOOK, webhook(Map.of()));
        try {
            ComponentRepresentation sink = demo.admin().components().component(id).toRepresentation();
            String url = sink.getConfig().getFirst("url");
            sink.getConfig().putSingle("url", "ftp://siem.example/");

            try {
                demo.admin().components().component(id).update(sink);
                throw new AssertionError("update accepted");
            } catch (jakarta.ws.rs.BadRequestException expected) {
                assertThat(expected.getResponse().readEntity(String.class)).contains("'url'");
            }

            ComponentRepresentation stored = demo.admin().components().component(id).toRepresentation();
            assertThat(stored.getConfig().getFirst("url")).isEqualTo(url);
            assertThat(stored.getConfig().getFirst("secret")).as("only the vault reference is stored")
                    .isEqualTo("${vault.validation-webhook}");
        } finally {
            AuditSinks.remove(demo, id);
        }
    }

    @Test
    void theAuditApiRefusesUnknownSinksAndCallersWithoutEventRoles() throws Exception {
        assertThat(realmAdmin.get("/audit/sinks/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(realmAdmin.post("/audit/sinks/" + UUID.randomUUID() + "/pause", "application/json", "").status())
                .isEqualTo(404);

        String id = AuditSinks.create(demo, "it-guarded", AuditSinks.WEBHOOK, webhook(Map.of()));
        try {
            var bob = apiAs(DemoRealm.BOB, "openid");
            assertThat(bob.get("/audit/sinks/" + id).status()).isEqualTo(403);
            assertThat(bob.post("/audit/sinks/" + id + "/pause", "application/json", "").status()).isEqualTo(403);
            assertThat(bob.post("/audit/purge", "application/json", "").status()).isEqualTo(403);
            assertThat(realmAdmin.post("/audit/sinks/" + id + "/replay", "application/json", "{}").errorMessage())
                    .contains("'from' is required");
            assertThat(realmAdmin.post("/audit/sinks/" + id + "/replay", "application/json",
                    "{\"from\":\"2000-01-01T00:00:00Z\",\"to\":\"2000-01-02T00:00:00Z\"}").errorMessage())
                    .contains("no sealed records");
        } finally {
            AuditSinks.remove(demo, id);
        }
    }

    private static Map<String, String> webhook(Map<String, String> overrides) {
        Map<String, String> config = AuditSinks.fastRetries();
        config.put("url", "https://localhost:9/audit");
        config.put("secret", "${vault.validation-webhook}");
        config.putAll(overrides);
        return config;
    }

    private static Map<String, String> syslog(Map<String, String> overrides) {
        Map<String, String> config = AuditSinks.fastRetries();
        config.put("host", "localhost");
        config.put("port", "6514");
        config.putAll(overrides);
        return config;
    }

    private void assertRefused(Map<String, String> config, String... messageParts) {
        String provider = config.containsKey("host") ? AuditSinks.SYSLOG : AuditSinks.WEBHOOK;
        try (Response response = AuditSinks.add(demo, "it-invalid", provider, config)) {
            String body = response.readEntity(String.class);
            assertThat(response.getStatus()).as(body).isEqualTo(400);
            assertThat(body).contains(messageParts);
        }
    }
}
