package dev.trustpack.it.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.HostedLogin;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.RelyingParty.TokenResponse;
import dev.trustpack.it.support.TestClients;
import dev.trustpack.it.support.TestTenants;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.Totp;
import dev.trustpack.it.support.TrustpackAdminApi.Reply;
import dev.trustpack.it.support.TrustpackServerConfig;
import dev.trustpack.it.support.pages.ConsentPage;
import dev.trustpack.it.support.pages.MfaSetupPage;
import dev.trustpack.it.support.pages.RecoveryCodesSetupPage;
import dev.trustpack.it.support.pages.TotpSetupPage;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.testframework.annotations.InjectClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ClientBuilder;
import org.keycloak.testframework.realm.ClientConfig;
import org.keycloak.testframework.realm.ManagedClient;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.WebDriver;

/**
 * The token endpoint's backstop (client-policy executor {@code trustpack-mfa-token-guard}, on for every client of
 * the demo realm): paths that never run the browser flow's MFA step cannot mint a token for a session that has not
 * met its user's MFA policy.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class MfaTokenGuardIT extends DirectGrantTest {

    private static final String GUARD_REFUSAL = "Multi-factor authentication is required";

    @InjectClient(ref = "strict-direct-grant", realmRef = "demo", config = TestClients.StrictDirectGrant.class)
    ManagedClient strictClient;

    @InjectClient(ref = "exempt-for-backend", realmRef = "demo", config = ExemptForBackend.class)
    ManagedClient exemptForBackend;

    @InjectClient(ref = "device", realmRef = "demo", config = Device.class)
    ManagedClient deviceClient;

    @InjectWebDriver
    ManagedWebDriver browser;

    private final List<String> users = new ArrayList<>();
    private TestTenants tenants;

    @BeforeEach
    void tenants() {
        tenants = new TestTenants(demo.admin());
    }

    @AfterEach
    void cleanUp() {
        users.forEach(id -> demo.admin().users().delete(id).close());
        tenants.removeAll();
    }

    @Test
    void aTokenExchangeCannotTurnALegacyClientsSessionWithoutMfaIntoAnotherClientsToken() throws Exception {
        try (RelyingParty legacy = RelyingParty.confidentialClient(demo.getBaseUrl(), ExemptForBackend.CLIENT_ID,
                ExemptForBackend.SECRET); BackendExchange backend = new BackendExchange()) {
            TokenResponse alice = legacy.passwordGrant(DemoRealm.ALICE, DemoRealm.PASSWORD, "openid");
            assertThat(alice.status()).as("the exemption lets the legacy client in: %s", alice.body()).isEqualTo(200);

            TokenResponse exchanged = backend.rp.exchange(alice.accessToken(), "openid");

            assertThat(exchanged.status()).as("%s", exchanged.body()).isEqualTo(400);
            assertThat(exchanged.error()).isEqualTo("invalid_grant");
            assertThat(exchanged.errorDescription()).contains(GUARD_REFUSAL);

            // Control: a session of a user whose policy needs no MFA exchanges as before.
            TokenResponse carol = legacy.passwordGrant(DemoRealm.CAROL, DemoRealm.PASSWORD, "openid organization:acme");
            assertThat(backend.rp.exchange(carol.accessToken(), "openid").status()).isEqualTo(200);
        }
    }

    @Test
    void aRefreshAfterTheTenantStartedRequiringMfaIsRefused() throws Exception {
        String alias = tenants.create("guard", Map.of("trustpack.policy.mfa.require", "off"));
        TestUsers.TestUser user = member(alias);
        try (RelyingParty strict = RelyingParty.confidentialClient(demo.getBaseUrl(),
                TestClients.StrictDirectGrant.CLIENT_ID, TestClients.StrictDirectGrant.SECRET)) {
            TokenResponse tokens = strict.passwordGrant(user.username(), DemoRealm.PASSWORD, "openid organization:" + alias);
            assertThat(tokens.status()).as("%s", tokens.body()).isEqualTo(200);
            assertThat(strict.refresh(tokens.refreshToken()).status()).as("refresh before the change").isEqualTo(200);

            Reply tightened = realmAdmin.put("/tenants/" + alias + "/policy", "{\"mfa\": {\"require\": \"required\"}}");
            assertThat(tightened.status()).as(tightened.body()).isEqualTo(200);
            TokenResponse refreshed = strict.refresh(tokens.refreshToken());

            assertThat(refreshed.status()).isEqualTo(400);
            assertThat(refreshed.error()).isEqualTo("invalid_grant");
            assertThat(refreshed.errorDescription()).contains(GUARD_REFUSAL);
        }
    }

    @Test
    void aClientWhoseBrowserFlowOverrideSkipsTheMfaStepGetsNoToken() throws Exception {
        String alias = tenants.create("guard", Map.of("trustpack.policy.mfa.require", "required"));
        TestUsers.TestUser user = member(alias);
        String flowId = flowWithoutMfa();
        ClientRepresentation spa = demo.admin().clients().findByClientId(DemoRealm.SPA_CLIENT).get(0);
        spa.setAuthenticationFlowBindingOverrides(Map.of("browser", flowId));
        demo.admin().clients().get(spa.getId()).update(spa);
        try (RelyingParty app = RelyingParty.publicClient(demo.getBaseUrl(), DemoRealm.SPA_CLIENT)) {
            HostedLogin.forgetSession(browser.driver(), demo.getBaseUrl());
            RelyingParty.AuthorizationRequest request = app.authorizationRequest("openid organization:" + alias);
            browser.driver().get(request.url());
            HostedLogin.signIn(browser.driver(), user.username(), DemoRealm.PASSWORD);
            Map<String, String> callback = app.awaitCallback(Duration.ofSeconds(20));
            assertThat(callback).as("the override flow completes without MFA").isNotNull().containsKey("code");

            TokenResponse tokens = app.exchangeCode(callback.get("code"), request.codeVerifier());

            assertThat(tokens.status()).as("%s", tokens.body()).isEqualTo(400);
            assertThat(tokens.error()).isEqualTo("invalid_grant");
            assertThat(tokens.errorDescription()).contains(GUARD_REFUSAL);
        } finally {
            // Keycloak removes an override whose value is empty.
            spa.setAuthenticationFlowBindingOverrides(Map.of("browser", ""));
            demo.admin().clients().get(spa.getId()).update(spa);
            demo.admin().flows().deleteFlow(flowId);
        }
    }

    @Test
    void theDeviceGrantRunsTheMfaStepAndIssuesNoTokenUntilItIsMet() throws Exception {
        String alias = tenants.create("guard", Map.of("trustpack.policy.mfa.require", "required", "trustpack.policy.mfa.graceDays", "0"));
        TestUsers.TestUser user = member(alias);
        try (RelyingParty device = RelyingParty.publicClient(demo.getBaseUrl(), Device.CLIENT_ID)) {
            TokenResponse authorization = device.deviceAuthorization("openid organization:" + alias);
            assertThat(authorization.status()).as("%s", authorization.body()).isEqualTo(200);
            String deviceCode = String.valueOf(authorization.body().get("device_code"));

            WebDriver page = browser.driver();
            HostedLogin.forgetSession(page, demo.getBaseUrl());
            page.get(String.valueOf(authorization.body().get("verification_uri_complete")));
            HostedLogin.signIn(page, user.username(), DemoRealm.PASSWORD);
            MfaSetupPage setup = new MfaSetupPage(page);
            setup.assertCurrent();
            assertThat(setup.canPostpone()).isFalse();
            TokenResponse pending = device.deviceToken(deviceCode);
            assertThat(pending.error()).as("no token while the factor is missing").isEqualTo("authorization_pending");

            setup.setUp("totp");
            TotpSetupPage totpSetup = new TotpSetupPage(page);
            totpSetup.assertCurrent();
            Totp totp = Totp.fromShownKey(totpSetup.shownSecret());
            totpSetup.submit(totp.freshCode(5), "tv");
            new RecoveryCodesSetupPage(page).confirmSavedWhenShown();
            ConsentPage consent = new ConsentPage(page);
            consent.assertCurrent();
            consent.accept();

            TokenResponse tokens = awaitDeviceToken(device, deviceCode);
            Map<String, Object> access = RelyingParty.unverifiedClaims(tokens.accessToken());
            assertThat(access.get("acr")).isEqualTo("mfa");
            assertThat(access.get("amr")).isEqualTo(List.of("pwd", "otp", "mfa"));
        }
    }

    private static TokenResponse awaitDeviceToken(RelyingParty device, String deviceCode) throws Exception {
        // Keycloak's polling interval is 5 s; polling faster is answered with slow_down.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        TokenResponse response;
        do {
            Thread.sleep(5_500);
            response = device.deviceToken(deviceCode);
        } while (response.status() != 200 && System.nanoTime() < deadline);
        assertThat(response.status()).as("%s", response.body()).isEqualTo(200);
        return response;
    }

    /** A browser flow an admin might bind to one client: username and password, nothing else. */
    private String flowWithoutMfa() {
        String alias = "it-no-mfa-" + UUID.randomUUID().toString().substring(0, 8);
        AuthenticationFlowRepresentation flow = new AuthenticationFlowRepresentation();
        flow.setAlias(alias);
        flow.setProviderId("basic-flow");
        flow.setTopLevel(true);
        flow.setBuiltIn(false);
        try (Response created = demo.admin().flows().createFlow(flow)) {
            assertThat(created.getStatus()).isEqualTo(201);
        }
        demo.admin().flows().addExecution(alias, Map.of("provider", "auth-username-password-form"));
        AuthenticationExecutionInfoRepresentation execution = demo.admin().flows().getExecutions(alias).get(0);
        execution.setRequirement("REQUIRED");
        demo.admin().flows().updateExecutions(alias, execution);
        return demo.admin().flows().getFlows().stream().filter(f -> alias.equals(f.getAlias())).findFirst()
                .orElseThrow().getId();
    }

    private TestUsers.TestUser member(String tenant) throws Exception {
        TestUsers.TestUser user = TestUsers.create(demo.admin(), "guard", "example.org");
        users.add(user.id());
        Reply added = realmAdmin.put("/tenants/" + tenant + "/members/" + user.id(), "{}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return user;
    }

    /** The demo backend, allowed standard token exchange for the duration of one test. */
    private final class BackendExchange implements AutoCloseable {

        final RelyingParty rp;
        private final ClientRepresentation backend;
        private final String previous;

        BackendExchange() throws Exception {
            backend = demo.admin().clients().findByClientId(DemoRealm.BACKEND_CLIENT).get(0);
            previous = backend.getAttributes().get("standard.token.exchange.enabled");
            backend.getAttributes().put("standard.token.exchange.enabled", "true");
            demo.admin().clients().get(backend.getId()).update(backend);
            rp = RelyingParty.confidentialClient(demo.getBaseUrl(), DemoRealm.BACKEND_CLIENT, DemoRealm.BACKEND_SECRET);
        }

        @Override
        public void close() {
            rp.close();
            backend.getAttributes().remove("standard.token.exchange.enabled");
            if (previous != null) {
                backend.getAttributes().put("standard.token.exchange.enabled", previous);
            }
            demo.admin().clients().get(backend.getId()).update(backend);
        }
    }

    /** A legacy password-grant client marked exempt from MFA whose tokens are meant for the demo backend. */
    public static final class ExemptForBackend implements ClientConfig {

        static final String CLIENT_ID = "it-legacy-for-backend";
        static final String SECRET = UUID.randomUUID().toString();

        @Override
        public ClientBuilder configure(ClientBuilder client) {
            ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
            audience.setName("audience: trustpack-backend");
            audience.setProtocol("openid-connect");
            audience.setProtocolMapper("oidc-audience-mapper");
            audience.setConfig(Map.of("included.client.audience", DemoRealm.BACKEND_CLIENT, "access.token.claim", "true"));
            return TestClients.passwordGrant(client, CLIENT_ID, SECRET).attribute(TestClients.MFA_LEGACY_EXEMPT, "true")
                    .protocolMappers(TestClients.tenantClaims(), audience);
        }
    }

    /** A TV app: public client with the device authorization grant. */
    public static final class Device implements ClientConfig {

        static final String CLIENT_ID = "it-device";

        @Override
        public ClientBuilder configure(ClientBuilder client) {
            return client.clientId(CLIENT_ID).publicClient(true)
                    .attribute("oauth2.device.authorization.grant.enabled", "true")
                    .protocolMappers(TestClients.tenantClaims(), TestClients.mfaClaims());
        }
    }
}
