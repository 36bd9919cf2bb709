package dev.trustpack.it.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.HostedLogin;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.RelyingParty.AuthorizationRequest;
import dev.trustpack.it.support.RelyingParty.TokenResponse;
import dev.trustpack.it.support.TestTenants;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.TrustpackAdminApi.Reply;
import dev.trustpack.it.support.TrustpackServerConfig;
import dev.trustpack.it.support.VirtualAuthenticators;
import dev.trustpack.it.support.pages.MfaSetupPage;
import dev.trustpack.it.support.pages.RecoveryCodesSetupPage;
import dev.trustpack.it.support.pages.WebAuthnLoginPage;
import dev.trustpack.it.support.pages.WebAuthnRegisterPage;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.BrowserType;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

/**
 * Security keys and passkeys under a phishing-resistant policy, with Chromium's virtual authenticator: TOTP is not
 * offered, what is registered is used at the next login, and tokens say {@code acr=phr}.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class MfaWebAuthnIT extends DirectGrantTest {

    private static final Duration REDIRECT_WAIT = Duration.ofSeconds(20);
    private static final Map<String, String> PHISHING_RESISTANT = Map.of("trustpack.policy.mfa.require", "required",
            "trustpack.policy.mfa.graceDays", "0", "trustpack.policy.mfa.phishingResistant", "true");

    @InjectWebDriver
    ManagedWebDriver browser;

    private RelyingParty spa;
    private VirtualAuthenticator authenticator;
    private final List<String> users = new ArrayList<>();
    private TestTenants tenants;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(browser.getBrowserType() != BrowserType.HTML_UNIT,
                "WebAuthn needs Chromium's virtual authenticator, which HtmlUnit lacks; CI runs this in Chromium");
        tenants = new TestTenants(demo.admin());
        spa = RelyingParty.publicClient(demo.getBaseUrl(), DemoRealm.SPA_CLIENT);
        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
        authenticator = VirtualAuthenticators.add(driver());
    }

    @AfterEach
    void cleanUp() {
        VirtualAuthenticators.remove(driver(), authenticator);
        if (spa != null) {
            spa.close();
        }
        users.forEach(id -> demo.admin().users().delete(id).close());
        if (tenants != null) {
            tenants.removeAll();
        }
    }

    @Test
    void aSecurityKeyIsSetUpAndThenAskedForAndTokensSayPhishingResistant() throws Exception {
        String alias = tenants.create("phr", PHISHING_RESISTANT);
        TestUsers.TestUser user = member(alias);

        AuthorizationRequest first = signIn(user, alias);
        MfaSetupPage setup = new MfaSetupPage(driver());
        setup.assertCurrent();
        assertThat(setup.factors()).as("no TOTP under a phishing-resistant policy").containsExactly("webauthn", "passkey");
        setup.setUp("webauthn");
        WebAuthnRegisterPage register = new WebAuthnRegisterPage(driver());
        register.assertCurrent();
        register.register("virtual key");
        confirmRecoveryCodesIfOffered();

        Map<String, Object> access = claims(tokens(first).accessToken());
        assertThat(access.get("acr")).isEqualTo("phr");
        assertThat(access.get("amr")).isEqualTo(List.of("pwd", "hwk", "mfa"));

        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
        AuthorizationRequest second = signIn(user, alias);
        WebAuthnLoginPage key = new WebAuthnLoginPage(driver());
        key.assertCurrent();
        key.authenticate();
        assertThat(claims(tokens(second).accessToken()).get("acr")).isEqualTo("phr");
    }

    @Test
    void aPasskeyIsSetUpAsTheSecondFactorAndUsedAtTheNextLogin() throws Exception {
        String alias = tenants.create("phr", PHISHING_RESISTANT);
        TestUsers.TestUser user = member(alias);

        AuthorizationRequest first = signIn(user, alias);
        MfaSetupPage setup = new MfaSetupPage(driver());
        setup.assertCurrent();
        setup.setUp("passkey");
        WebAuthnRegisterPage register = new WebAuthnRegisterPage(driver());
        register.assertCurrent();
        register.register("virtual passkey");
        confirmRecoveryCodesIfOffered();
        assertThat(claims(tokens(first).accessToken()).get("acr")).isEqualTo("phr");
        assertThat(authenticator.getCredentials()).as("a resident (discoverable) credential").hasSize(1)
                .allSatisfy(credential -> assertThat(credential.isResidentCredential()).isTrue());

        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
        AuthorizationRequest second = signIn(user, alias);
        WebAuthnLoginPage passkey = new WebAuthnLoginPage(driver());
        passkey.assertCurrent();
        passkey.authenticate();
        Map<String, Object> access = claims(tokens(second).accessToken());
        assertThat(access.get("acr")).isEqualTo("phr");
        assertThat(access.get("amr")).isEqualTo(List.of("pwd", "hwk", "mfa"));
    }

    private void confirmRecoveryCodesIfOffered() {
        RecoveryCodesSetupPage recovery = new RecoveryCodesSetupPage(driver());
        try {
            recovery.assertCurrent();
        } catch (AssertionError redirectedInstead) {
            return;
        }
        recovery.confirmSaved();
    }

    private TestUsers.TestUser member(String tenant) throws Exception {
        TestUsers.TestUser user = TestUsers.create(demo.admin(), "webauthn", "example.org");
        users.add(user.id());
        Reply added = realmAdmin.put("/tenants/" + tenant + "/members/" + user.id(), "{}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return user;
    }

    private AuthorizationRequest signIn(TestUsers.TestUser user, String tenant) {
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

    private static Map<String, Object> claims(String jwt) {
        return RelyingParty.unverifiedClaims(jwt);
    }
}
