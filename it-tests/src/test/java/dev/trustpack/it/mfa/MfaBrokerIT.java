package dev.trustpack.it.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.HostedLogin;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.RelyingParty.AuthorizationRequest;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackAdminApi.Reply;
import dev.trustpack.it.support.TrustpackServerConfig;
import dev.trustpack.it.support.pages.MfaSetupPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
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

    private static final String UPSTREAM = "it-upstream";
    private static final String IDP_ALIAS = "upstream";
    private static final String BROKER_CLIENT = "trustpack-demo-broker";
    private static final String BROKER_SECRET = UUID.randomUUID().toString();
    private static final String UPSTREAM_PASSWORD = "upstream-" + UUID.randomUUID();

    @InjectWebDriver
    ManagedWebDriver browser;

    private RelyingParty spa;
    private String realmPolicy;

    @BeforeEach
    void upstreamProvider() throws Exception {
        RealmRepresentation upstream = new RealmRepresentation();
        upstream.setRealm(UPSTREAM);
        upstream.setEnabled(true);
        ClientRepresentation broker = new ClientRepresentation();
        broker.setClientId(BROKER_CLIENT);
        broker.setSecret(BROKER_SECRET);
        broker.setPublicClient(false);
        broker.setRedirectUris(List.of(demo.getBaseUrl() + "/broker/" + IDP_ALIAS + "/endpoint"));
        upstream.setClients(List.of(broker));
        admin.realms().create(upstream);

        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(IDP_ALIAS);
        idp.setProviderId("oidc");
        idp.setEnabled(true);
        idp.setPostBrokerLoginFlowAlias("trustpack post broker login");
        String issuer = demo.getBaseUrl().replace("/realms/" + DemoRealm.NAME, "/realms/" + UPSTREAM);
        Map<String, String> config = new HashMap<>();
        config.put("clientId", BROKER_CLIENT);
        config.put("clientSecret", BROKER_SECRET);
        config.put("clientAuthMethod", "client_secret_post");
        config.put("issuer", issuer);
        config.put("authorizationUrl", issuer + "/protocol/openid-connect/auth");
        config.put("tokenUrl", issuer + "/protocol/openid-connect/token");
        config.put("jwksUrl", issuer + "/protocol/openid-connect/certs");
        config.put("useJwksUrl", "true");
        config.put("validateSignature", "true");
        config.put("defaultScope", "openid profile email");
        config.put("syncMode", "IMPORT");
        idp.setConfig(config);
        demo.admin().identityProviders().create(idp).close();

        realmPolicy = realmAdmin.get("/policy").body();
        spa = RelyingParty.publicClient(demo.getBaseUrl(), DemoRealm.SPA_CLIENT);
        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
    }

    @AfterEach
    void removeUpstream() throws Exception {
        spa.close();
        realmAdmin.put("/policy", realmPolicy);
        demo.admin().identityProviders().get(IDP_ALIAS).remove();
        admin.realm(UPSTREAM).remove();
        demo.admin().users().search("upstream-", 0, 100).forEach(u -> demo.admin().users().delete(u.getId()).close());
    }

    @Test
    void theFirstBrokerLoginOfAUserWhoseRealmRequiresMfaAsksForASecondFactor() throws Exception {
        Reply floor = realmAdmin.put("/policy", "{\"mfa\": {\"require\": \"required\", \"graceDays\": 0}}");
        assertThat(floor.status()).as(floor.body()).isEqualTo(200);
        String upstreamUser = upstreamUser();

        brokerLogin(upstreamUser, "openid");

        MfaSetupPage setup = new MfaSetupPage(driver());
        setup.assertCurrent();
        assertThat(setup.canPostpone()).isFalse();
        assertThat(spa.awaitCallback(Duration.ofSeconds(2))).as("no code without a factor").isNull();
    }

    @Test
    void aLaterBrokerLoginForATenantThatRequiresMfaAsksForASecondFactor() throws Exception {
        String upstreamUser = upstreamUser();
        brokerLogin(upstreamUser, "openid");
        assertThat(spa.awaitCallback(Duration.ofSeconds(20))).as("first login, no MFA required").containsKey("code");
        String localId = TestUsers.id(demo.admin(), upstreamUser);
        Reply added = realmAdmin.put("/tenants/acme/members/" + localId, "{\"roles\": [\"Admin\"]}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);

        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
        forgetUpstreamSession();
        brokerLogin(upstreamUser, "openid organization:acme");

        MfaSetupPage setup = new MfaSetupPage(driver());
        setup.assertCurrent();
        assertThat(setup.notice()).contains("Acme Corp requires a second factor");
        assertThat(spa.awaitCallback(Duration.ofSeconds(2))).as("no silent login").isNull();
    }

    private void brokerLogin(String upstreamUser, String scope) {
        AuthorizationRequest request = spa.authorizationRequest(scope);
        driver().get(request.url() + "&kc_idp_hint=" + IDP_ALIAS);
        HostedLogin.signIn(driver(), upstreamUser, UPSTREAM_PASSWORD);
    }

    private void forgetUpstreamSession() {
        driver().get(demo.getBaseUrl().replace("/realms/" + DemoRealm.NAME, "/realms/" + UPSTREAM) + "/");
        driver().manage().deleteAllCookies();
    }

    private String upstreamUser() {
        String username = "upstream-" + UUID.randomUUID().toString().substring(0, 8);
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@upstream.example");
        user.setEmailVerified(true);
        user.setFirstName("Upstream");
        user.setLastName("User");
        user.setEnabled(true);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(UPSTREAM_PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        admin.realm(UPSTREAM).users().create(user).close();
        return username;
    }

    private WebDriver driver() {
        return browser.driver();
    }
}
