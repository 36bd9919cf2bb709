package dev.trustpack.it.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.trustpack.common.audit.SessionEndedAudit;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.HostedLogin;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.RelyingParty.AuthorizationRequest;
import dev.trustpack.it.support.RelyingParty.TokenResponse;
import dev.trustpack.it.support.TestClients;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ClientBuilder;
import org.keycloak.testframework.realm.ClientConfig;
import org.keycloak.testframework.realm.ManagedClient;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The tenant's session limits end the SSO session itself, wherever it is used next: refresh, userinfo, introspection,
 * cookie SSO in a real browser. Keycloak's clock is moved forward (its test-only clock) instead of waiting; admin
 * calls wait until it is back, since the admin's own short-lived token would look expired on the moved clock.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class SessionTimeoutIT extends SessionTest {

    private static final Duration REDIRECT_WAIT = Duration.ofSeconds(20);

    @InjectWebDriver
    ManagedWebDriver browser;

    @InjectClient(ref = "resource-server", realmRef = "demo", config = ResourceServer.class)
    ManagedClient resourceServer;

    /** A resource server that gets its own tokens (it is their audience) and introspects them. */
    public static final class ResourceServer implements ClientConfig {

        static final String CLIENT_ID = "it-sessions-resource-server";
        static final String SECRET = UUID.randomUUID().toString();

        @Override
        public ClientBuilder configure(ClientBuilder client) {
            ProtocolMapperRepresentation audience = new ProtocolMapperRepresentation();
            audience.setName("audience: itself");
            audience.setProtocol("openid-connect");
            audience.setProtocolMapper("oidc-audience-mapper");
            audience.setConfig(Map.of("included.client.audience", CLIENT_ID, "access.token.claim", "true",
                    "introspection.token.claim", "true"));
            return TestClients.passwordGrant(client, CLIENT_ID, SECRET).attribute(TestClients.MFA_LEGACY_EXEMPT, "true")
                    .protocolMappers(TestClients.tenantClaims(), audience);
        }
    }

    private RelyingParty spa;

    @BeforeEach
    void spaAndFreshBrowser() throws Exception {
        spa = RelyingParty.publicClient(demo.getBaseUrl(), DemoRealm.SPA_CLIENT);
        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
    }

    @AfterEach
    void closeSpa() {
        spa.close();
    }

    @Test
    void aRefreshAfterTheTenantsIdleLimitFailsAndTheSsoSessionIsGone() throws Exception {
        String tenant = tenantWith("{\"sessions\": {\"idleMinutes\": 5}}");
        TestUsers.TestUser user = member(tenant, "Viewer");
        TokenResponse tokens = signIn(user, tenant);

        clock.advance(Duration.ofMinutes(4));
        TokenResponse kept = client.refresh(tokens.refreshToken());
        assertThat(kept.status()).as("used within the limit: " + kept.body()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(4 + 6));
        TokenResponse refused = client.refresh(kept.refreshToken());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_grant");
        clock.reset(); // admin calls below: the admin's own token would look expired on the moved clock
        assertThat(demo.admin().users().get(user.id()).getUserSessions()).as("the SSO session ended").isEmpty();
        assertThat(reason(awaitSessionEnded(user.id()))).isEqualTo(SessionEndedAudit.IDLE);
    }

    @Test
    void theMaximumEndsASessionHoweverActive() throws Exception {
        String tenant = tenantWith("{\"sessions\": {\"maxHours\": 1}}");
        TestUsers.TestUser user = member(tenant, "Viewer");
        TokenResponse tokens = signIn(user, tenant);

        for (int minutes : new int[] {20, 40}) {
            clock.advance(Duration.ofMinutes(minutes));
            tokens = client.refresh(tokens.refreshToken());
            assertThat(tokens.status()).as("active at %d minutes: %s", minutes, tokens.body()).isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(61));
        TokenResponse refused = client.refresh(tokens.refreshToken());

        assertThat(refused.error()).isEqualTo("invalid_grant");
        clock.reset();
        assertThat(reason(awaitSessionEnded(user.id()))).isEqualTo(SessionEndedAudit.MAX);
    }

    @Test
    void userinfoOfAnIdleSessionAnswers401() throws Exception {
        String tenant = tenantWith("{\"sessions\": {\"idleMinutes\": 1}}");
        TokenResponse tokens = signIn(member(tenant, "Viewer"), tenant);
        // The test client's access tokens live Keycloak's 5 minutes (it has no expiry mapper), past the session.
        clock.advance(Duration.ofMinutes(2));

        assertThatThrownBy(() -> client.userInfo(tokens.accessToken())).hasMessageContaining("userinfo answered 401");
    }

    @Test
    void introspectionOfAnIdleSessionsTokenSaysInactiveAndTheSessionEnds() throws Exception {
        String tenant = tenantWith("{\"sessions\": {\"idleMinutes\": 1}}");
        TestUsers.TestUser user = member(tenant, "Viewer");
        TokenResponse tokens;
        try (RelyingParty api = RelyingParty.confidentialClient(demo.getBaseUrl(), ResourceServer.CLIENT_ID,
                ResourceServer.SECRET)) {
            tokens = api.passwordGrant(user.username(), DemoRealm.PASSWORD, "openid organization:" + tenant);
        }
        assertThat(tokens.status()).as(tokens.body().toString()).isEqualTo(200);
        String introspection = client.endpoint("introspection_endpoint");
        assertThat(RelyingParty.introspect(introspection, ResourceServer.CLIENT_ID, ResourceServer.SECRET,
                tokens.accessToken()).get("active")).isEqualTo(true);
        // Its access tokens live Keycloak's 5 minutes (no expiry mapper): after 2 minutes only the session is over.
        clock.advance(Duration.ofMinutes(2));

        assertThat(RelyingParty.introspect(introspection, ResourceServer.CLIENT_ID, ResourceServer.SECRET,
                tokens.accessToken()).get("active")).isEqualTo(false);
        clock.reset();
        assertThat(demo.admin().users().get(user.id()).getUserSessions()).isEmpty();
    }

    @Test
    void cookieSsoOfAnIdleSessionStartsOverAtTheLoginPageThatSaysWhy() throws Exception {
        String tenant = tenantWith("{\"sessions\": {\"idleMinutes\": 5}}");
        TestUsers.TestUser user = member(tenant, "Viewer");
        AuthorizationRequest first = browserSignIn(user, tenant);
        tokens(first);
        clock.advance(Duration.ofMinutes(6));

        driver().get(spa.authorizationRequest("openid organization:" + tenant).url());

        HostedLogin.waitFor(driver(), By.id("username"));
        // The page names the tenant the session was used for, and the limit with its plural form.
        assertThat(driver().findElement(By.tagName("body")).getText()).containsPattern("Your session with [^\\n]*"
                + java.util.regex.Pattern.quote(tenant) + " ended because it was not used for more than 5 minutes, the limit that applies to your "
                + "account there. Sign in again.");
        assertThat(spa.awaitCallback(Duration.ofMillis(500))).as("no silent sign-in").isNull();
        clock.reset();
        assertThat(demo.admin().users().get(user.id()).getUserSessions()).isEmpty();
    }

    @Test
    void aSessionUsedForTwoTenantsLivesByTheShorterLimitAndItsTokensDoNotOutliveIt() throws Exception {
        String relaxed = tenantWith("{\"sessions\": {\"idleMinutes\": 30}}");
        String strict = tenantWith("{\"sessions\": {\"idleMinutes\": 3}}");
        TestUsers.TestUser user = member(relaxed, "Viewer");
        addMember(strict, user.id(), "Viewer");
        TokenResponse relaxedTokens = tokens(browserSignIn(user, relaxed));
        Map<String, Object> claims = RelyingParty.unverifiedClaims(relaxedTokens.accessToken());
        assertThat(((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue())
                .as("exp within 30 minutes idle; Keycloak's own 5 minutes are shorter").isLessThanOrEqualTo(300);
        AuthorizationRequest second = spa.authorizationRequest("openid organization:" + strict);
        driver().get(second.url());
        TokenResponse strictTokens = tokens(second);
        Map<String, Object> strictClaims = RelyingParty.unverifiedClaims(strictTokens.accessToken());
        assertThat(((Number) strictClaims.get("exp")).longValue() - ((Number) strictClaims.get("iat")).longValue())
                .as("no access token outlives the session's 3 idle minutes").isLessThanOrEqualTo(180);

        clock.advance(Duration.ofMinutes(4));

        assertThat(spa.refresh(relaxedTokens.refreshToken()).error()).as("the relaxed tenant's token too")
                .isEqualTo("invalid_grant");
    }

    @Test
    void disablingAUserEndsTheirSessionsAtOnce() throws Exception {
        String tenant = tenantWith("{\"sessions\": {\"idleMinutes\": 30}}");
        TestUsers.TestUser user = member(tenant, "Viewer");
        TokenResponse tokens = signIn(user, tenant);
        signIn(user, tenant);
        assertThat(demo.admin().users().get(user.id()).getUserSessions()).hasSize(2);

        UserRepresentation disabled = demo.admin().users().get(user.id()).toRepresentation();
        disabled.setEnabled(false);
        demo.admin().users().get(user.id()).update(disabled);

        assertThat(demo.admin().users().get(user.id()).getUserSessions()).as("ended, not left to expire").isEmpty();
        assertThat(reason(awaitSessionEnded(user.id()))).isEqualTo(SessionEndedAudit.USER_DISABLED);
        assertThat(client.refresh(tokens.refreshToken()).error()).isEqualTo("invalid_grant");
    }

    private AuthorizationRequest browserSignIn(TestUsers.TestUser user, String tenant) {
        AuthorizationRequest request = spa.authorizationRequest("openid organization:" + tenant);
        driver().get(request.url());
        HostedLogin.signIn(driver(), user.username(), DemoRealm.PASSWORD);
        return request;
    }

    private TokenResponse tokens(AuthorizationRequest request) throws Exception {
        return spa.tokensAfterRedirect(request, REDIRECT_WAIT, () -> driver().getCurrentUrl());
    }

    private WebDriver driver() {
        return browser.driver();
    }
}
