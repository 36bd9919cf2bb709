package dev.trustpack.it.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trustpack.it.support.AuditSinks;
import dev.trustpack.it.support.DemoRealm;
import dev.trustpack.it.support.DirectGrantTest;
import dev.trustpack.it.support.HostedLogin;
import dev.trustpack.it.support.RelyingParty;
import dev.trustpack.it.support.RelyingParty.AuthorizationRequest;
import dev.trustpack.it.support.RelyingParty.TokenResponse;
import dev.trustpack.it.support.TestTenants;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.Totp;
import dev.trustpack.it.support.TrustpackAdminApi.Reply;
import dev.trustpack.it.support.TrustpackServerConfig;
import dev.trustpack.it.support.pages.MfaSetupPage;
import dev.trustpack.it.support.pages.MfaVerifyPage;
import dev.trustpack.it.support.pages.OtpPage;
import dev.trustpack.it.support.pages.RecoveryCodePage;
import dev.trustpack.it.support.pages.RecoveryCodesSetupPage;
import dev.trustpack.it.support.pages.TotpSetupPage;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The demo realm's MFA policy at the hosted login, in Chromium: acme requires a second factor of its Owners and
 * Admins with a 7-day grace, globex recommends one, acme's Viewers are not asked. Codes are computed from the key
 * the set-up page shows, as an authenticator app does.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class MfaBrowserIT extends DirectGrantTest {

    private static final Duration REDIRECT_WAIT = Duration.ofSeconds(20);
    private static final Duration AUDIT_WAIT = Duration.ofSeconds(15);

    @InjectWebDriver
    ManagedWebDriver browser;

    private RelyingParty spa;
    private Instant start;
    private final List<String> users = new ArrayList<>();
    private TestTenants tenants;

    @BeforeEach
    void startSpa() throws Exception {
        start = Instant.now().minusSeconds(1);
        tenants = new TestTenants(demo.admin());
        spa = RelyingParty.publicClient(demo.getBaseUrl(), DemoRealm.SPA_CLIENT);
        HostedLogin.forgetSession(browser.driver(), demo.getBaseUrl());
    }

    @AfterEach
    void cleanUp() {
        spa.close();
        users.forEach(id -> demo.admin().users().delete(id).close());
        tenants.removeAll();
    }

    @Test
    void anOwnerInTheGracePeriodSeesTheDaysLeftAndMayPostpone() throws Exception {
        TestUsers.TestUser owner = member("acme", "Owner");

        AuthorizationRequest request = signIn(owner, "openid organization:acme");
        MfaSetupPage setup = new MfaSetupPage(driver());
        setup.assertCurrent();
        assertThat(setup.notice()).contains("Acme Corp").contains("7 more day");
        assertThat(setup.factors()).containsExactly("totp", "webauthn", "passkey");
        assertThat(setup.canPostpone()).isTrue();
        setup.postpone();

        Map<String, Object> access = claims(tokens(request).accessToken());
        assertThat(access.get("acr")).isEqualTo("pwd");
        assertThat(access.get("amr")).isEqualTo(List.of("pwd"));
        JsonNode started = awaitAudit("mfa_grace_started", owner.id());
        assertThat(started.path("trustpacktenant").asText()).isEqualTo("acme");
        assertThat(started.path("data").path("details").path("grace_days").asText()).isEqualTo("7");
        assertThat(awaitAudit("mfa_postponed", owner.id()).path("data").path("details").path("days_left").asText())
                .isEqualTo("7");

        // The grace counts from the first login: a second one neither restarts nor extends it.
        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
        signIn(owner, "openid organization:acme");
        setup.assertCurrent();
        assertThat(setup.notice()).contains("7 more day");
        assertThat(auditCount("mfa_grace_started", owner.id())).isEqualTo(1);
    }

    @Test
    void aViewerOfAcmeIsNotAskedForASecondFactor() throws Exception {
        TestUsers.TestUser viewer = member("acme", "Viewer");

        AuthorizationRequest request = signIn(viewer, "openid organization:acme");

        Map<String, Object> access = claims(tokens(request).accessToken());
        assertThat(access.get("acr")).isEqualTo("pwd");
        assertThat(auditCount("mfa_grace_started", viewer.id())).isZero();
    }

    @Test
    void settingUpAnAuthenticatorAppGivesTokensWhoseAcrAndAmrShowMfaAlsoAfterRefresh() throws Exception {
        TestUsers.TestUser owner = member("acme", "Owner");

        AuthorizationRequest request = signIn(owner, "openid organization:acme");
        Enrolment enrolment = enrolTotp();

        TokenResponse tokens = tokens(request);
        Map<String, Object> access = claims(tokens.accessToken());
        assertThat(access.get("acr")).isEqualTo("mfa");
        assertThat(access.get("amr")).isEqualTo(List.of("pwd", "otp", "mfa"));
        assertThat(claims(tokens.idToken()).get("amr")).isEqualTo(List.of("pwd", "otp", "mfa"));
        Map<String, Object> refreshed = claims(spa.refresh(tokens.refreshToken()).accessToken());
        assertThat(refreshed.get("acr")).isEqualTo("mfa");
        assertThat(refreshed.get("amr")).isEqualTo(List.of("pwd", "otp", "mfa"));
        assertThat(enrolment.recoveryCodes()).hasSize(12);
        assertThat(awaitAudit("mfa_enrolled", owner.id()).path("data").path("details").path("factor").asText())
                .isEqualTo("totp");
    }

    @Test
    void aRecoveryCodeStandsInForTheAuthenticatorApp() throws Exception {
        TestUsers.TestUser owner = member("acme", "Owner");
        signIn(owner, "openid organization:acme");
        Enrolment enrolment = enrolTotp();
        spa.awaitCallback(REDIRECT_WAIT);

        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
        AuthorizationRequest request = signIn(owner, "openid organization:acme");
        MfaVerifyPage verify = new MfaVerifyPage(driver());
        verify.assertCurrent();
        assertThat(verify.notice()).contains("Acme Corp");
        assertThat(verify.factors()).containsExactly("totp", "recovery");
        verify.choose("recovery");
        RecoveryCodePage recovery = new RecoveryCodePage(driver());
        recovery.assertCurrent();
        recovery.submit(enrolment.recoveryCodes().get(recovery.requestedNumber() - 1));

        Map<String, Object> access = claims(tokens(request).accessToken());
        assertThat(access.get("acr")).isEqualTo("mfa");
        assertThat(access.get("amr")).isEqualTo(List.of("pwd", "rc", "mfa"));
    }

    @Test
    void aTotpCodeWorksOnceAndIsRefusedTheSecondTime() throws Exception {
        TestUsers.TestUser owner = member("acme", "Owner");
        signIn(owner, "openid organization:acme");
        Enrolment enrolment = enrolTotp();
        spa.awaitCallback(REDIRECT_WAIT);
        String code = enrolment.totp().codeOtherThan(enrolment.usedCode());

        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
        AuthorizationRequest first = signIn(owner, "openid organization:acme");
        verifyWithTotp(code);
        assertThat(claims(tokens(first).accessToken()).get("acr")).isEqualTo("mfa");

        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
        signIn(owner, "openid organization:acme");
        verifyWithTotp(code);
        OtpPage otp = new OtpPage(driver());
        otp.assertCurrent();
        assertThat(otp.error()).isEqualTo("Invalid authenticator code.");
        assertThat(spa.awaitCallback(Duration.ofSeconds(2))).as("no code for a reused OTP").isNull();
        assertThat(demo.admin().toRepresentation().isOtpPolicyCodeReusable()).as("codeReusable pinned").isFalse();
        // Brute-force detection counted it as a second-factor failure (Keycloak records failures asynchronously).
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Map<String, Object> status = demo.admin().attackDetection().bruteForceUserStatus(owner.id());
        while (!Integer.valueOf(1).equals(status.get("numSecondaryAuthFailures")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = demo.admin().attackDetection().bruteForceUserStatus(owner.id());
        }
        assertThat(status).containsEntry("numFailures", 1).containsEntry("numSecondaryAuthFailures", 1);
    }

    @Test
    void aForgedLaterDoesNotSkipARequiredFactor() throws Exception {
        TestUsers.TestUser owner = member("acme", "Owner");
        signIn(owner, "openid organization:acme");
        enrolTotp();
        spa.awaitCallback(REDIRECT_WAIT);

        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
        signIn(owner, "openid organization:acme");
        MfaVerifyPage verify = new MfaVerifyPage(driver());
        verify.assertCurrent();
        postForged("trustpack-mfa-verify-form", "later");

        verify.assertCurrent();
        assertThat(spa.awaitCallback(Duration.ofSeconds(2))).as("no code without the factor").isNull();
    }

    @Test
    void withoutAGracePeriodSetUpIsForcedAndCannotBePostponedEvenByAForgedPost() throws Exception {
        String alias = tenants.create("mfa", Map.of("trustpack.policy.mfa.require", "required", "trustpack.policy.mfa.graceDays", "0"));
        TestUsers.TestUser user = member(alias, null);

        signIn(user, "openid organization:" + alias);
        MfaSetupPage setup = new MfaSetupPage(driver());
        setup.assertCurrent();
        assertThat(setup.canPostpone()).isFalse();
        assertThat(setup.notice()).contains("requires a second factor to sign in");
        postForged("trustpack-mfa-setup-form", "later");

        setup.assertCurrent();
        assertThat(spa.awaitCallback(Duration.ofSeconds(2))).as("no code without a factor").isNull();
        assertThat(auditCount("mfa_grace_started", user.id())).isZero();
    }

    @Test
    void whenTheGraceIsShortenedToNothingEnrolmentIsForcedAndAudited() throws Exception {
        String alias = tenants.create("mfa", Map.of("trustpack.policy.mfa.require", "required", "trustpack.policy.mfa.graceDays", "7"));
        TestUsers.TestUser user = member(alias, null);
        signIn(user, "openid organization:" + alias);
        new MfaSetupPage(driver()).postpone();
        assertThat(spa.awaitCallback(REDIRECT_WAIT)).containsKey("code");

        Reply changed = realmAdmin.put("/tenants/" + alias + "/policy",
                "{\"mfa\": {\"require\": \"required\", \"graceDays\": 0}}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        HostedLogin.forgetSession(driver(), demo.getBaseUrl());
        signIn(user, "openid organization:" + alias);

        MfaSetupPage setup = new MfaSetupPage(driver());
        setup.assertCurrent();
        assertThat(setup.canPostpone()).isFalse();
        awaitAudit("mfa_enforced", user.id());
    }

    @Test
    void anSsoSessionWithoutMfaStepsUpWhenItIsUsedForATenantThatRequiresIt() throws Exception {
        TestUsers.TestUser user = member("globex", "Viewer");
        grant("acme", user, "Owner");

        AuthorizationRequest globex = signIn(user, "openid organization:globex");
        MfaSetupPage recommended = new MfaSetupPage(driver());
        recommended.assertCurrent();
        assertThat(recommended.notice()).contains("Globex Corporation recommends");
        recommended.postpone();
        assertThat(claims(tokens(globex).accessToken()).get("acr")).isEqualTo("pwd");

        // Same browser, same SSO session, now for acme: no silent redirect, the grace notice of acme instead.
        driver().get(spa.authorizationRequest("openid organization:acme").url());
        MfaSetupPage stepUp = new MfaSetupPage(driver());
        stepUp.assertCurrent();
        assertThat(stepUp.notice()).contains("Acme Corp requires a second factor");
        assertThat(spa.awaitCallback(Duration.ofSeconds(2))).as("no silent SSO for acme").isNull();
        JsonNode record = awaitAudit("mfa_step_up", user.id());
        assertThat(record.path("trustpacktenant").asText()).isEqualTo("acme");
    }

    @Test
    void aRelyingPartyThatAsksForAcrMfaGetsASecondFactorEvenWherePolicyIsOff() throws Exception {
        TestUsers.TestUser viewer = member("acme", "Viewer");

        AuthorizationRequest request = spa.authorizationRequest("openid organization:acme");
        driver().get(request.url() + "&acr_values=mfa");
        HostedLogin.signIn(driver(), viewer.username(), DemoRealm.PASSWORD);
        MfaSetupPage setup = new MfaSetupPage(driver());
        setup.assertCurrent();
        assertThat(setup.canPostpone()).as("an acr request grants no grace").isFalse();
        setup.setUpWithKeyboard("totp");
        TotpSetupPage totpSetup = new TotpSetupPage(driver());
        totpSetup.assertCurrent();
        Totp totp = Totp.fromShownKey(totpSetup.shownSecret());
        totpSetup.submit(totp.freshCode(5), "phone");
        new RecoveryCodesSetupPage(driver()).confirmSavedWhenShown();

        assertThat(claims(tokens(request).accessToken()).get("acr")).isEqualTo("mfa");
    }

    /** From the set-up page, sets up an authenticator app and saves the recovery codes offered next. */
    private Enrolment enrolTotp() throws InterruptedException {
        MfaSetupPage setup = new MfaSetupPage(driver());
        setup.assertCurrent();
        setup.setUp("totp");
        TotpSetupPage totpSetup = new TotpSetupPage(driver());
        totpSetup.assertCurrent();
        Totp totp = Totp.fromShownKey(totpSetup.shownSecret());
        String code = totp.freshCode(5);
        totpSetup.submit(code, "phone");
        RecoveryCodesSetupPage recovery = new RecoveryCodesSetupPage(driver());
        recovery.assertCurrent();
        List<String> codes = recovery.codes();
        recovery.confirmSaved();
        return new Enrolment(totp, code, codes);
    }

    private record Enrolment(Totp totp, String usedCode, List<String> recoveryCodes) {
    }

    private void verifyWithTotp(String code) {
        MfaVerifyPage verify = new MfaVerifyPage(driver());
        verify.assertCurrent();
        verify.choose("totp");
        OtpPage otp = new OtpPage(driver());
        otp.assertCurrent();
        otp.submit(code);
    }

    /** Submits the page's form with an extra parameter, as a user editing the page would. */
    private void postForged(String formId, String parameter) {
        ((JavascriptExecutor) driver()).executeScript(
                "const form = document.getElementById(arguments[0]);"
                        + "const input = document.createElement('input');"
                        + "input.type = 'hidden'; input.name = arguments[1]; input.value = arguments[1];"
                        + "form.appendChild(input); form.submit();", formId, parameter);
    }

    private AuthorizationRequest signIn(TestUsers.TestUser user, String scope) {
        AuthorizationRequest request = spa.authorizationRequest(scope);
        driver().get(request.url());
        HostedLogin.signIn(driver(), user.username(), DemoRealm.PASSWORD);
        return request;
    }

    private TokenResponse tokens(AuthorizationRequest request) throws Exception {
        Map<String, String> callback = spa.awaitCallback(REDIRECT_WAIT);
        assertThat(callback).as("redirect back to the app").isNotNull().containsKey("code");
        TokenResponse tokens = spa.exchangeCode(callback.get("code"), request.codeVerifier());
        assertThat(tokens.status()).as(tokens.body().toString()).isEqualTo(200);
        return tokens;
    }

    private TestUsers.TestUser member(String tenant, String role) throws Exception {
        TestUsers.TestUser user = TestUsers.create(demo.admin(), "mfa", "example.org");
        users.add(user.id());
        Reply added = realmAdmin.put("/tenants/" + tenant + "/members/" + user.id(),
                role == null ? "{}" : "{\"roles\": [\"" + role + "\"]}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return user;
    }

    private void grant(String tenant, TestUsers.TestUser user, String role) throws Exception {
        Reply added = realmAdmin.put("/tenants/" + tenant + "/members/" + user.id(), "{\"roles\": [\"" + role + "\"]}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
    }

    private JsonNode awaitAudit(String type, String userId) throws Exception {
        return AuditSinks.awaitRecord(realmAdmin, start, e -> isAudit(e, type, userId), AUDIT_WAIT);
    }

    private long auditCount(String type, String userId) throws Exception {
        return AuditSinks.exportJsonLines(realmAdmin, "?from=" + start).stream().filter(e -> isAudit(e, type, userId)).count();
    }

    private static boolean isAudit(JsonNode record, String type, String userId) {
        return record.path("type").asText().endsWith(".trustpack." + type) && userId.equals(record.path("subject").asText());
    }

    private WebDriver driver() {
        return browser.driver();
    }

    private static Map<String, Object> claims(String jwt) {
        return RelyingParty.unverifiedClaims(jwt);
    }
}
