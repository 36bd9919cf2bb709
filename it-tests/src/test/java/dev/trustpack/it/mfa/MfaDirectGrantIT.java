package dev.trustpack.it.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.it.support.AuditSinks;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.RelyingParty.TokenResponse;
import dev.trustpack.it.support.TestClients;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackAdminApi.Reply;
import dev.trustpack.it.support.TrustpackServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedClient;

/**
 * The password grant cannot show a grace notice or ask for a factor, so a user whose MFA policy requires one gets no
 * token from it, unless a realm admin marked the client as a legacy client exempt from MFA (audited at each use).
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class MfaDirectGrantIT extends DirectGrantTest {

    private static final Duration AUDIT_WAIT = Duration.ofSeconds(15);

    @InjectClient(ref = "strict-direct-grant", realmRef = "demo", config = TestClients.StrictDirectGrant.class)
    ManagedClient strictClient;

    private RelyingParty strict;
    private Instant start;

    @BeforeEach
    void startStrictClient() throws Exception {
        start = Instant.now().minusSeconds(1);
        strict = RelyingParty.confidentialClient(demo.getBaseUrl(), TestClients.StrictDirectGrant.CLIENT_ID,
                TestClients.StrictDirectGrant.SECRET);
    }

    @AfterEach
    void stopStrictClient() {
        strict.close();
    }

    @Test
    void anOwnerOfAcmeGetsNoTokenFromThePasswordGrantEvenInTheGracePeriod() throws Exception {
        TokenResponse refused = strict.passwordGrant(DemoRealm.ALICE, DemoRealm.PASSWORD, "openid");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_grant");
        assertThat(refused.errorDescription()).contains("Multi-factor authentication is required");
        assertThat(refused.body()).doesNotContainKeys("access_token", "refresh_token", "id_token");
    }

    @Test
    void aViewerOfAcmeStillGetsTokensThatSayOneFactor() throws Exception {
        TokenResponse tokens = strict.passwordGrant(DemoRealm.CAROL, DemoRealm.PASSWORD, "openid organization:acme");

        assertThat(tokens.status()).as(tokens.body().toString()).isEqualTo(200);
        Map<String, Object> access = RelyingParty.unverifiedClaims(tokens.accessToken());
        assertThat(access.get("acr")).isEqualTo("pwd");
        assertThat(access.get("amr")).isEqualTo(List.of("pwd"));
    }

    @Test
    void aLegacyClientExemptFromMfaGetsTokensAndEachUseIsAudited() throws Exception {
        TokenResponse tokens = client.passwordGrant(DemoRealm.ALICE, DemoRealm.PASSWORD, "openid");
        assertThat(tokens.status()).as(tokens.body().toString()).isEqualTo(200);
        String aliceId = TestUsers.id(demo.admin(), DemoRealm.ALICE);

        JsonNode record = AuditSinks.awaitRecord(realmAdmin, start,
                e -> e.path("type").asText().endsWith(".trustpack.mfa_exemption_used")
                        && aliceId.equals(e.path("subject").asText()), AUDIT_WAIT);
        assertThat(record.path("data").path("client").asText()).isEqualTo(TestClients.DirectGrant.CLIENT_ID);
        assertThat(record.path("trustpacktenant").asText()).isEqualTo("acme");
    }

    @Test
    void theEffectivePolicyShowsWhereEachMfaValueCameFromAndTheLegacyExemptions() throws Exception {
        String aliceId = TestUsers.id(demo.admin(), DemoRealm.ALICE);

        Reply reply = realmAdmin.get("/tenants/acme/members/" + aliceId + "/policy");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode mfa = reply.json().at("/policy/mfa");
        assertThat(mfa.at("/require/value").asText()).isEqualTo("required");
        assertThat(mfa.at("/require/source").asText()).isEqualTo("tenant-role");
        assertThat(mfa.at("/require/role").asText()).isEqualTo("Owner");
        assertThat(mfa.at("/graceDays/value").asInt()).isEqualTo(7);
        assertThat(mfa.at("/graceDays/source").asText()).isEqualTo("tenant");
        assertThat(mfa.at("/factors/value").toString()).isEqualTo("[\"totp\",\"webauthn\",\"passkey\"]");
        assertThat(mfa.at("/phishingResistant/value").asBoolean()).isFalse();
        assertThat(reply.json().at("/exemptions/mfa").toString())
                .contains("Client '" + TestClients.DirectGrant.CLIENT_ID + "' is a legacy client exempt from MFA")
                .doesNotContain(TestClients.StrictDirectGrant.CLIENT_ID);
    }

    @Test
    void aTenantAdminCannotLoosenTheRoleSectionThatRequiresMfa() throws Exception {
        Reply loosened = apiAs(DemoRealm.ALICE, "openid").put("/tenants/acme/policy",
                "{\"mfa\": {\"graceDays\": 7}, \"roles\": {\"Owner\": {\"mfa\": {\"require\": \"off\"}}}}");

        assertThat(loosened.status()).as(loosened.body()).isEqualTo(403);
        assertThat(loosened.body()).contains("roles.Owner.mfa.require");
    }
}
