package dev.trustpack.it.tenancy;

import static dev.trustpack.it.tenancy.TenantTokensIT.assertTenant;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.HostedLogin;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.RelyingParty.AuthorizationRequest;
import dev.trustpack.it.support.RelyingParty.TokenResponse;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackAdminApi;
import dev.trustpack.it.support.TrustpackServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/** Revocation is immediate: a revoked role is gone from the next refresh; a removed membership ends its sessions. */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class TenantRevocationIT extends DirectGrantTest {

    @InjectWebDriver
    ManagedWebDriver browser;

    private String daveId;
    private String daveUsername;

    @BeforeEach
    void createDave() throws Exception {
        createDaveInBothTenants();
    }

    @AfterEach
    void deleteDave() {
        demo.admin().users().delete(daveId).close();
    }

    @Test
    void aRevokedRoleIsGoneFromTheNextRefreshedToken() throws Exception {
        TokenResponse tokens = client.passwordGrant(daveUsername, DemoRealm.PASSWORD, "openid organization:acme");
        assertTenant(claims(tokens.accessToken()), "acme", "Acme Corp", List.of("Viewer"));

        assertThat(realmAdmin.put("/tenants/acme/members/" + daveId + "/roles/Manager", null).status()).isEqualTo(204);
        TokenResponse granted = client.refresh(tokens.refreshToken());
        assertTenant(claims(granted.accessToken()), "acme", "Acme Corp", List.of("Manager", "Viewer"));

        assertThat(realmAdmin.delete("/tenants/acme/members/" + daveId + "/roles/Manager").status()).isEqualTo(204);
        TokenResponse revoked = client.refresh(granted.refreshToken());
        assertThat(revoked.status()).isEqualTo(200);
        assertTenant(claims(revoked.accessToken()), "acme", "Acme Corp", List.of("Viewer"));
    }

    @Test
    void removingAMembershipEndsTheSessionsUsedForThatTenantOnly() throws Exception {
        TokenResponse acmeSession = client.passwordGrant(daveUsername, DemoRealm.PASSWORD, "openid organization:acme");
        TokenResponse globexSession = client.passwordGrant(daveUsername, DemoRealm.PASSWORD, "openid organization:globex");
        assertThat(acmeSession.status()).isEqualTo(200);
        assertThat(globexSession.status()).isEqualTo(200);

        assertThat(realmAdmin.delete("/tenants/acme/members/" + daveId).status()).isEqualTo(204);

        TokenResponse acmeRefresh = client.refresh(acmeSession.refreshToken());
        assertThat(acmeRefresh.status()).as("acme session ended").isEqualTo(400);
        assertThat(acmeRefresh.error()).isEqualTo("invalid_grant");
        TokenResponse globexRefresh = client.refresh(globexSession.refreshToken());
        assertThat(globexRefresh.status()).as("globex session untouched").isEqualTo(200);
        assertTenant(claims(globexRefresh.accessToken()), "globex", "Globex Corporation", List.of("Viewer"));

        // Re-adding the user does not bring the old roles back.
        assertThat(realmAdmin.put("/tenants/acme/members/" + daveId, null).status()).isEqualTo(201);
        assertThat(realmAdmin.get("/tenants/acme/members/" + daveId + "/roles").body()).isEqualTo("[]");
    }

    @Test
    void removalThroughKeycloaksOwnAdminApiEndsTheTenantsSessionsToo() throws Exception {
        TokenResponse acmeSession = client.passwordGrant(daveUsername, DemoRealm.PASSWORD, "openid organization:acme");
        assertThat(acmeSession.status()).isEqualTo(200);

        String acmeId = organizationId("acme");
        demo.admin().organizations().get(acmeId).members().member(daveId).delete().close();

        assertThat(client.refresh(acmeSession.refreshToken()).status()).isEqualTo(400);
        assertThat(realmAdmin.get("/tenants/acme/members/" + daveId).status()).isEqualTo(404);
    }

    @Test
    void afterRemovalTheSsoCookieNoLongerSignsTheUserIn() throws Exception {
        RelyingParty spa = RelyingParty.publicClient(demo.getBaseUrl(), DemoRealm.SPA_CLIENT);
        try {
            HostedLogin.forgetSession(browser.driver(), demo.getBaseUrl());
            AuthorizationRequest first = spa.authorizationRequest("openid organization:acme");
            browser.driver().get(first.url());
            HostedLogin.signIn(browser.driver(), daveUsername, DemoRealm.PASSWORD);
            assertThat(spa.awaitCallback(Duration.ofSeconds(20))).isNotNull().containsKey("code");

            assertThat(realmAdmin.delete("/tenants/acme/members/" + daveId).status()).isEqualTo(204);

            // The same browser asks again (for globex, still a membership): the SSO session is gone, so the login
            // page shows instead of a silent redirect.
            browser.driver().get(spa.authorizationRequest("openid organization:globex").url());
            HostedLogin.waitFor(browser.driver(), By.id("username"));
            assertThat(spa.awaitCallback(Duration.ofSeconds(2))).as("no silent SSO login").isNull();
        } finally {
            spa.close();
        }
    }

    private void createDaveInBothTenants() throws Exception {
        TestUsers.TestUser dave = TestUsers.create(demo.admin(), "dave", "acme.example");
        daveId = dave.id();
        daveUsername = dave.username();
        for (String tenant : List.of("acme", "globex")) {
            TrustpackAdminApi.Reply added = realmAdmin.put("/tenants/" + tenant + "/members/" + daveId,
                    "{\"roles\": [\"Viewer\"]}");
            assertThat(added.status()).as(added.body()).isEqualTo(201);
        }
    }

    private String organizationId(String alias) {
        return demo.admin().organizations().getAll().stream().filter(o -> alias.equals(o.getAlias()))
                .map(OrganizationRepresentation::getId).findFirst().orElseThrow();
    }

    private static Map<String, Object> claims(String jwt) {
        return RelyingParty.unverifiedClaims(jwt);
    }
}
