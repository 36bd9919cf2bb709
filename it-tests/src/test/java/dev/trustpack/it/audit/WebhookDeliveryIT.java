package dev.trustpack.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.it.support.AuditSinks;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.ServerMetrics;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TestVault;
import dev.trustpack.it.support.TrustpackAdminApi;
import dev.trustpack.it.support.TrustpackServerConfig;
import dev.trustpack.it.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * The webhook sink against a real HTTPS receiver on loopback: signed CloudEvents batches, in order; retries that
 * resend the same batch under the same id while the receiver is down, failing or hanging, with nothing lost and no
 * login slowed; automatic pause with an alert; dead letters; replay; per-tenant sinks; an untrusted certificate.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class WebhookDeliveryIT extends DirectGrantTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET = "whsec_" + Base64.getEncoder()
            .encodeToString(UUID.randomUUID().toString().getBytes());

    private final List<String> sinks = new ArrayList<>();
    private final List<WebhookReceiver> receivers = new ArrayList<>();
    private final List<String> users = new ArrayList<>();
    private Instant start;

    @BeforeEach
    void vaultSecret() {
        TestVault.put(DemoRealm.NAME, "audit-webhook", SECRET);
        start = Instant.now().minusSeconds(1);
    }

    @AfterEach
    void cleanUp() {
        sinks.forEach(id -> AuditSinks.remove(demo, id));
        receivers.forEach(WebhookReceiver::close);
        users.forEach(id -> demo.admin().users().delete(id).close());
    }

    @Test
    void batchesAreSignedCloudEventsInSequenceOrder() throws Exception {
        WebhookReceiver receiver = receiver();
        sink(receiver, Map.of());
        TestUsers.TestUser user = user();

        List<String> recordIds = logins(user, 5);

        List<JsonNode> events = awaitAll(receiver, recordIds);
        assertThat(receiver.deliveries()).allMatch(WebhookReceiver.Delivery::signatureValid);
        assertThat(receiver.deliveries()).allMatch(d -> d.webhookId().startsWith("tp_"));
        assertThat(events).allMatch(e -> e.path("specversion").asText().equals("1.0"));
        assertInSequenceOrder(receiver.acceptedEvents());
        assertThat(events).extracting(e -> e.path("data").path("user").path("username").asText())
                .containsOnly(user.username());
    }

    @Test
    void aFailingSinkGetsTheSameBatchUnderTheSameIdUntilItAcceptsAndLosesNothing() throws Exception {
        WebhookReceiver receiver = receiver();
        receiver.answer(500);
        String sinkId = sink(receiver, Map.of());
        TestUsers.TestUser user = user();

        List<String> recordIds = logins(user, 4);
        awaitAttempts(receiver, 3);
        JsonNode failing = AuditSinks.status(realmAdmin, sinkId);
        assertThat(failing.path("lastError").asText()).isEqualTo("HTTP 500");
        assertThat(failing.path("consecutiveFailures").asInt()).isPositive();
        assertThat(ServerMetrics.sum(urls, "trustpack_audit_delivery_failures_total", "outcome=\"failed\""))
                .isPositive();

        receiver.answer(200);
        awaitAll(receiver, recordIds);

        Map<String, List<String>> batchesById = new HashMap<>();
        for (WebhookReceiver.Delivery delivery : receiver.deliveries()) {
            List<String> previous = batchesById.putIfAbsent(delivery.webhookId(), ids(delivery));
            if (previous != null) {
                assertThat(ids(delivery)).as("every retry of batch %s", delivery.webhookId()).isEqualTo(previous);
            }
        }
        assertThat(receiver.deliveries().stream().filter(d -> d.status() == 500).map(WebhookReceiver.Delivery::webhookId))
                .as("failed batches were later accepted under the same id")
                .allMatch(id -> receiver.deliveries().stream().anyMatch(d -> d.status() == 200 && d.webhookId().equals(id)));
        assertInSequenceOrder(receiver.acceptedEvents());
    }

    @Test
    void aSinkThatIsDownGetsEverythingOnceItIsBack() throws Exception {
        WebhookReceiver receiver = receiver();
        String sinkId = sink(receiver, Map.of());
        receiver.stop();
        TestUsers.TestUser user = user();

        List<String> recordIds = logins(user, 3);
        JsonNode down = AuditSinks.awaitStatus(realmAdmin, sinkId,
                s -> s.path("consecutiveFailures").asInt() >= 2, WAIT);
        assertThat(down.path("lastError").asText()).contains("refused");
        assertThat(down.path("backlog").asLong()).isGreaterThanOrEqualTo(3);

        receiver.restart();

        awaitAll(receiver, recordIds);
        assertInSequenceOrder(receiver.acceptedEvents());
        AuditSinks.awaitStatus(realmAdmin, sinkId, s -> s.path("backlog").asLong() == 0, WAIT);
    }

    @Test
    void aHangingSinkTimesOutWithoutSlowingLogins() throws Exception {
        WebhookReceiver receiver = receiver();
        receiver.delay(Duration.ofSeconds(10));
        String sinkId = sink(receiver, Map.of("timeout-ms", "3000"));
        TestUsers.TestUser user = user();

        List<String> recordIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long started = System.nanoTime();
            recordIds.addAll(logins(user, 1));
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("a login while the sink hangs for 10 s (sink timeout 3 s)").isLessThan(Duration.ofSeconds(2));
            Thread.sleep(500);
        }
        AuditSinks.awaitStatus(realmAdmin, sinkId, s -> s.path("lastError").asText().equals("timed out"), WAIT);

        receiver.delay(Duration.ZERO);
        awaitAll(receiver, recordIds);
        assertInSequenceOrder(receiver.acceptedEvents());
    }

    @Test
    void anAnswerThatNeverFinishesIsCutOffAtTheAttemptDeadline() throws Exception {
        WebhookReceiver receiver = receiver();
        receiver.dribble(Duration.ofMillis(300));
        String sinkId = sink(receiver, Map.of("connect-timeout-ms", "500", "timeout-ms", "1000"));
        List<String> recordIds = logins(user(), 1);

        // A byte every 300 ms never trips the 1 s socket timeout; the 1.5 s deadline of the attempt does.
        JsonNode cutOff = AuditSinks.awaitStatus(realmAdmin, sinkId,
                s -> s.path("lastError").asText().equals("no complete answer within 1500 ms"), WAIT);
        assertThat(cutOff.path("delivered").asLong()).isZero();
        assertThat(receiver.acceptedEvents()).isEmpty();

        receiver.dribble(Duration.ZERO);
        awaitAll(receiver, recordIds);
    }

    @Test
    void aSinkFailingTooOftenIsPausedWithAnAlertUntilResumed() throws Exception {
        WebhookReceiver receiver = receiver();
        receiver.answer(503);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("pause-after-failures", "3");
        String sinkName = "it-paused-" + UUID.randomUUID().toString().substring(0, 8);
        String sinkId = sink(sinkName, receiver, config);
        TestUsers.TestUser user = user();
        List<String> recordIds = logins(user, 2);

        JsonNode paused = AuditSinks.awaitStatus(realmAdmin, sinkId, s -> s.path("status").asText().equals("PAUSED"),
                WAIT);
        assertThat(paused.path("pausedReason").asText()).contains("3 consecutive failed attempts").contains("HTTP 503");
        JsonNode alert = AuditSinks.awaitRecord(realmAdmin, start,
                e -> e.path("type").asText().endsWith("trustpack.audit_sink_paused")
                        && e.path("data").path("details").path("sink_id").asText().equals(sinkId), WAIT);
        assertThat(alert.path("data").path("outcome").asText()).isEqualTo("failure");
        awaitMetric("trustpack_audit_sink_paused", "sink=\"" + sinkName + "\"", 1.0);
        awaitMetric("trustpack_audit_sink_pauses_total", "sink=\"" + sinkName + "\"", 1.0);
        int attemptsWhilePaused = receiver.deliveries().size();
        Thread.sleep(1500);
        assertThat(receiver.deliveries()).as("a paused sink is left alone").hasSize(attemptsWhilePaused);

        receiver.answer(200);
        assertThat(realmAdmin.post("/audit/sinks/" + sinkId + "/resume", "application/json", "").status())
                .isEqualTo(200);

        awaitAll(receiver, recordIds);
        receiver.awaitEvent(e -> e.path("id").asText().equals(alert.path("id").asText()), WAIT);
        assertThat(AuditSinks.status(realmAdmin, sinkId).path("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void aRecordTheReceiverRefusesBecomesADeadLetterAndTheRestIsDelivered() throws Exception {
        WebhookReceiver receiver = receiver();
        // A known user whose name the receiver refuses (what an unknown user typed is never in a record), created
        // before the sink, so that only the failed login below carries the name to it.
        TestUsers.TestUser poisoned = TestUsers.create(demo.admin(), "poison", "example.org");
        String poison = poisoned.username();
        AuditSinks.awaitRecord(realmAdmin, start, e -> e.toString().contains(poison), WAIT);
        receiver.refuseBodiesContaining(poison);
        String sinkId = sink(receiver, Map.of("dead-letter-after", "2", "batch-size", "10"));
        TestUsers.TestUser user = user();

        List<String> before = logins(user, 2);
        assertThat(client.passwordGrant(poison, "wrong-password", "openid").status()).isEqualTo(400);
        List<String> after = logins(user, 2);

        awaitAll(receiver, before);
        awaitAll(receiver, after);
        JsonNode status;
        try {
            try {
                AuditSinks.awaitStatus(realmAdmin, sinkId, s -> s.path("deadLettered").asLong() == 1, WAIT);
            } catch (AssertionError e) {
                StringBuilder dead = new StringBuilder();
                for (JsonNode letter : realmAdmin.get("/audit/sinks/" + sinkId + "/dead-letters").json()) {
                    String id = letter.path("recordId").asText();
                    dead.append(AuditSinks.awaitRecord(realmAdmin, start, r -> r.path("id").asText().equals(id), WAIT))
                            .append('\n');
                }
                throw new AssertionError(e.getMessage() + "\ndead letters:\n" + dead, e);
            }
            // The refusal stays the sink's last error until a record after the dead letter is delivered, and the
            // refused record is not always sealed before the logins that followed it (a CI run dead-lettered it after
            // them, and the test read the status in between). One more login, delivered, shows the error cleared.
            awaitAll(receiver, logins(user, 1));
            status = AuditSinks.awaitStatus(realmAdmin, sinkId, s -> absent(s.path("lastError")), WAIT);
        } finally {
            demo.admin().users().delete(poisoned.id()).close();
        }
        assertThat(status.path("deadLettered").asLong()).as(status.toString()).isEqualTo(1);
        JsonNode deadLetters = realmAdmin.get("/audit/sinks/" + sinkId + "/dead-letters").json();
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).path("reason").asText()).isEqualTo("refused: HTTP 400");
        String deadId = deadLetters.get(0).path("recordId").asText();
        JsonNode deadRecord = AuditSinks.awaitRecord(realmAdmin, start, e -> e.path("id").asText().equals(deadId), WAIT);
        assertThat(deadRecord.toString()).contains(poison);
        assertThat(receiver.acceptedEvents()).noneMatch(e -> e.toString().contains(poison));
    }

    @Test
    void aReplayRedeliversATimeRangeUnderNewBatchIds() throws Exception {
        WebhookReceiver receiver = receiver();
        String sinkId = sink(receiver, Map.of());
        TestUsers.TestUser user = user();
        List<String> recordIds = logins(user, 3);
        awaitAll(receiver, recordIds);
        Set<String> firstIds = new LinkedHashSet<>();
        receiver.deliveries().forEach(d -> firstIds.add(d.webhookId()));
        int firstCount = receiver.acceptedEvents().size();

        TrustpackAdminApi.Reply replay = realmAdmin.post("/audit/sinks/" + sinkId + "/replay", "application/json",
                "{\"from\":\"" + start + "\",\"to\":\"" + Instant.now().plusSeconds(1) + "\"}");
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        assertThat(replay.json().path("replay").path("throughSeq").asLong()).isPositive();

        AuditSinks.awaitStatus(realmAdmin, sinkId, s -> absent(s.path("replay")), WAIT);
        // New records (such as the audit of this very replay request) keep flowing in the main lane meanwhile.
        List<WebhookReceiver.Delivery> replayed = receiver.deliveries().stream()
                .filter(d -> d.webhookId().contains("_r")).toList();
        assertThat(replayed).isNotEmpty().noneMatch(d -> firstIds.contains(d.webhookId()));
        assertThat(replayed.stream().flatMap(d -> ids(d).stream())).containsAll(recordIds);
        assertThat(receiver.acceptedEvents().size()).isGreaterThanOrEqualTo(firstCount + recordIds.size());

        TrustpackAdminApi.Reply bad = realmAdmin.post("/audit/sinks/" + sinkId + "/replay", "application/json",
                "{\"from\":\"yesterday\",\"to\":\"" + Instant.now() + "\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorMessage()).contains("'from' must be an ISO-8601 instant");
    }

    @Test
    void aTenantSinkReceivesOnlyItsTenantsRecords() throws Exception {
        WebhookReceiver acme = receiver();
        WebhookReceiver globex = receiver();
        sink(acme, Map.of("tenant", "acme"));
        sink(globex, Map.of("tenant", "globex"));

        assertThat(client.passwordGrant(DemoRealm.ALICE, DemoRealm.PASSWORD, "openid").status()).isEqualTo(200);
        assertThat(client.passwordGrant(DemoRealm.BOB, DemoRealm.PASSWORD, "openid").status()).isEqualTo(200);
        assertThat(client.passwordGrant(DemoRealm.CAROL, DemoRealm.PASSWORD, "openid organization:globex").status())
                .isEqualTo(200);

        acme.awaitEvent(e -> e.path("data").path("user").path("username").asText().equals(DemoRealm.ALICE), WAIT);
        globex.awaitEvent(e -> e.path("data").path("user").path("username").asText().equals(DemoRealm.BOB), WAIT);
        globex.awaitEvent(e -> e.path("data").path("user").path("username").asText().equals(DemoRealm.CAROL), WAIT);
        assertThat(acme.acceptedEvents()).allMatch(e -> e.path("trustpacktenant").asText().equals("acme"));
        assertThat(globex.acceptedEvents()).allMatch(e -> e.path("trustpacktenant").asText().equals("globex"));
        assertThat(acme.acceptedEvents()).noneMatch(e -> e.toString().contains(DemoRealm.BOB));
    }

    @Test
    void aReceiverWithAnUntrustedCertificateGetsNothing() throws Exception {
        WebhookReceiver rogue = WebhookReceiver.rogueHttps(SECRET);
        receivers.add(rogue);
        String sinkId = sink(rogue, Map.of());
        logins(user(), 1);

        JsonNode status = AuditSinks.awaitStatus(realmAdmin, sinkId, s -> s.path("consecutiveFailures").asInt() > 0,
                WAIT);
        assertThat(status.path("lastError").asText()).contains("TLS failure");
        assertThat(rogue.deliveries()).isEmpty();
    }

    private WebhookReceiver receiver() throws Exception {
        WebhookReceiver receiver = WebhookReceiver.https(SECRET);
        receivers.add(receiver);
        return receiver;
    }

    private String sink(WebhookReceiver receiver, Map<String, String> extra) {
        return sink("it-webhook-" + UUID.randomUUID().toString().substring(0, 8), receiver, extra);
    }

    private String sink(String name, WebhookReceiver receiver, Map<String, String> extra) {
        Map<String, String> config = AuditSinks.fastRetries();
        config.put("url", receiver.url());
        config.put("secret", "${vault.audit-webhook}");
        config.put("timeout-ms", "2000");
        config.put("pause-after-failures", "1000");
        config.putAll(extra);
        String id = AuditSinks.create(demo, name, AuditSinks.WEBHOOK, config);
        sinks.add(id);
        return id;
    }

    private TestUsers.TestUser user() {
        TestUsers.TestUser user = TestUsers.create(demo.admin(), "audit", "acme.example");
        users.add(user.id());
        return user;
    }

    /** Logs the user in {@code count} times; returns the ids of the resulting login records, in order. */
    private List<String> logins(TestUsers.TestUser user, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RelyingParty.TokenResponse tokens = client.passwordGrant(user.username(), DemoRealm.PASSWORD, "openid");
            assertThat(tokens.status()).as("login while the sink misbehaves").isEqualTo(200);
            int seen = ids.size();
            JsonNode record = AuditSinks.awaitRecord(realmAdmin, start, e -> e.path("type").asText()
                    .endsWith("user.login") && e.path("subject").asText().equals(user.id())
                    && !ids.contains(e.path("id").asText()), WAIT);
            ids.add(record.path("id").asText());
            assertThat(ids).hasSize(seen + 1);
        }
        return ids;
    }

    private List<JsonNode> awaitAll(WebhookReceiver receiver, List<String> recordIds) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (String id : recordIds) {
            found.add(receiver.awaitEvent(e -> e.path("id").asText().equals(id), WAIT));
        }
        return found;
    }

    /** Gauges are refreshed every few seconds; counters move at once. */
    private void awaitMetric(String name, String tag, double expected) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        double value = ServerMetrics.sum(urls, name, tag);
        while (value != expected && System.nanoTime() < deadline) {
            Thread.sleep(250);
            value = ServerMetrics.sum(urls, name, tag);
        }
        assertThat(value).as("%s{%s}", name, tag).isEqualTo(expected);
    }

    private static void awaitAttempts(WebhookReceiver receiver, int attempts) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (receiver.deliveries().size() < attempts && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(receiver.deliveries().size()).isGreaterThanOrEqualTo(attempts);
    }

    private static List<String> ids(WebhookReceiver.Delivery delivery) {
        return delivery.events().stream().map(e -> e.path("id").asText()).toList();
    }

    /** First arrivals are in strictly increasing chain order; later copies are retransmissions. */
    private static void assertInSequenceOrder(List<JsonNode> events) {
        Set<String> seen = new LinkedHashSet<>();
        long last = 0;
        for (JsonNode event : events) {
            if (seen.add(event.path("id").asText())) {
                long seq = event.path("trustpackseq").asLong();
                assertThat(seq).as("sequence of %s", event.path("id").asText()).isGreaterThan(last);
                last = seq;
            }
        }
    }

    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }
}
