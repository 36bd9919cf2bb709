package dev.trustpack.it.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.HostedLogin;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.RelyingParty.AuthorizationRequest;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackAdminApi.Reply;
import dev.trustpack.it.support.TrustpackServerConfig;
import dev.trustpack.it.support.UpstreamProvider;
import dev.trustpack.it.support.pages.MfaSetupPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.WebDriver;

/**
 * Logins through an identity provider — here a second realm of the same Keycloak acting as any OIDC provider —
 * never run the browser flow's steps after the redirect: the demo realm's post-login flow
 * ({@code trustpack post broker login}) runs the tenant and MFA steps on the first and on every later broker login.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class MfaBrokerIT extends DirectGrantTest {

    @InjectWebDriver
    ManagedWebDriver browser;

    private UpstreamProvider upstream;
    private RelyingParty spa;
    private String realmPolicy;

    @BeforeEach
    void upstreamProvider() throws Exception {
        upstream = new UpstreamProvider(admin, demo.admin(), demo.getBaseUrl(), Map.of(), "trustpack post broker login");
        realmPolicy = realmAdmin.get("/policy").body();
        spa = RelyingParty.publicClient(demo.getBaseUrl(), DemoRealm.SPA_CLIENT);
        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
    }

    @AfterEach
    void removeUpstream() throws Exception {
        spa.close();
        realmAdmin.put("/policy", realmPolicy);
        upstream.remove();
    }

    @Test
    void theFirstBrokerLoginOfAUserWhoseRealmRequiresMfaAsksForASecondFactor() throws Exception {
        Reply floor = realmAdmin.put("/policy", "{\"mfa\": {\"require\": \"required\", \"graceDays\": 0}}");
        assertThat(floor.status()).as(floor.body()).isEqualTo(200);
        String upstreamUser = upstream.createUser();

        brokerLogin(upstreamUser, "openid");

        MfaSetupPage setup = new MfaSetupPage(driver());
        setup.assertCurrent();
        assertThat(setup.canPostpone()).isFalse();
        assertThat(spa.awaitCallback(Duration.ofSeconds(2))).as("no code without a factor").isNull();
    }

    @Test
    void aLaterBrokerLoginForATenantThatRequiresMfaAsksForASecondFactor() throws Exception {
        String upstreamUser = upstream.createUser();
        brokerLogin(upstreamUser, "openid");
        assertThat(spa.awaitCallback(Duration.ofSeconds(20))).as("first login, no MFA required").containsKey("code");
        String localId = TestUsers.id(demo.admin(), upstreamUser);
        Reply added = realmAdmin.put("/tenants/acme/members/" + localId, "{\"roles\": [\"Admin\"]}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);

        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
        HostedLogin.forgetSession(driver(), upstream.issuer());
        brokerLogin(upstreamUser, "openid organization:acme");

        MfaSetupPage setup = new MfaSetupPage(driver());
        setup.assertCurrent();
        assertThat(setup.notice()).contains("Acme Corp requires a second factor");
        assertThat(spa.awaitCallback(Duration.ofSeconds(2))).as("no silent login").isNull();
    }

    private void brokerLogin(String upstreamUser, String scope) {
        AuthorizationRequest request = spa.authorizationRequest(scope);
        driver().get(request.url() + "&kc_idp_hint=" + UpstreamProvider.ALIAS);
        HostedLogin.signIn(driver(), upstreamUser, UpstreamProvider.PASSWORD);
    }

    private WebDriver driver() {
        return browser.driver();
    }
}
