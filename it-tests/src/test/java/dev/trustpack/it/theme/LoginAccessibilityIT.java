package dev.trustpack.it.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.trustpack.it.support.Axe;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.GoogleSignIn;
import dev.trustpack.it.support.HostedLogin;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.TestClock;
import dev.trustpack.it.support.TestTenants;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.Totp;
import dev.trustpack.it.support.TrustpackServerConfig;
import dev.trustpack.it.support.pages.MfaSetupPage;
import dev.trustpack.it.support.pages.MfaVerifyPage;
import dev.trustpack.it.support.pages.OtpPage;
import dev.trustpack.it.support.pages.RecoveryCodesSetupPage;
import dev.trustpack.it.support.pages.TotpSetupPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Every page state of the {@code trustpack} theme passes axe-core in Chromium with no serious or critical violation,
 * and a sign-in can be done with the keyboard alone. Each test walks a path through the hosted login and runs axe on
 * each page it reaches; the failure lists every state with its violations.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class LoginAccessibilityIT extends DirectGrantTest {

    private static final Duration REDIRECT_WAIT = Duration.ofSeconds(20);

    @InjectWebDriver
    ManagedWebDriver browser;

    private RelyingParty spa;
    private TestTenants tenants;
    private TestClock clock;
    private final List<String> users = new ArrayList<>();
    private final Map<String, List<String>> findings = new LinkedHashMap<>();

    @BeforeEach
    void start() throws Exception {
        tenants = new TestTenants(demo.admin());
        clock = new TestClock(demo.getBaseUrl());
        spa = RelyingParty.publicClient(demo.getBaseUrl(), DemoRealm.SPA_CLIENT);
        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
    }

    @AfterEach
    void cleanUp() throws Exception {
        clock.reset();
        spa.close();
        users.forEach(id -> demo.admin().users().delete(id).close());
        tenants.removeAll();
    }

    @Test
    void theSignInPagesAndTheirErrors() throws Exception {
        TestUsers.TestUser user = member("acme", "Viewer");
        driver().get(spa.authorizationRequest("openid organization:acme").url());
        HostedLogin.waitFor(driver(), By.id("username"));
        check("username page");
        HostedLogin.enterUsername(driver(), user.username());
        HostedLogin.waitFor(driver(), By.id("password"));
        check("password page");
        driver().findElement(By.id("password")).sendKeys("not the password");
        driver().findElement(By.id("kc-login")).click();
        HostedLogin.inputError(driver());
        check("password page with an error");

        driver().get(demo.getBaseUrl() + "/protocol/openid-connect/auth?client_id=" + DemoRealm.SPA_CLIENT
                + "&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fevil.example%2F");
        HostedLogin.waitFor(driver(), By.id("kc-page-title"));
        check("error page (invalid redirect)");

        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
        driver().get(spa.authorizationRequest("openid").url() + "&ui_locales=de");
        HostedLogin.waitFor(driver(), By.id("username"));
        assertThat(driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
        check("username page in German");
        assertNoFindings();
    }

    @Test
    void theTenantPickerAndTheMfaPagesOfABrandedTenant() throws Exception {
        driver().get(spa.authorizationRequest("openid").url());
        HostedLogin.signIn(driver(), DemoRealm.CAROL, DemoRealm.PASSWORD);
        HostedLogin.waitFor(driver(), By.id("trustpack-select-tenant-form"));
        check("tenant picker");

        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
        TestUsers.TestUser owner = member("acme", "Owner");
        driver().get(spa.authorizationRequest("openid organization:acme").url());
        HostedLogin.signIn(driver(), owner.username(), DemoRealm.PASSWORD);
        MfaSetupPage setup = new MfaSetupPage(driver());
        setup.assertCurrent();
        check("MFA set-up with the grace notice (acme's branding)");
        setup.setUp("totp");
        TotpSetupPage totpSetup = new TotpSetupPage(driver());
        totpSetup.assertCurrent();
        check("authenticator app set-up");
        Totp totp = Totp.fromShownKey(totpSetup.shownSecret());
        totpSetup.submit(totp.freshCode(5), "phone");
        RecoveryCodesSetupPage recoveryCodes = new RecoveryCodesSetupPage(driver());
        recoveryCodes.assertCurrent();
        check("recovery codes");
        recoveryCodes.confirmSaved();
        assertThat(spa.awaitCallback(REDIRECT_WAIT)).as("signed in").isNotNull();

        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
        driver().get(spa.authorizationRequest("openid organization:acme").url());
        HostedLogin.signIn(driver(), owner.username(), DemoRealm.PASSWORD);
        MfaVerifyPage verify = new MfaVerifyPage(driver());
        verify.assertCurrent();
        assertThat(verify.rule()).isEqualTo("This is the policy of Acme Corp for members with the role Owner.");
        check("choose a second factor (acme's branding)");
        verify.choose("totp");
        new OtpPage(driver()).assertCurrent();
        check("one-time code");

        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
        TestUsers.TestUser globexMember = member("globex", "Viewer");
        driver().get(spa.authorizationRequest("openid organization:globex").url());
        HostedLogin.signIn(driver(), globexMember.username(), DemoRealm.PASSWORD);
        setup.assertCurrent();
        check("MFA recommended (globex's branding)");
        assertNoFindings();
    }

    @Test
    void aStepUpSaysTheApplicationAskedForIt() throws Exception {
        TestUsers.TestUser user = TestUsers.create(demo.admin(), "a11y", "example.org", Map.of(),
                List.of(TestUsers.totp("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "phone")));
        users.add(user.id());
        assertThat(realmAdmin.put("/tenants/globex/members/" + user.id(), "{\"roles\": [\"Viewer\"]}").status())
                .isEqualTo(201);
        // globex only recommends a second factor; the application asks for one (acr_values=mfa). With one factor
        // the login goes straight to its page, which says why.
        driver().get(spa.authorizationRequest("openid organization:globex").url() + "&acr_values=mfa");
        HostedLogin.signIn(driver(), user.username(), DemoRealm.PASSWORD);
        OtpPage otp = new OtpPage(driver());
        otp.assertCurrent();
        assertThat(driver().findElement(By.tagName("body")).getText())
                .contains("The application you are signing in to asked for a second factor for this sign-in.");
        check("step-up: one-time code");
        assertNoFindings();
    }

    @Test
    void theGoogleButton() throws Exception {
        GoogleSignIn.addProvider(demo.admin());
        try {
            driver().get(spa.authorizationRequest("openid").url());
            HostedLogin.waitFor(driver(), By.id("social-" + GoogleSignIn.ALIAS));
            check("username page with Sign in with Google");
        } finally {
            GoogleSignIn.removeProvider(demo.admin());
        }
        assertNoFindings();
    }

    @Test
    void theSessionExpiredMessage() throws Exception {
        String alias = tenants.create("a11y", Map.of());
        assertThat(realmAdmin.put("/tenants/" + alias + "/policy", "{\"sessions\": {\"idleMinutes\": 5}}").status())
                .isEqualTo(200);
        TestUsers.TestUser user = member(alias, "Viewer");
        driver().get(spa.authorizationRequest("openid organization:" + alias).url());
        HostedLogin.signIn(driver(), user.username(), DemoRealm.PASSWORD);
        assertThat(spa.awaitCallback(REDIRECT_WAIT)).as("signed in").isNotNull();
        clock.advance(Duration.ofMinutes(6));
        driver().get(spa.authorizationRequest("openid organization:" + alias).url());
        HostedLogin.waitFor(driver(), By.id("username"));
        assertThat(driver().findElement(By.tagName("body")).getText()).contains("not used for more than 5 minutes");
        check("session expired");
        clock.reset();
        assertNoFindings();
    }

    @Test
    void aSignInWithTheKeyboardAlone() throws Exception {
        TestUsers.TestUser user = member("acme", "Viewer");
        driver().get(spa.authorizationRequest("openid organization:acme").url());
        HostedLogin.waitFor(driver(), By.id("username"));

        tabTo("username").sendKeys(user.username());
        press(Keys.ENTER);
        HostedLogin.waitFor(driver(), By.id("password"));
        tabTo("password").sendKeys(DemoRealm.PASSWORD);
        press(Keys.ENTER);

        Map<String, String> callback = spa.awaitCallback(REDIRECT_WAIT);
        assertThat(callback).as("signed in without a mouse").isNotNull().containsKey("code");
    }

    /** Presses Tab until the element with this id has the focus (at most 15 times), as a keyboard user does. */
    private WebElement tabTo(String id) {
        for (int i = 0; i < 15; i++) {
            WebElement focused = driver().switchTo().activeElement();
            if (id.equals(focused.getAttribute("id"))) {
                return focused;
            }
            press(Keys.TAB);
        }
        throw new AssertionError("Tab never reached #" + id);
    }

    private void press(CharSequence key) {
        new Actions(driver()).sendKeys(key).perform();
    }

    private void check(String state) {
        findings.put(state, Axe.seriousViolations(driver()));
    }

    private void assertNoFindings() {
        assertThat(findings).as("axe-core: serious or critical violations per page state").allSatisfy(
                (state, violations) -> assertThat(violations).as(state).isEmpty());
    }

    private TestUsers.TestUser member(String alias, String role) throws Exception {
        TestUsers.TestUser user = TestUsers.member(demo.admin(), realmAdmin, "a11y", alias, role);
        users.add(user.id());
        return user;
    }

    private WebDriver driver() {
        return browser.driver();
    }
}
