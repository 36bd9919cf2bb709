package dev.trustpack.audit.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.audit.record.Redactor;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An audit sink's configuration in an audit record: where the stream goes, not its secrets")
class SinkConfigsTest {

    @Test
    @DisplayName("given a syslog sink update, when redacted, then host, port, transport and tenant stay visible")
    void syslogSettingsStay() {
        JsonNode redacted = Redactor.representation("""
                {"name": "siem", "providerId": "trustpack-syslog", "providerType": "dev.trustpack.audit.sink.AuditSink",
                 "config": {"host": ["siem.example"], "port": ["6514"], "transport": ["tls"], "tenant": ["acme"],
                            "structured-data-id": ["trustpack@32473"], "unknown-key": ["x"]}}""");

        JsonNode config = redacted.path("config");
        assertThat(config.path("host").get(0).asText()).isEqualTo("siem.example");
        assertThat(config.path("port").get(0).asText()).isEqualTo("6514");
        assertThat(config.path("transport").get(0).asText()).isEqualTo("tls");
        assertThat(config.path("tenant").get(0).asText()).isEqualTo("acme");
        assertThat(config.path("unknown-key").get(0).asText()).isEqualTo(Redactor.REDACTED);
    }

    @Test
    @DisplayName("given a webhook sink, when redacted, then the secret and the URL's path are withheld, its origin shown")
    void webhookSecretsGo() {
        JsonNode config = Redactor.representation("""
                {"providerId": "trustpack-webhook", "providerType": "dev.trustpack.audit.sink.AuditSink",
                 "config": {"url": ["https://hooks.example:8443/T0/B0/t0ken?sig=abc"], "secret": ["${vault.hook}"],
                            "timeout-ms": ["5000"]}}""").path("config");

        assertThat(config.path("url").get(0).asText()).isEqualTo("https://hooks.example:8443/" + Redactor.REDACTED);
        assertThat(config.path("secret").get(0).asText()).isEqualTo(Redactor.REDACTED);
        assertThat(config.path("timeout-ms").get(0).asText()).isEqualTo("5000");
    }

    @Test
    @DisplayName("given any other component, when redacted, then every config value is withheld as before")
    void otherComponentsStayWithheld() {
        JsonNode config = Redactor.representation("""
                {"providerId": "ldap", "providerType": "org.keycloak.storage.UserStorageProvider",
                 "config": {"connectionUrl": ["ldap://x"], "host": ["siem.example"]}}""").path("config");

        assertThat(config.path("host").get(0).asText()).isEqualTo(Redactor.REDACTED);
    }
}
