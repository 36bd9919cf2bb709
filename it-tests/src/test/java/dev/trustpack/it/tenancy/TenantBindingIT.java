package dev.trustpack.it.tenancy;

import static dev.trustpack.it.tenancy.TenantTokensIT.assertTenant;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.HostedLogin;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.RelyingParty.AuthorizationRequest;
import dev.trustpack.it.support.RelyingParty.TokenResponse;
import dev.trustpack.it.support.SpaBrowserTest;
import dev.trustpack.it.support.TrustpackServerConfig;
import dev.trustpack.it.support.pages.MfaSetupPage;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

/**
 * A token stays with the tenant its login chose. Carol is Viewer in acme and Admin in globex; she signs in for acme,
 * then for globex in the same browser (SSO). Nothing done with the acme grant afterwards — a refresh with any scope,
 * an offline refresh, a token exchange — yields a globex token.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class TenantBindingIT extends SpaBrowserTest {

    private static final Duration REDIRECT_WAIT = Duration.ofSeconds(20);
    private static final List<String> VIEWER = List.of("Viewer");
    private static final List<String> ADMIN = List.of("Admin");

    @Test
    void aRefreshKeepsTheTenantOfItsLoginWhateverScopeItAsksFor() throws Exception {
        TokenResponse acme = signIn("openid organization:acme");
        TokenResponse globex = signInBySso("openid organization:globex");
        assertTenant(claims(globex.accessToken()), "globex", "Globex Corporation", ADMIN);

        for (String scope : Arrays.asList(null, "openid", "openid organization", "openid organization:acme")) {
            TokenResponse refreshed = spa.refresh(acme.refreshToken(), scope);
            assertThat(refreshed.status()).as("refresh with scope %s: %s", scope, refreshed.body()).isEqualTo(200);
            Map<String, Object> access = claims(refreshed.accessToken());
            assertTenant(access, "acme", "Acme Corp", VIEWER);
            assertThat(String.valueOf(access.get("scope"))).as("scope %s", scope).contains("organization:acme");
            assertThat(access.get("organization")).as("Keycloak's own organization claim agrees").isEqualTo(List.of("acme"));
            assertTenant(spa.userInfo(refreshed.accessToken()), "acme", "Acme Corp", VIEWER);
        }
        for (String scope : List.of("openid organization:globex", "organization:globex", "openid organization:*",
                "organization:acme organization:globex")) {
            TokenResponse refused = spa.refresh(acme.refreshToken(), scope);
            assertThat(refused.status()).as("refresh with scope %s: %s", scope, refused.body()).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("invalid_scope");
            assertThat(refused.accessToken()).isNull();
        }
        assertThat(spa.refresh(acme.refreshToken(), "openid organization:globex").errorDescription())
                .contains("bound to tenant 'acme'");

        TokenResponse refreshedGlobex = spa.refresh(globex.refreshToken(), "openid");
        assertTenant(claims(refreshedGlobex.accessToken()), "globex", "Globex Corporation", ADMIN);
    }

    @Test
    void loginsForTwoTenantsInOneBrowserEachKeepTheirOwnBinding() throws Exception {
        // Both logins complete before either code is exchanged, and the later one is exchanged first.
        AuthorizationRequest forAcme = spa.authorizationRequest("openid organization:acme");
        browser.driver().get(forAcme.url());
        HostedLogin.signIn(browser.driver(), DemoRealm.CAROL, DemoRealm.PASSWORD);
        String acmeCode = awaitCode();
        AuthorizationRequest forGlobex = spa.authorizationRequest("openid organization:globex");
        browser.driver().get(forGlobex.url());
        String globexCode = awaitCode();

        TokenResponse globex = spa.exchangeCode(globexCode, forGlobex.codeVerifier());
        TokenResponse acme = spa.exchangeCode(acmeCode, forAcme.codeVerifier());

        assertTenant(claims(acme.accessToken()), "acme", "Acme Corp", VIEWER);
        assertTenant(claims(acme.idToken()), "acme", "Acme Corp", VIEWER);
        assertTenant(claims(globex.accessToken()), "globex", "Globex Corporation", ADMIN);
        assertTenant(claims(spa.refresh(acme.refreshToken(), "openid").accessToken()), "acme", "Acme Corp", VIEWER);
        Map<String, Object> introspected = RelyingParty.introspect(spa.endpoint("introspection_endpoint"),
                DemoRealm.BACKEND_CLIENT, DemoRealm.BACKEND_SECRET, acme.accessToken());
        assertTenant(introspected, "acme", "Acme Corp", VIEWER);
    }

    @Test
    void anOfflineTokenKeepsItsTenant() throws Exception {
        TokenResponse offline = signIn("openid offline_access organization:acme");
        assertThat(RelyingParty.unverifiedClaims(offline.refreshToken())).containsEntry("typ", "Offline");
        signInAgain("openid organization:globex");

        TokenResponse refreshed = spa.refresh(offline.refreshToken(), "openid offline_access");
        assertThat(refreshed.status()).as("%s", refreshed.body()).isEqualTo(200);
        assertTenant(claims(refreshed.accessToken()), "acme", "Acme Corp", VIEWER);

        TokenResponse moved = spa.refresh(offline.refreshToken(), "openid offline_access organization:globex");
        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.error()).isEqualTo("invalid_scope");
    }

    @Test
    void aTokenExchangeKeepsTheSubjectTokensTenantAndRefusesAnother() throws Exception {
        ClientRepresentation backend = demo.admin().clients().findByClientId(DemoRealm.BACKEND_CLIENT).get(0);
        String previous = backend.getAttributes().get("standard.token.exchange.enabled");
        backend.getAttributes().put("standard.token.exchange.enabled", "true");
        demo.admin().clients().get(backend.getId()).update(backend);
        try (RelyingParty backendRp = RelyingParty.confidentialClient(demo.getBaseUrl(), DemoRealm.BACKEND_CLIENT,
                DemoRealm.BACKEND_SECRET)) {
            TokenResponse acme = signIn("openid organization:acme");
            signInBySso("openid organization:globex");

            TokenResponse retargeted = backendRp.exchange(acme.accessToken(), "openid organization:globex");
            assertThat(retargeted.status()).as("%s", retargeted.body()).isEqualTo(400);
            assertThat(retargeted.error()).isEqualTo("invalid_scope");
            assertThat(retargeted.errorDescription()).contains("bound to tenant 'acme'");

            for (String scope : Arrays.asList(null, "openid", "openid organization:acme")) {
                TokenResponse exchanged = backendRp.exchange(acme.accessToken(), scope);
                assertThat(exchanged.status()).as("exchange with scope %s: %s", scope, exchanged.body()).isEqualTo(200);
                Map<String, Object> access = claims(exchanged.accessToken());
                assertThat(access.get("azp")).isEqualTo(DemoRealm.BACKEND_CLIENT);
                assertTenant(access, "acme", "Acme Corp", VIEWER);
            }
        } finally {
            backend.getAttributes().remove("standard.token.exchange.enabled");
            if (previous != null) {
                backend.getAttributes().put("standard.token.exchange.enabled", previous);
            }
            demo.admin().clients().get(backend.getId()).update(backend);
        }
    }

    private TokenResponse signIn(String scope) throws Exception {
        AuthorizationRequest request = spa.authorizationRequest(scope);
        browser.driver().get(request.url());
        HostedLogin.signIn(browser.driver(), DemoRealm.CAROL, DemoRealm.PASSWORD);
        // carol is globex's Admin and globex recommends MFA: these tests are about tenants.
        MfaSetupPage.postponeIfShown(browser.driver());
        return exchange(request, awaitCode());
    }

    /** A later login in the same browser: the SSO cookie completes it without a password. */
    private TokenResponse signInBySso(String scope) throws Exception {
        AuthorizationRequest request = spa.authorizationRequest(scope);
        browser.driver().get(request.url());
        return exchange(request, awaitCode());
    }

    /**
     * A later login for another tenant in the same browser, by SSO or, where Keycloak shows the login form again (as
     * it does after a login that asked for an offline token), with the password.
     */
    private TokenResponse signInAgain(String scope) throws Exception {
        AuthorizationRequest request = spa.authorizationRequest(scope);
        browser.driver().get(request.url());
        Map<String, String> callback = spa.awaitCallback(Duration.ofSeconds(3));
        if (callback == null) {
            HostedLogin.signIn(browser.driver(), DemoRealm.CAROL, DemoRealm.PASSWORD);
            MfaSetupPage.postponeIfShown(browser.driver());
            return exchange(request, awaitCode());
        }
        return exchange(request, callback.get("code"));
    }

    private TokenResponse exchange(AuthorizationRequest request, String code) throws Exception {
        TokenResponse tokens = spa.exchangeCode(code, request.codeVerifier());
        assertThat(tokens.status()).as("token response %s", tokens.body()).isEqualTo(200);
        return tokens;
    }

    private String awaitCode() throws InterruptedException {
        Map<String, String> callback = spa.awaitCallback(REDIRECT_WAIT);
        assertThat(callback).as("redirect with a code; the browser shows %s", browser.driver().getCurrentUrl())
                .isNotNull().containsKey("code");
        return callback.get("code");
    }

    private static Map<String, Object> claims(String jwt) {
        return RelyingParty.unverifiedClaims(jwt);
    }
}
