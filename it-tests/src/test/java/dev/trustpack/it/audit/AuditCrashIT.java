package dev.trustpack.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustpack.audit.listener.AuditEventListenerFactory;
import dev.trustpack.common.admin.TrustpackAdminRootFactory;
import dev.trustpack.it.support.StandaloneKeycloak;
import dev.trustpack.it.support.TestPki;
import dev.trustpack.it.support.TrustpackAdminApi;
import dev.trustpack.it.support.WebhookReceiver;
import dev.trustpack.tenancy.TenancyProvider;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of Keycloak right after a login committed: the login's audit record is in the outbox, and after a
 * restart it reaches the sink, in a chain that still verifies. Runs its own Keycloak (the test framework's server
 * cannot be killed and restarted on the same data), with the same packaged jars.
 */
class AuditCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The kill may come while the first batch is being sent: then the dead process's claim (30 s) runs out first. */
    private static final Duration DELIVERY_WAIT = Duration.ofMinutes(2);

    @Test
    void aLoginCommittedJustBeforeAKillIsDeliveredAfterTheRestart() throws Exception {
        String secret = "whsec_" + Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes());
        String password = "crash-" + UUID.randomUUID();
        String clientSecret = UUID.randomUUID().toString();
        Path vault = Files.createDirectories(Path.of("target", "standalone", "crash-vault").toAbsolutePath());
        Files.writeString(vault.resolve("crash_crash-webhook"), secret);

        try (WebhookReceiver receiver = WebhookReceiver.https(secret)) {
            receiver.stop();
            try (StandaloneKeycloak keycloak = StandaloneKeycloak.prepare("crash",
                    List.of(TrustpackAdminRootFactory.class, TenancyProvider.class, AuditEventListenerFactory.class),
                    Map.of("crash-realm.json", realm(receiver.url(), password, clientSecret)),
                    List.of("--vault=file", "--vault-dir=" + vault,
                            "--truststore-paths=" + TestPki.get().caCertificatePem()))) {
                keycloak.start();

                HttpResponse<String> login = passwordGrant(keycloak, "dora", password, clientSecret);
                assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
                long pid = keycloak.pid();
                keycloak.killHard();
                assertThat(ProcessHandle.of(pid)).as("Keycloak process %d after SIGKILL", pid)
                        .matches(handle -> handle.isEmpty() || !handle.get().isAlive());
                assertThat(receiver.deliveries()).as("nothing could be delivered before the kill").isEmpty();

                receiver.restart();
                keycloak.start();

                JsonNode delivered;
                try {
                    delivered = receiver.awaitEvent(e -> e.path("type").asText().equals("dev.trustpack.audit.user.login")
                            && e.path("data").path("user").path("username").asText().equals("dora"), DELIVERY_WAIT);
                } catch (AssertionError e) {
                    TrustpackAdminApi api = new TrustpackAdminApi(keycloak.baseUrl(), "crash", adminToken(keycloak));
                    throw new AssertionError(e.getMessage() + "; sinks: " + api.get("/audit/sinks").body()
                            + "; chain: " + api.get("/audit/verify").body() + "; log: " + keycloak.logFile(), e);
                }
                assertThat(delivered.path("data").path("client").asText()).isEqualTo("crash-app");
                assertThat(receiver.deliveries()).allMatch(WebhookReceiver.Delivery::signatureValid);

                TrustpackAdminApi api = new TrustpackAdminApi(keycloak.baseUrl(), "crash", adminToken(keycloak));
                JsonNode verified = api.get("/audit/verify").json();
                assertThat(verified.path("status").asText()).as(verified.toString()).isEqualTo("ok");
                assertThat(verified.path("lastSeq").asLong()).isGreaterThanOrEqualTo(delivered.path("trustpackseq").asLong());
            }
        }
    }

    private static String realm(String webhookUrl, String password, String clientSecret) throws Exception {
        Map<String, Object> sink = Map.of("name", "crash-webhook", "providerId", "trustpack-webhook", "config", Map.of(
                "url", List.of(webhookUrl), "secret", List.of("${vault.crash-webhook}"),
                "retry-initial-ms", List.of("200"), "retry-max-ms", List.of("1000")));
        Map<String, Object> realm = Map.of(
                "realm", "crash",
                "enabled", true,
                "eventsEnabled", true,
                "eventsListeners", List.of("jboss-logging", "trustpack-audit"),
                "clients", List.of(Map.of("clientId", "crash-app", "enabled", true, "publicClient", false,
                        "secret", clientSecret, "directAccessGrantsEnabled", true, "standardFlowEnabled", false)),
                "users", List.of(Map.of("username", "dora", "enabled", true, "email", "dora@crash.example",
                        "emailVerified", true, "firstName", "Dora", "lastName", "Crash",
                        "realmRoles", List.of("default-roles-crash"),
                        "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)))),
                "components", Map.of("dev.trustpack.audit.sink.AuditSink", List.of(sink)));
        return JSON.writeValueAsString(realm);
    }

    private static HttpResponse<String> passwordGrant(StandaloneKeycloak keycloak, String username, String password,
                                                      String clientSecret) throws Exception {
        String form = "grant_type=password&client_id=crash-app&client_secret=" + clientSecret + "&username=" + username
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&scope=openid";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keycloak.baseUrl() + "/realms/crash/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String adminToken(StandaloneKeycloak keycloak) throws Exception {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode(keycloak.adminPassword(), StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }
}
