package dev.trustpack.it.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.EventPoller;
import dev.trustpack.it.support.HostedLogin;
import dev.trustpack.it.support.SpaBrowserTest;
import dev.trustpack.it.support.pages.MfaSetupPage;
import dev.trustpack.it.support.RelyingParty.AuthorizationRequest;
import dev.trustpack.it.support.RelyingParty.TokenResponse;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.events.EventType;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.ui.webdriver.BrowserType;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The demo SPA signs a user in through the hosted login page, as a browser app does: authorization code + PKCE,
 * then the tokens are checked the way a relying party checks them.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class BrowserLoginIT extends SpaBrowserTest {

    private static final Duration REDIRECT_WAIT = Duration.ofSeconds(20);

    @Test
    void loginPageIsTheTrustpackTheme() {
        WebDriver page = browser.driver();
        page.get(spa.authorizationRequest("openid").url());
        HostedLogin.waitFor(page, By.id("username"));

        assertThat(page.getPageSource())
                .contains("/login/trustpack/css/trustpack.css")
                .contains("/login/trustpack/css/styles.css");
        assertThat(page.findElement(By.id("trustpack-footer")).getText()).contains("Secured by Trustpack");
        // The realm's display name is rendered as the logo (text kept for screen readers, hidden by CSS).
        assertThat(page.findElement(By.id("kc-header-wrapper")).getAttribute("innerHTML"))
                .contains("kc-logo-text").contains("Trustpack Demo");
    }

    @Test
    void signInWithPkceReturnsTokensTheAppCanVerify() throws Exception {
        AuthorizationRequest request = spa.authorizationRequest("openid profile email");
        WebDriver page = browser.driver();
        page.get(request.url());
        HostedLogin.signIn(page, DemoRealm.ALICE, DemoRealm.PASSWORD);
        // acme requires MFA of its Owner (alice) with a grace period, which she uses here.
        MfaSetupPage.postponeIfShown(page);

        Map<String, String> callback = spa.awaitCallback(REDIRECT_WAIT);
        assertThat(callback).as("redirect to the app").isNotNull();
        assertThat(callback).containsEntry("state", request.state()).containsEntry("iss", spa.issuer())
                .containsKey("code").doesNotContainKey("error");

        TokenResponse tokens = spa.exchangeCode(callback.get("code"), request.codeVerifier());
        assertThat(tokens.status()).as("token response %s", tokens.body()).isEqualTo(200);

        String aliceId = TestUsers.id(demo.admin(), DemoRealm.ALICE);

        JWTClaimsSet idToken = spa.verify(tokens.idToken(), DemoRealm.SPA_CLIENT, Map.of("nonce", request.nonce()));
        assertThat(idToken.getSubject()).isEqualTo(aliceId);
        assertThat(idToken.getStringClaim("azp")).isEqualTo(DemoRealm.SPA_CLIENT);
        assertThat(idToken.getStringClaim("preferred_username")).isEqualTo(DemoRealm.ALICE);
        assertThat(idToken.getStringClaim("email")).isEqualTo("alice@acme.example");

        // The access token is for the API the SPA calls (the demo backend); the backend verifies it like this.
        JWTClaimsSet accessToken = spa.verify(tokens.accessToken(), DemoRealm.BACKEND_CLIENT, Map.of());
        assertThat(accessToken.getSubject()).isEqualTo(aliceId);
        assertThat(accessToken.getStringClaim("azp")).isEqualTo(DemoRealm.SPA_CLIENT);
        assertThat(accessToken.getExpirationTime()).isAfter(accessToken.getIssueTime());

        TokenResponse refreshed = spa.refresh(tokens.refreshToken());
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(spa.verify(refreshed.accessToken(), DemoRealm.BACKEND_CLIENT, Map.of()).getSubject()).isEqualTo(aliceId);
    }

    @Test
    void aDemoUserReachesTheAccountConsole() {
        assumeTrue(browser.getBrowserType() != BrowserType.HTML_UNIT,
                "The account console is a React app that HtmlUnit cannot run; CI runs this in Chromium");
        WebDriver page = browser.driver();
        page.get(demo.getBaseUrl() + "/account");
        HostedLogin.signIn(page, DemoRealm.ALICE, DemoRealm.PASSWORD);
        MfaSetupPage.postponeIfShown(page);

        WebElement firstName = HostedLogin.waitFor(page, By.id("firstName"));
        assertThat(firstName.getDomProperty("value")).isEqualTo("Alice");
        assertThat(page.getCurrentUrl()).startsWith(demo.getBaseUrl() + "/account");
    }

    @Test
    void aCodeIsRedeemedOnlyWithItsPkceVerifier() throws Exception {
        AuthorizationRequest request = spa.authorizationRequest("openid");
        browser.driver().get(request.url());
        HostedLogin.signIn(browser.driver(), DemoRealm.BOB, DemoRealm.PASSWORD);
        // globex (bob's tenant) recommends MFA.
        MfaSetupPage.postponeIfShown(browser.driver());
        Map<String, String> callback = spa.awaitCallback(REDIRECT_WAIT);
        assertThat(callback).isNotNull().containsKey("code");

        TokenResponse stolen = spa.exchangeCode(callback.get("code"), spa.authorizationRequest("openid").codeVerifier());
        assertThat(stolen.status()).isEqualTo(400);
        assertThat(stolen.error()).isEqualTo("invalid_grant");
        assertThat(stolen.accessToken()).isNull();
    }

    @Test
    void authorizationRequestWithoutPkceIsRefused() throws Exception {
        String withoutPkce = spa.authorizationRequest("openid").url()
                .replaceAll("&code_challenge=[^&]*", "").replaceAll("&code_challenge_method=[^&]*", "");
        HttpResponse<Void> response = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(withoutPkce)).GET().build(), HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(spa.redirectUri()).contains("error=invalid_request").doesNotContain("code=");
    }

    @Test
    void wrongPasswordShowsAnErrorIssuesNoCodeAndRecordsLoginError() throws Exception {
        String aliceId = TestUsers.id(demo.admin(), DemoRealm.ALICE);
        try {
            WebDriver page = browser.driver();
            page.get(spa.authorizationRequest("openid").url());
            HostedLogin.signIn(page, DemoRealm.ALICE, "not-" + DemoRealm.PASSWORD);

            assertThat(HostedLogin.inputError(page)).isEqualTo("Invalid username or password.");
            assertThat(page.findElement(By.id("trustpack-footer")).isDisplayed()).isTrue();
            assertThat(spa.awaitCallback(Duration.ofSeconds(2))).as("no redirect, so no code").isNull();

            EventRepresentation event = EventPoller.next(events, EventType.LOGIN_ERROR);
            assertThat(event.getClientId()).isEqualTo(DemoRealm.SPA_CLIENT);
            assertThat(event.getUserId()).isEqualTo(aliceId);
            assertThat(event.getError()).isEqualTo("invalid_user_credentials");
            assertThat(String.valueOf(event.getDetails())).doesNotContain(DemoRealm.PASSWORD);

            assertThat(demo.admin().attackDetection().bruteForceUserStatus(aliceId))
                    .as("brute-force detection counted the failure").containsEntry("numFailures", 1);
        } finally {
            demo.admin().attackDetection().clearBruteForceForUser(aliceId);
        }
    }
}
