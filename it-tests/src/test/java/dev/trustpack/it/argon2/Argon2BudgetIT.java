package dev.trustpack.it.argon2;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.LegacyFixtures;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.ServerMetrics;
import dev.trustpack.it.support.TrustpackServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;
import org.keycloak.util.JsonSerialization;

/**
 * 50 logins per CPU at once against a memory budget that holds two hashes: no OutOfMemoryError, no 5xx, the excess
 * waits a bounded time and is refused cleanly, and the server serves normally afterwards. Runs on its own server
 * (a small budget would slow every other test), which costs one extra start.
 */
@KeycloakIntegrationTest(config = Argon2BudgetIT.SmallBudget.class)
class Argon2BudgetIT extends DirectGrantTest {

    /** Two hashes of 19456 KiB fit; the third waits at most 250 ms. */
    public static final class SmallBudget implements KeycloakServerConfig {
        @Override
        public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
            return new TrustpackServerConfig().configure(config)
                    .spiOption("password-hashing", "trustpack-argon2id", "memory-budget-kib", "40000")
                    .spiOption("password-hashing", "trustpack-argon2id", "max-verify-memory-kib", "40000")
                    .spiOption("password-hashing", "trustpack-argon2id", "max-wait-ms", "250");
        }
    }

    private final List<String> usernames = new ArrayList<>();

    @AfterEach
    void deleteUsers() {
        usernames.forEach(username -> demo.admin().users().searchByUsername(username, true)
                .forEach(user -> demo.admin().users().delete(user.getId()).close()));
    }

    @Test
    void aBurstOfLoginsQueuesOnTheBudgetAndTheExcessFailsCleanly() throws Exception {
        int logins = 50 * Runtime.getRuntime().availableProcessors();
        LegacyFixtures.Fixture argon2id = LegacyFixtures.all().stream()
                .filter(f -> f.format().equals("phc-argon2") && f.hash().startsWith("$argon2id$v=19$m=19456"))
                .filter(f -> f.passwordId().equals("ascii")).findFirst().orElseThrow();
        StringBuilder records = new StringBuilder();
        for (int i = 0; i < logins; i++) {
            String username = "burst-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
            usernames.add(username);
            records.append(JsonSerialization.writeValueAsString(Map.of("username", username, "password", argon2id.hash(),
                    "email", username + "@example.org", "emailVerified", true, "firstName", "Burst", "lastName", "Test")))
                    .append('\n');
        }
        assertThat(realmAdmin.post("/users/import", "application/x-ndjson", records.toString()).json().get("created")
                .asInt()).isEqualTo(logins);
        double timeoutsBefore = ServerMetrics.sum(urls, "trustpack_password_hash_refusals_total", "reason=\"budget_timeout\"");

        ExecutorService pool = Executors.newFixedThreadPool(logins);
        Map<String, Integer> outcomes = new TreeMap<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (String username : usernames) {
                results.add(pool.submit(() -> {
                    start.await();
                    RelyingParty.TokenResponse response = client.passwordGrant(username, argon2id.password(), "openid");
                    return response.status() + (response.error() == null ? "" : " " + response.error());
                }));
            }
            start.countDown();
            for (Future<String> result : results) {
                outcomes.merge(result.get(120, TimeUnit.SECONDS), 1, Integer::sum);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(outcomes.keySet()).as("only successes and clean refusals: %s", outcomes)
                .isSubsetOf("200", "400 invalid_grant");
        assertThat(outcomes.get("200")).as("some logins got through: %s", outcomes).isPositive();
        assertThat(outcomes.getOrDefault("400 invalid_grant", 0)).as("the budget refused some: %s", outcomes).isPositive();
        assertThat(ServerMetrics.sum(urls, "trustpack_password_hash_refusals_total", "reason=\"budget_timeout\"")).isGreaterThan(timeoutsBefore);
        assertThat(ServerMetrics.sum(urls, "trustpack_password_hash_budget_waiters", null)).as("nobody left waiting").isZero();

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(urls.getMetric().replace("/metrics", "/health/ready"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(client.passwordGrant(DemoRealm.ALICE, DemoRealm.PASSWORD, "openid").status())
                .as("serves normally afterwards").isEqualTo(200);
    }
}
