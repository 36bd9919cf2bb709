package dev.trustpack.it.argon2;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.trustpack.it.support.AuditSinks;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.EventPoller;
import dev.trustpack.it.support.HostedLogin;
import dev.trustpack.it.support.LegacyFixtures;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.ServerMetrics;
import dev.trustpack.it.support.TestClients;
import dev.trustpack.it.support.TrustpackServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.events.EventType;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectEvents;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.events.Events;
import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.keycloak.util.JsonSerialization;

/**
 * 50 logins per CPU at once against a memory budget that holds two hashes: no OutOfMemoryError, no 5xx, the excess
 * waits a bounded time and is refused cleanly, and the server serves normally afterwards. Runs on its own server
 * (a small budget would slow every other test), which costs one extra start.
 */
@KeycloakIntegrationTest(config = Argon2BudgetIT.SmallBudget.class)
class Argon2BudgetIT extends DirectGrantTest {

    /**
     * Two hashes of 19456 KiB fit; the third waits at most 250 ms. Stored hashes of up to 256 passes are accepted, so
     * one slow "blocker" hash can hold most of the budget for seconds while another login is refused.
     */
    public static final class SmallBudget implements KeycloakServerConfig {
        @Override
        public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
            return new TrustpackServerConfig().configure(config)
                    .spiOption("password-hashing", "trustpack-argon2id", "memory-budget-kib", "40000")
                    .spiOption("password-hashing", "trustpack-argon2id", "max-verify-memory-kib", "40000")
                    .spiOption("password-hashing", "trustpack-argon2id", "max-verify-iterations", "256")
                    .spiOption("password-hashing", "trustpack-argon2id", "max-wait-ms", "250");
        }
    }

    @InjectWebDriver
    ManagedWebDriver browser;

    @InjectEvents(realmRef = "demo")
    Events events;

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
                .isSubsetOf("200", "503 temporarily_unavailable");
        assertThat(outcomes.get("200")).as("some logins got through: %s", outcomes).isPositive();
        assertThat(outcomes.getOrDefault("503 temporarily_unavailable", 0)).as("the budget refused some: %s", outcomes)
                .isPositive();
        for (String username : usernames) {
            String id = demo.admin().users().searchByUsername(username, true).get(0).getId();
            assertThat(demo.admin().attackDetection().bruteForceUserStatus(id)).as("a refusal is no failed login")
                    .containsEntry("numFailures", 0);
        }
        assertThat(ServerMetrics.sum(urls, "trustpack_password_hash_refusals_total", "reason=\"budget_timeout\"")).isGreaterThan(timeoutsBefore);
        assertThat(ServerMetrics.sum(urls, "trustpack_password_hash_budget_waiters", null)).as("nobody left waiting").isZero();

        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(urls.getMetric().replace("/metrics", "/health/ready"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(client.passwordGrant(DemoRealm.ALICE, DemoRealm.PASSWORD, "openid").status())
                .as("serves normally afterwards").isEqualTo(200);
    }

    /**
     * A PHC Argon2id hash of {@link #BLOCKER_PASSWORD} at m=32768 KiB, t=256 (about 3.7 s with the native library),
     * made with Debian's argon2 CLI: {@code echo -n blocker-password-2026 | argon2 blockersalt2026x -id -t 256 -m 15
     * -p 1 -e}. While one login verifies it, the budget of 40000 KiB has no room for a 19456 KiB hash.
     */
    private static final String BLOCKER_HASH =
            "$argon2id$v=19$m=32768,t=256,p=1$YmxvY2tlcnNhbHQyMDI2eA$9Ix7/f8JAWZ/SfGZk6KOa9uK6yv8Oou5BdGCSh5tvmg";
    private static final String BLOCKER_PASSWORD = "blocker-password-2026";

    /** A login the budget refuses is told to try again and is no failed login, on the token endpoint and the form. */
    @Test
    void aRefusalIsATemporaryErrorThatBruteForceDetectionDoesNotCount() throws Exception {
        LegacyFixtures.Fixture argon2id = standardFixture();
        // Two blockers: a correct login upgrades a legacy hash to the realm's (fast) one, so each blocks once.
        String blocker = importUser("blocker", BLOCKER_HASH);
        String secondBlocker = importUser("blocker", BLOCKER_HASH);
        String subject = importUser("subject", argon2id.hash());
        String subjectId = demo.admin().users().searchByUsername(subject, true).get(0).getId();
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> holding = holdTheBudget(background, blocker);
            HttpResponse<String> refused = tokenRequest(subject, argon2id.password());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                    seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
            assertThat(JsonSerialization.readValue(refused.body(), Map.class))
                    .containsEntry("error", "temporarily_unavailable");
            assertThat(holding.get(30, TimeUnit.SECONDS)).as("the blocker itself signs in").isEqualTo(200);
            EventRepresentation event = EventPoller.next(events, EventType.LOGIN_ERROR);
            assertThat(event.getError()).isEqualTo("password_hashing_busy");
            assertThat(event.getUserId()).isEqualTo(subjectId);

            try (RelyingParty spa = RelyingParty.publicClient(demo.getBaseUrl(), DemoRealm.SPA_CLIENT)) {
                HostedLogin.forgetSession(browser.driver(), demo.getBaseUrl());
                browser.driver().get(spa.authorizationRequest("openid").url());
                HostedLogin.waitFor(browser.driver(), By.id("username")).sendKeys(subject);
                if (!browser.driver().getPageSource().contains("id=\"password\"")) {
                    browser.driver().findElement(By.id("kc-login")).click();
                }
                HostedLogin.waitFor(browser.driver(), By.id("password")).sendKeys(argon2id.password());
                holding = holdTheBudget(background, secondBlocker);
                browser.driver().findElement(By.id("kc-login")).click();
                assertThat(HostedLogin.inputError(browser.driver()))
                        .isEqualTo("The server is busy checking passwords. Please try again in a few seconds.");
                assertThat(holding.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            background.shutdownNow();
        }
        assertThat(demo.admin().attackDetection().bruteForceUserStatus(subjectId)).containsEntry("numFailures", 0);
        AuditSinks.awaitRecord(realmAdmin, Instant.now().minusSeconds(120),
                e -> e.path("data").path("error").asText().equals("password_hashing_busy")
                        && subjectId.equals(e.path("subject").asText()), Duration.ofSeconds(20));

        // A wrong password, when there is room to check it, still counts.
        assertThat(tokenRequest(subject, "wrong-" + UUID.randomUUID()).statusCode()).isEqualTo(400);
        // Keycloak records failures on its own executor, after the answer: wait for it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Integer.valueOf(1).equals(demo.admin().attackDetection().bruteForceUserStatus(subjectId).get("numFailures"))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(demo.admin().attackDetection().bruteForceUserStatus(subjectId)).containsEntry("numFailures", 1);
    }

    /** Starts a login of the blocker in the background and returns once its hash holds the budget. */
    private Future<Integer> holdTheBudget(ExecutorService background, String blocker) throws Exception {
        Future<Integer> login = background.submit(() -> client.passwordGrant(blocker, BLOCKER_PASSWORD, "openid").status());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ServerMetrics.sum(urls, "trustpack_password_hash_budget_used_kibibytes", null) < 32768) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the blocker's hash never held the budget; login "
                        + (login.isDone() ? "answered " + login.get() : "still running") + "; metrics: "
                        + ServerMetrics.lines(urls, "trustpack_password_hash"));
            }
            Thread.sleep(20);
        }
        return login;
    }

    private String importUser(String prefix, String hash) throws Exception {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        usernames.add(username);
        assertThat(realmAdmin.post("/users/import", "application/x-ndjson", JsonSerialization.writeValueAsString(Map.of(
                "username", username, "password", hash, "email", username + "@example.org", "emailVerified", true,
                "firstName", "Budget", "lastName", "Test"))).json().get("created").asInt()).isEqualTo(1);
        return username;
    }

    private static LegacyFixtures.Fixture standardFixture() {
        return LegacyFixtures.all().stream()
                .filter(f -> f.format().equals("phc-argon2") && f.hash().startsWith("$argon2id$v=19$m=19456"))
                .filter(f -> f.passwordId().equals("ascii")).findFirst().orElseThrow();
    }

    private HttpResponse<String> tokenRequest(String username, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((TestClients.DirectGrant.CLIENT_ID + ":"
                + TestClients.DirectGrant.SECRET).getBytes(StandardCharsets.UTF_8));
        String form = "grant_type=password&scope=openid&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(client.endpoint("token_endpoint")))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
