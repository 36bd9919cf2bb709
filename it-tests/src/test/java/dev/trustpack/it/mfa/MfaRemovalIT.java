package dev.trustpack.it.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import dev.trustpack.it.support.TestTenants;
import dev.trustpack.it.support.TestUsers;
import dev.trustpack.it.support.Totp;
import dev.trustpack.it.support.TrustpackAdminApi.Reply;
import dev.trustpack.it.support.TrustpackServerConfig;
import dev.trustpack.it.support.pages.DeleteCredentialPage;
import dev.trustpack.it.support.pages.ErrorPage;
import dev.trustpack.it.support.pages.MfaSetupPage;
import dev.trustpack.it.support.pages.RecoveryCodesSetupPage;
import dev.trustpack.it.support.pages.TotpSetupPage;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RequiredActionConfigRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.WebDriver;

/**
 * Removing or replacing a second factor: fresh authentication on every path (the account console's action and the
 * deprecated account REST DELETE), never the last factor of a user whose policy requires MFA, and an admin's reset
 * gives a short, audited grace.
 */
@KeycloakIntegrationTest(config = TrustpackServerConfig.class)
class MfaRemovalIT extends DirectGrantTest {

    private static final String TOTP_SECRET = "JBSWY3DPEHPK3PXP";
    private static final Map<String, String> REQUIRED_NO_GRACE = Map.of("trustpack.policy.mfa.require", "required",
            "trustpack.policy.mfa.graceDays", "0");

    @InjectWebDriver
    ManagedWebDriver browser;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> users = new ArrayList<>();
    private TestTenants tenants;
    private Instant start;

    @BeforeEach
    void markStart() {
        start = Instant.now().minusSeconds(1);
        tenants = new TestTenants(demo.admin());
    }

    @AfterEach
    void cleanUp() {
        users.forEach(id -> demo.admin().users().delete(id).close());
        tenants.removeAll();
    }

    @Test
    void theDeprecatedDeleteCannotRemoveTheLastFactorOfAUserWhoseTenantRequiresMfa() throws Exception {
        Member member = member(requiredTenant(), 1);

        HttpResponse<String> refused = deprecatedDelete(member, freshToken(member));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("last second factor");
        assertThat(otpCredentials(member)).hasSize(1);
    }

    @Test
    void theDeprecatedDeleteNeedsARecentSignInAndThenRemovesAFactorThatIsNotTheLast() throws Exception {
        Member member = member(requiredTenant(), 2);
        RequiredActionConfigRepresentation strict = new RequiredActionConfigRepresentation();
        strict.setConfig(Map.of("max_auth_age", "1"));
        demo.admin().flows().updateRequiredActionConfig("delete_credential", strict);
        try {
            String token = freshToken(member);
            Thread.sleep(2_100);
            HttpResponse<String> stale = deprecatedDelete(member, token);
            assertThat(stale.statusCode()).as(stale.body()).isEqualTo(403);
            assertThat(stale.body()).contains("needs a sign-in within the last 1 seconds");
        } finally {
            demo.admin().flows().removeRequiredActionConfig("delete_credential");
        }

        HttpResponse<String> removed = deprecatedDelete(member, freshToken(member));

        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        assertThat(otpCredentials(member)).hasSize(1);
        JsonNode record = awaitAudit("mfa_removed", member.id());
        assertThat(record.path("data").path("details").path("factor").asText()).isEqualTo("totp");
    }

    @Test
    void theAccountConsolesDeleteActionKeepsTheLastRequiredFactor() throws Exception {
        String alias = requiredTenant();
        Member member = member(alias, 0);
        WebDriver page = browser.driver();
        try (RelyingParty spa = RelyingParty.publicClient(demo.getBaseUrl(), DemoRealm.SPA_CLIENT)) {
            HostedLogin.forgetSession(page, demo.getBaseUrl());
            page.get(spa.authorizationRequest("openid organization:" + alias).url());
            HostedLogin.signIn(page, member.username(), DemoRealm.PASSWORD);
            MfaSetupPage setup = new MfaSetupPage(page);
            setup.assertCurrent();
            setup.setUp("totp");
            TotpSetupPage totpSetup = new TotpSetupPage(page);
            totpSetup.assertCurrent();
            totpSetup.submit(Totp.fromShownKey(totpSetup.shownSecret()).freshCode(5), "phone");
            new RecoveryCodesSetupPage(page).confirmSavedWhenShown();
            assertThat(spa.awaitCallback(Duration.ofSeconds(20))).containsKey("code");
            String credentialId = otpCredentials(member).get(0).getId();

            // What the account console does: an application-initiated action in the same browser.
            AuthorizationRequest remove = spa.authorizationRequest("openid organization:" + alias);
            page.get(remove.url() + "&kc_action=" + URLEncoder.encode("delete_credential:" + credentialId,
                    StandardCharsets.UTF_8));
            DeleteCredentialPage confirm = new DeleteCredentialPage(page);
            confirm.assertCurrent();
            confirm.confirm();

            ErrorPage error = new ErrorPage(page);
            error.assertCurrent();
            assertThat(error.message()).contains("last second factor");
            assertThat(otpCredentials(member)).hasSize(1);
        }
    }

    @Test
    void anAdminResetOfTheFactorGivesAShortAuditedGraceToSetUpANewOne() throws Exception {
        String alias = requiredTenant();
        Member member = member(alias, 1);

        demo.admin().users().get(member.id()).removeCredential(otpCredentials(member).get(0).getId());

        JsonNode reset = awaitAudit("mfa_reset_by_admin", member.id());
        assertThat(reset.path("data").path("details").path("factor").asText()).isEqualTo("totp");
        assertThat(reset.path("data").path("details").path("grace_hours").asText()).isEqualTo("24");
        WebDriver page = browser.driver();
        try (RelyingParty spa = RelyingParty.publicClient(demo.getBaseUrl(), DemoRealm.SPA_CLIENT)) {
            HostedLogin.forgetSession(page, demo.getBaseUrl());
            page.get(spa.authorizationRequest("openid organization:" + alias).url());
            HostedLogin.signIn(page, member.username(), DemoRealm.PASSWORD);
            MfaSetupPage setup = new MfaSetupPage(page);
            setup.assertCurrent();
            assertThat(setup.canPostpone()).as("the tenant gives no grace, the reset does").isTrue();
            assertThat(setup.notice()).contains("1 more day");
            setup.postpone();
            assertThat(spa.awaitCallback(Duration.ofSeconds(20))).containsKey("code");
        }
    }

    private record Member(String id, String username) {
    }

    /** A member of the tenant with {@code totps} authenticator apps, imported as an admin would. */
    private Member member(String tenant, int totps) throws Exception {
        List<CredentialRepresentation> apps = new ArrayList<>();
        for (int i = 0; i < totps; i++) {
            apps.add(TestUsers.totp(TOTP_SECRET + i, "phone " + i));
        }
        TestUsers.TestUser user = TestUsers.create(demo.admin(), "removal", "example.org", Map.of(), apps);
        users.add(user.id());
        Reply added = realmAdmin.put("/tenants/" + tenant + "/members/" + user.id(), "{}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        Member member = new Member(user.id(), user.username());
        assertThat(otpCredentials(member)).hasSize(totps);
        return member;
    }

    private String requiredTenant() {
        return tenants.create("removal", REQUIRED_NO_GRACE);
    }

    /**
     * A token with manage-account, signed in just now through the legacy password-grant client, with a code of the
     * user's first authenticator app (Keycloak's direct-grant OTP step asks users who have one). Each call uses a code
     * the previous one did not (a code works once).
     */
    private String freshToken(Member member) throws Exception {
        String code = Totp.fromStoredSecret(TOTP_SECRET + 0).codeOtherThan(lastCode);
        lastCode = code;
        RelyingParty.TokenResponse tokens = client.passwordGrant(member.username(), DemoRealm.PASSWORD, "openid",
                Map.of("totp", code));
        assertThat(tokens.status()).as("%s", tokens.body()).isEqualTo(200);
        return tokens.accessToken();
    }

    private String lastCode = "";

    private HttpResponse<String> deprecatedDelete(Member member, String token) throws Exception {
        String credentialId = otpCredentials(member).get(0).getId();
        HttpRequest request = HttpRequest.newBuilder(URI.create(demo.getBaseUrl() + "/account/credentials/" + credentialId))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").DELETE().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private List<CredentialRepresentation> otpCredentials(Member member) {
        return demo.admin().users().get(member.id()).credentials().stream().filter(c -> "otp".equals(c.getType())).toList();
    }

    private JsonNode awaitAudit(String type, String userId) throws Exception {
        return AuditSinks.awaitRecord(realmAdmin, start, e -> e.path("type").asText().endsWith(".trustpack." + type)
                && userId.equals(e.path("subject").asText()), Duration.ofSeconds(15));
    }
}
