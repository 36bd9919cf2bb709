package dev.trustpack.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.it.support.AuditSinks;
import dev.trustpack.it.support.TestVault;
import dev.trustpack.it.support.TrustpackAdminApi;
import dev.trustpack.it.support.TrustpackServerConfig;
import dev.trustpack.it.support.WebhookReceiver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.server.KeycloakUrls;

/**
 * The hash chain catches what someone with database access could do to stored records: edit one, delete one from the
 * middle or the end, re-hash one, move one to another tenant. Retention purges old, delivered records and the chain
 * still verifies from the purge point. Each test gets a realm (and so a chain) of its own, since tampering is final.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class AuditChainIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A realm whose events go into the audit trail. */
    public static final class AuditedRealm implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder realm) {
            // The framework gives every test's realm the same id ("default"): each starts a trail of its own while
            // the previous, tampered one is kept apart as a deleted realm's trail.
            return realm.eventsEnabled(true).eventsListeners("trustpack-audit");
        }
    }

    @InjectRealm(config = AuditedRealm.class, lifecycle = LifeCycle.METHOD)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    private TrustpackAdminApi api;

    @BeforeEach
    void api() {
        api = new TrustpackAdminApi(urls.getBase(), realm.getName(), admin.tokenManager()::getAccessTokenString);
    }

    @Test
    void anUntouchedChainVerifies() throws Exception {
        long head = records(5);

        JsonNode verified = verify();

        assertThat(verified.path("status").asText()).isEqualTo("ok");
        assertThat(verified.path("lastSeq").asLong()).isEqualTo(head);
        assertThat(verified.path("checked").asLong()).isEqualTo(head);
        assertThat(verified.path("firstSeq").asLong()).isEqualTo(1);
    }

    @Test
    void anEditedRecordBreaksTheChainAtThatRecord() throws Exception {
        long target = records(5) - 2;

        tamper(target, "payload");

        assertBroken(target, "hash_mismatch");
    }

    @Test
    void aRecordDeletedFromTheMiddleIsAGap() throws Exception {
        long target = records(5) - 2;

        tamper(target, "delete");

        JsonNode problem = assertBroken(target, "missing");
        assertThat(problem.path("message").asText()).contains("record " + target + " missing");
    }

    @Test
    void aRecordDeletedFromTheEndIsMissingToo() throws Exception {
        long head = records(4);

        tamper(head, "delete");

        assertBroken(head, "missing");
    }

    @Test
    void aRecordWithAForgedHashBreaksTheChain() throws Exception {
        long target = records(5) - 1;

        tamper(target, "relink");

        assertBroken(target, "hash_mismatch");
    }

    @Test
    void aRecordMovedToAnotherTenantIsCaught() throws Exception {
        long target = records(3);

        tamper(target, "tenant");

        assertBroken(target, "column_mismatch");
    }

    @Test
    void retentionPurgesOldRecordsAndTheRestStillVerifies() throws Exception {
        long head = records(6);
        long old = head - 3;
        tamper(old, "backdate", 400);

        TrustpackAdminApi.Reply purged = api.post("/audit/purge", "application/json", "");

        assertThat(purged.status()).isEqualTo(200);
        assertThat(purged.json().path("purgedThroughSeq").asLong()).isEqualTo(old);
        JsonNode verified = verify();
        assertThat(verified.path("status").asText()).as(verified.toString()).isEqualTo("ok");
        assertThat(verified.path("firstSeq").asLong()).isEqualTo(old + 1);
        assertThat(AuditSinks.exportJsonLines(api, "")).extracting(e -> e.path("trustpackseq").asLong())
                .allMatch(seq -> seq > old);
    }

    @Test
    void aSinkThatHasNotTakenRecordsHoldsBackThePurge() throws Exception {
        String secret = "whsec_" + Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes());
        TestVault.put(realm.getName(), "chain-webhook", secret);
        try (WebhookReceiver receiver = WebhookReceiver.https(secret)) {
            receiver.stop();
            Map<String, String> config = AuditSinks.fastRetries();
            config.put("url", receiver.url());
            config.put("secret", "${vault.chain-webhook}");
            String sinkId = AuditSinks.create(realm, "it-lagging", AuditSinks.WEBHOOK, config);
            long cursor = AuditSinks.status(api, sinkId).path("cursorSeq").asLong();
            long head = records(3);
            tamper(head, "backdate", 400);

            TrustpackAdminApi.Reply purged = api.post("/audit/purge", "application/json", "");

            assertThat(head).isGreaterThan(cursor);
            assertThat(purged.json().path("purgedThroughSeq").asLong()).isEqualTo(cursor);
            assertThat(AuditSinks.exportJsonLines(api, "")).extracting(e -> e.path("trustpackseq").asLong())
                    .contains(head);
            AuditSinks.remove(realm, sinkId);
        }
    }

    /** Adds records through the AuditRecorder API and returns the chain head once they are all sealed. */
    private long records(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            TrustpackAdminApi.Reply reply = api.post("/it-probes/recorder?marker=chain-" + UUID.randomUUID()
                    + "&fail=false", "application/json", "");
            assertThat(reply.status()).isEqualTo(204);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode verified = verify();
        while (verified.path("unsealed").asLong() > 0 || verified.path("lastSeq").asLong() < count) {
            assertThat(System.nanoTime()).as("records sealed in time").isLessThan(deadline);
            Thread.sleep(100);
            verified = verify();
        }
        return verified.path("lastSeq").asLong();
    }

    private void tamper(long seq, String change) throws Exception {
        tamper(seq, change, 0);
    }

    private void tamper(long seq, String change, int days) throws Exception {
        TrustpackAdminApi.Reply reply = api.post("/it-probes/tamper?seq=" + seq + "&change=" + change + "&days=" + days,
                "application/json", "");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("changed").asInt()).isPositive();
    }

    private JsonNode verify() throws Exception {
        TrustpackAdminApi.Reply reply = api.get("/audit/verify");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private JsonNode assertBroken(long seq, String kind) throws Exception {
        JsonNode verified = verify();
        assertThat(verified.path("status").asText()).as(verified.toString()).isEqualTo("broken");
        JsonNode problem = verified.path("problem");
        assertThat(problem.path("seq").asLong()).as(verified.toString()).isEqualTo(seq);
        assertThat(problem.path("kind").asText()).as(verified.toString()).isEqualTo(kind);
        return problem;
    }
}
