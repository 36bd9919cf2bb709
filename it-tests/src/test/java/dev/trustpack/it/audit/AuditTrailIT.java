package dev.trustpack.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.it.support.AuditSinks;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackAdminApi;
import dev.trustpack.it.support.TrustpackServerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * What goes into the audit trail: every login, success or failure, with realm, tenant, user, client and IP; nothing
 * for work that rolled back; Trustpack modules' own entries; all sealed into a chain that verifies.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class AuditTrailIT extends DirectGrantTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private Instant start;

    @BeforeEach
    void markStart() {
        start = Instant.now().minusSeconds(1);
    }

    @Test
    void aSuccessfulLoginIsRecordedWithRealmTenantUserClientAndIp() throws Exception {
        RelyingParty.TokenResponse tokens = client.passwordGrant(DemoRealm.ALICE, DemoRealm.PASSWORD, "openid");
        assertThat(tokens.status()).isEqualTo(200);
        String aliceId = TestUsers.id(demo.admin(), DemoRealm.ALICE);

        JsonNode event = awaitRecord(e -> type(e).equals("user.login") && aliceId.equals(e.path("subject").asText()));
        JsonNode data = event.path("data");

        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("source").asText()).isEqualTo("/realms/" + DemoRealm.NAME);
        assertThat(event.path("trustpackseq").asLong()).isPositive();
        assertThat(event.path("trustpacktenant").asText()).isEqualTo("acme");
        assertThat(data.path("realm").path("name").asText()).isEqualTo(DemoRealm.NAME);
        assertThat(data.path("realm").path("id").asText()).isEqualTo(demo.getId());
        assertThat(data.path("tenant").path("alias").asText()).isEqualTo("acme");
        assertThat(data.path("user").path("username").asText()).isEqualTo(DemoRealm.ALICE);
        assertThat(data.path("client").asText()).isEqualTo("it-direct-grant");
        assertThat(data.path("ip").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(data.path("outcome").asText()).isEqualTo("success");
        assertThat(data.path("details").path("grant_type").asText()).isEqualTo("password");
        assertThat(Instant.parse(data.path("time").asText())).isAfter(start);
    }

    @Test
    void aFailedLoginIsRecorded() throws Exception {
        RelyingParty.TokenResponse refused = client.passwordGrant(DemoRealm.BOB, "not-the-password-" + UUID.randomUUID(),
                "openid");
        assertThat(refused.status()).isEqualTo(400);
        String bobId = TestUsers.id(demo.admin(), DemoRealm.BOB);

        JsonNode data = awaitRecord(e -> type(e).equals("user.login_error") && bobId.equals(e.path("subject").asText()))
                .path("data");

        assertThat(data.path("outcome").asText()).isEqualTo("failure");
        assertThat(data.path("error").asText()).isEqualTo("invalid_user_credentials");
        assertThat(data.path("tenant").path("alias").asText()).isEqualTo("globex");
    }

    @Test
    void aUserInTwoTenantsIsRecordedUnderTheTenantOfTheLogin() throws Exception {
        assertThat(client.passwordGrant(DemoRealm.CAROL, DemoRealm.PASSWORD, "openid organization:globex").status())
                .isEqualTo(200);
        String carolId = TestUsers.id(demo.admin(), DemoRealm.CAROL);

        JsonNode event = awaitRecord(e -> type(e).equals("user.login") && carolId.equals(e.path("subject").asText()));

        assertThat(event.path("data").path("tenant").path("alias").asText()).isEqualTo("globex");
    }

    @Test
    void aRolledBackActionLeavesNoRecordButACommittedOneDoes() throws Exception {
        for (String kind : List.of("user-event", "admin-event", "recorder")) {
            String rolledBack = "rolled-back-" + UUID.randomUUID();
            String committed = "committed-" + UUID.randomUUID();

            assertThat(probe(kind, rolledBack, true).status()).as(kind).isEqualTo(500);
            assertThat(probe(kind, committed, false).status()).as(kind).isEqualTo(204);

            awaitRecord(e -> e.toString().contains(committed));
            // Records are sealed in the order they were created, so the rolled-back one, created first, would be
            // in the chain by now.
            assertThat(AuditSinks.exportJsonLines(realmAdmin, "?from=" + start)).as(kind)
                    .noneMatch(e -> e.toString().contains(rolledBack));
        }
    }

    @Test
    void aModuleEntryIsRecordedUnderTheTrustpackType() throws Exception {
        String marker = "entry-" + UUID.randomUUID();
        assertThat(probe("recorder", marker, false).status()).isEqualTo(204);

        JsonNode event = awaitRecord(e -> e.toString().contains(marker));

        assertThat(type(event)).isEqualTo("trustpack.it_probe");
        assertThat(event.path("data").path("details").path("marker").asText()).isEqualTo(marker);
        assertThat(event.path("data").path("kind").asText()).isEqualTo("trustpack");
    }

    @Test
    void theChainOfTheRealmVerifies() throws Exception {
        client.passwordGrant(DemoRealm.ALICE, DemoRealm.PASSWORD, "openid");
        awaitRecord(e -> type(e).equals("user.login"));

        TrustpackAdminApi.Reply verified = realmAdmin.get("/audit/verify");

        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().path("status").asText()).as(verified.body()).isEqualTo("ok");
        assertThat(verified.json().path("checked").asLong()).isPositive();
        assertThat(verified.json().path("realm").asText()).isEqualTo(DemoRealm.NAME);
    }

    private TrustpackAdminApi.Reply probe(String kind, String marker, boolean fail) throws Exception {
        return realmAdmin.post("/it-probes/" + kind + "?marker=" + marker + "&fail=" + fail, "application/json", "");
    }

    private JsonNode awaitRecord(java.util.function.Predicate<JsonNode> match) throws Exception {
        return AuditSinks.awaitRecord(realmAdmin, start, match, WAIT);
    }

    static String type(JsonNode event) {
        return event.path("type").asText().replaceFirst("^dev\\.trustpack\\.audit\\.", "");
    }
}
